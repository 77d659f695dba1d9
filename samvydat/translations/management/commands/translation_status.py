"""Print the translation status: one line per item and language, ``<status> <language> <translationKey> <title>``."""

from django.core.management.base import BaseCommand, CommandError

from samvydat.translations.selectors import content_languages, translation_rows
from samvydat.translations.status import Status


class Command(BaseCommand):
    help = "List translations that are missing, outdated or up to date, one line per item and language."

    def add_arguments(self, parser):
        parser.add_argument("--language", help="Only this language (en, be, ru).")
        parser.add_argument("--status", choices=[s.value for s in Status], help="Only this status.")

    def handle(self, *args, language=None, status=None, **options):
        if language and language not in content_languages():
            raise CommandError(f"unknown language {language!r} (known: {', '.join(content_languages())})")
        rows = translation_rows(language=language, status=status)
        rows.sort(key=lambda r: (r.language, r.section, r.package_key, str(r.translation_key)))
        for row in rows:
            title = " ".join(row.title.split())
            self.stdout.write(f"{row.status.value} {row.language} {row.package_key} {title}")
