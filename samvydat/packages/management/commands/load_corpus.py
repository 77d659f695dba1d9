import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from samvydat.packages.bulk_loader import BulkLoadRefused
from samvydat.packages.bulk_reader import count_files
from samvydat.packages.errors import PackageError
from samvydat.packages.services import corpus_bulk_load


class Command(BaseCommand):
    help = (
        "Load a benchmark corpus (generate_corpus) into an empty site with bulk inserts: much faster than "
        "import_content, live pages without revisions, no search index. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--batch", type=int, default=1000, help="Pages per batch of inserts; default 1000.")
        parser.add_argument(
            "--workers", type=int, help="Processes reading files beside the writing one (default: spare cores, ≤ 3)."
        )

    def handle(self, *, path: Path, batch: int, workers: int | None, **options):
        if not path.is_dir():
            raise CommandError(f"{path}: no such folder")
        if batch < 1:
            raise CommandError("--batch must be at least 1")
        columns = (TextColumn(f"Loading {path.name}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        started = time.perf_counter()
        with Progress(*columns, disable=options["verbosity"] == 0, transient=True) as bar:
            task = bar.add_task("load", total=count_files(path))
            try:
                report = corpus_bulk_load(
                    path=path, batch=batch, workers=workers, progress=lambda n: bar.advance(task, n)
                )
            except BulkLoadRefused as error:
                raise CommandError(str(error)) from None
            except PackageError as error:
                for problem in error.problems:
                    self.stderr.write(str(problem))
                raise CommandError(f"{len(error.problems)} problem(s) found; nothing was loaded.") from None
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Loaded {report.files} file(s): {report.pages} pages and {report.snippets} snippets "
            f"in {seconds:.1f} s ({report.pages / max(seconds, 1e-9):.0f} pages/s)."
        )
