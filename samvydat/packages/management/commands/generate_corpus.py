from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from samvydat.packages.corpus import CorpusError, corpus_generate


class Command(BaseCommand):
    help = "Write a deterministic synthetic content package for benchmarks (same seed, same bytes)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="Folder to write the package to (PATH/content/…).")
        parser.add_argument("--items", type=int, default=10_000, help="Page items (translationKeys); default 10000.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed; default 1.")
        parser.add_argument("--overwrite", action="store_true", help="Replace an existing PATH/content.")

    def handle(self, *, path: Path, items: int, seed: int, overwrite: bool, **options):
        columns = (TextColumn("Writing items"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, disable=options["verbosity"] == 0) as progress:
            task = progress.add_task("corpus", total=items)
            try:
                report = corpus_generate(
                    path=path,
                    items=items,
                    seed=seed,
                    overwrite=overwrite,
                    progress=lambda n: progress.advance(task, n),
                )
            except CorpusError as error:
                raise CommandError(str(error)) from None
        self.stdout.write(f"Wrote {report.items} items ({report.pages} pages, {report.files} files) to {path}.")
