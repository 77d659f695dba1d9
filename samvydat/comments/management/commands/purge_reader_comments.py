from django.core.management.base import BaseCommand

from samvydat.comments.services import reader_comments_purge


class Command(BaseCommand):
    help = "Delete rejected and spam comments and questions moderated more than N days ago (run it daily)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Default: COMMENTS_REJECTED_RETENTION_DAYS.")

    def handle(self, *args, days=None, **options):
        if days is not None and days < 0:
            self.stderr.write("--days must be 0 or more")
            raise SystemExit(2)
        deleted = reader_comments_purge(days=days)
        self.stdout.write(f"Deleted {deleted} rejected or spam item(s).")
