"""A Django ``EmailMessage`` carrying bytes we built ourselves (for the console and locmem mail backends)."""

import email
from email import policy

from django.core.mail import EmailMessage


class RawEmailMessage(EmailMessage):
    def __init__(self, *, raw: bytes, **kwargs):
        super().__init__(**kwargs)
        self.raw = raw

    def message(self, *args, **kwargs):
        return email.message_from_bytes(self.raw, policy=policy.SMTP)
