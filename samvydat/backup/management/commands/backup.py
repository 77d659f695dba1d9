"""manage.py backup OUT: the database, the media and a manifest in the new directory OUT (docs/security.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samvydat.backup.services import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database and the media files into a new directory (secret keys are NOT included)."

    def add_arguments(self, parser):
        parser.add_argument("out", type=Path, help="a new (or empty) directory")

    def handle(self, *args, out, **options):
        try:
            manifest = backup_create(out=out)
        except BackupError as error:
            raise CommandError(str(error)) from error
        size = sum(facts["size"] for facts in manifest["files"].values())
        self.stdout.write(f"Backup written to {out}: {len(manifest['files'])} files, {size / 1e6:.1f} MB.")
        self.stdout.write(self.style.WARNING("REMINDER: " + manifest["secrets_reminder"]))
