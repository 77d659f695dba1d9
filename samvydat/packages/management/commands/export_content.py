from pathlib import Path

from django.core.management.base import BaseCommand

from samvydat.packages.services import package_export


class Command(BaseCommand):
    help = "Export every page and snippet as a content package (docs/content-format.md)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, path: Path, **options):
        count = package_export(path=path)
        self.stdout.write(f"Wrote {count} file(s) to {path}.")
