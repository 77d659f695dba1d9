"""Suppress addresses that hard-bounced, from the DSNs in a Maildir or mbox.

    manage.py newsletter_bounces /var/mail/bounces/          # a Maildir
    manage.py newsletter_bounces /var/mail/bounces.mbox --delete

Messages that are not bounce reports are left alone; ``--delete`` removes the reports it processed.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samvydat.newsletter.bounces import bounces_from_mailbox, mailbox_open
from samvydat.newsletter.services import bounce_record


class Command(BaseCommand):
    help = "Read delivery status notifications from a Maildir or mbox and suppress hard-bounced addresses."

    def add_arguments(self, parser):
        parser.add_argument("mailbox", type=Path)
        parser.add_argument("--delete", action="store_true", help="delete processed bounce reports")

    def handle(self, *args, mailbox: Path, delete: bool, **options):
        if not mailbox.exists():
            raise CommandError(f"{mailbox}: no such Maildir or mbox.")
        reports = hard = suppressed = 0
        processed = []
        try:
            for key, bounces in bounces_from_mailbox(mailbox):
                if not bounces:
                    continue
                reports += 1
                processed.append(key)
                for bounce in bounces:
                    hard += bounce.hard
                    suppressed += bounce_record(email=bounce.address, hard=bounce.hard)
        except (OSError, ValueError) as error:
            raise CommandError(f"{mailbox}: cannot read it as a mailbox ({error}).") from error
        if delete and processed:
            box = mailbox_open(mailbox)
            box.lock()
            try:
                for key in processed:
                    box.discard(key)
                box.flush()
            finally:
                box.unlock()
        self.stdout.write(f"{reports} bounce report(s), {hard} hard bounce(s), {suppressed} address(es) suppressed.")
