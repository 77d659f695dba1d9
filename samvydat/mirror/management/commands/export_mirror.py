"""``manage.py export_mirror OUT [--zip FILE] [--no-search] [--make-pdfs] [--keep-going]`` (docs/mirror.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samvydat.mirror.services import mirror_export
from samvydat.mirror.storage import MirrorError


class Command(BaseCommand):
    help = "Write a static copy of the public site to OUT (a symlink to the live copy, swapped atomically)."

    def add_arguments(self, parser):
        parser.add_argument("out", type=Path, help="where the mirror lives: a symlink to the live copy")
        parser.add_argument("--zip", type=Path, metavar="FILE", help="also write the mirror as one ZIP file")
        parser.add_argument("--no-search", action="store_true", help="skip the search index (Pagefind)")
        parser.add_argument("--make-pdfs", action="store_true", help="make the PDFs that were not made yet (slow)")
        parser.add_argument("--keep-going", action="store_true", help="publish even if some addresses fail")
        parser.add_argument("--jobs", type=int, help="rendering processes (default: one per CPU, at most 4)")

    def handle(self, *args, **options):
        done = 0

        def progress(address):
            nonlocal done
            done += 1
            if options["verbosity"] > 1 or (options["verbosity"] and done % 1000 == 0):
                self.stdout.write(f"  {done:,} rendered ({address})")

        try:
            report = mirror_export(
                out=options["out"],
                archive=options["zip"],
                search=not options["no_search"],
                make_pdfs=options["make_pdfs"],
                keep_going=options["keep_going"],
                jobs=options["jobs"],
                progress=progress,
            )
        except MirrorError as error:
            raise CommandError(str(error)) from error
        for line in report.skipped:
            self.stdout.write(f"skipped: {line}")
        for line in report.errors:
            self.stderr.write(f"failed: {line}")
        rate = report.pages / report.seconds if report.seconds else 0
        self.stdout.write(
            self.style.SUCCESS(
                f"Mirror of {report.pages:,} documents and {report.pdfs} PDFs ({report.files:,} files, "
                f"{report.bytes / 1e6:.1f} MB) in {report.seconds:.1f} s ({rate:.0f}/s): {options['out']} → "
                f"{report.root.name}" + (f"; archive {report.archive}" if report.archive else "")
            )
        )
