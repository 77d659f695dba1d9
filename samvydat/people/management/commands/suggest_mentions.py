"""Suggest which people the public pages write about, for editors to confirm (Reports → People written about)."""

import datetime

from django.core.management.base import BaseCommand

from samvydat.people.services import mentions_suggest


class Command(BaseCommand):
    help = "Find the people each public page names (by the spellings of their names) and suggest them to editors."

    def add_arguments(self, parser):
        parser.add_argument(
            "--since-hours", type=float, help="only the pages indexed in the last N hours (default: every page)"
        )

    def handle(self, *args, since_hours=None, **options):
        since = datetime.timedelta(hours=since_hours) if since_hours else None
        counts = mentions_suggest(since=since)
        self.stdout.write(
            f"{counts['pages']} pages read: {counts['suggested']} new suggestions, {counts['withdrawn']} withdrawn."
        )
