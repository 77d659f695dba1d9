from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samvydat.wordpress.errors import ExportError
from samvydat.wordpress.services import wordpress_import


class Command(BaseCommand):
    help = "Import a WordPress export (WXR) into samvydat's sections and languages: all of it or nothing."

    def add_arguments(self, parser):
        parser.add_argument("export", type=Path, help="The .xml file of Tools → Export.")
        parser.add_argument("--uploads", type=Path, help="A local copy of wp-content/uploads (no network is used).")
        parser.add_argument("--map", type=Path, dest="mapping", help="A YAML mapping file (docs/wordpress-import.md).")
        parser.add_argument("--dry-run", action="store_true", help="Report what would happen; write nothing.")

    def handle(self, *args, export, uploads, mapping, dry_run, **options):
        try:
            report = wordpress_import(path=export, uploads=uploads, mapping_path=mapping, dry_run=dry_run)
        except ExportError as error:
            raise CommandError(f"nothing imported: {error}") from None
        heading = "Would import" if dry_run else "Imported"
        for (section, lang), count in sorted(report.created.items()):
            self.stdout.write(f"{heading} {count} into {section} ({lang})")
        self.stdout.write(
            f"already imported: {report.unchanged}; drafts: {report.drafts}; scheduled: {report.scheduled}; "
            f"redirects: {report.redirects}; skipped: {len(report.skipped)}"
        )
        for line in report.skipped:
            self.stdout.write(f"skipped {line}")
        for line in report.warnings:
            self.stderr.write(f"warning: {line}")
