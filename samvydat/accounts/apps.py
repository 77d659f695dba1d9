from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Editors' accounts: the second factor (TOTP + recovery codes), login lockout and the audit of both."""

    name = "samvydat.accounts"
    label = "accounts"
    verbose_name = _("Editors' accounts")

    def ready(self):
        from . import (
            audit,  # noqa: F401  (connects the login, lockout and two-factor signal receivers)
            checks,  # noqa: F401  (OTP_SEED_KEY)
        )
