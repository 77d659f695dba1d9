"""Re-encrypt every stored address with the current (first) NEWSLETTER_ENCRYPTION_KEY (see docs/newsletter.md)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from samvydat.newsletter.crypto import address_reencrypt
from samvydat.newsletter.models import Subscriber


class Command(BaseCommand):
    help = "Re-encrypt subscriber addresses with the first NEWSLETTER_ENCRYPTION_KEY, so older keys can be removed."

    def handle(self, *args, **options):
        done = 0
        rows = Subscriber.objects.exclude(email_encrypted="").values_list("pk", "email_encrypted")
        for start in range(0, rows.count(), 1000):
            with transaction.atomic():
                for pk, token in rows.order_by("pk")[start : start + 1000]:
                    Subscriber.objects.filter(pk=pk, email_encrypted=token).update(
                        email_encrypted=address_reencrypt(token)
                    )
                    done += 1
        self.stdout.write(f"{done} address(es) re-encrypted with the current key.")
