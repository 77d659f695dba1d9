"""``manage.py search_index rebuild|status``: rebuild the search index from the pages, or show its state."""

import time

from django.core.management.base import BaseCommand
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

from samvydat.search import services
from samvydat.search.models import SearchDocument


class Command(BaseCommand):
    help = "Rebuild the search index (after a bulk load or a change of the analysis), or show its state."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "status"])

    def handle(self, *args, action, **options):
        if action == "status":
            total = SearchDocument.objects.count()
            public = SearchDocument.objects.filter(public=True).count()
            self.stdout.write(f"{total} pages indexed, {public} of them public.")
            return
        started = time.perf_counter()
        with Progress(
            "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn()
        ) as progress:
            task = progress.add_task("Indexing pages", total=None)
            count = services.index_rebuild(
                progress=lambda done, total: progress.update(task, completed=done, total=total)
            )
        seconds = time.perf_counter() - started
        rate = count / seconds if seconds else 0
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} pages in {seconds:.1f} s ({rate:.0f} pages/s)."))
