"""manage.py restore IN: a backup made by ``manage.py backup`` into an empty database and media directory."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samvydat.backup.services import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore a backup into an empty database and an empty MEDIA_ROOT, then apply any newer migrations."

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, help="a directory written by manage.py backup")

    def handle(self, *args, source, **options):
        try:
            manifest = backup_restore(source=source)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored the backup of {manifest['created_at']} from {source}.")
        self.stdout.write(self.style.WARNING("REMINDER: " + manifest["secrets_reminder"]))
