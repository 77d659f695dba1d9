"""Mail each language's translators what became outdated there in the last day (run daily from cron)."""

from django.core.management.base import BaseCommand

from samvydat.translations.digest_services import translation_digest_send


class Command(BaseCommand):
    help = "Send the daily digest of outdated translations to each language's translators."

    def handle(self, *args, **options):
        sent = translation_digest_send()
        if not sent:
            self.stdout.write("Nothing became outdated: no digest sent.")
        for language, count in sent.items():
            self.stdout.write(f"{language}: {count} digest(s) sent")
