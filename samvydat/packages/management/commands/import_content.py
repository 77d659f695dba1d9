from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samvydat.packages.errors import PackageError
from samvydat.packages.services import package_import


class Command(BaseCommand):
    help = "Import a content package (docs/content-format.md). All or nothing unless --partial."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--partial", action="store_true", help="Import the good items and list the bad ones.")
        parser.add_argument(
            "--no-revisions",
            action="store_true",
            help="Save pages without revisions or log entries (fast bulk loads, e.g. benchmark corpora).",
        )

    def handle(self, path: Path, partial: bool, no_revisions: bool, **options):
        if not path.is_dir():
            raise CommandError(f"{path}: no such folder")
        try:
            report = package_import(path=path, partial=partial, revisions=not no_revisions)
        except PackageError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(error.problems)} problem(s) found; nothing was imported.") from None
        for problem in report.skipped:
            self.stderr.write(f"skipped: {problem}")
        self.stdout.write(
            f"Imported {report.items} item(s): {report.created} created, {report.updated} updated, "
            f"{report.unchanged} unchanged" + (f", {len(report.skipped)} skipped." if report.skipped else ".")
        )
