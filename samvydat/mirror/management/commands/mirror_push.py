"""``manage.py mirror_push [OUT] [--target NAME]``: push the live mirror to its targets, one line each."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from samvydat.mirror.push import PushError, push_targets
from samvydat.mirror.services import run_push_command
from samvydat.mirror.storage import live_root


class Command(BaseCommand):
    help = "Push the live mirror to every target of MIRROR_TARGETS (and run MIRROR_PUSH_COMMAND)."

    def add_arguments(self, parser):
        parser.add_argument("out", nargs="?", type=Path, help="the mirror (default: MIRROR_ROOT)")
        parser.add_argument("--target", metavar="NAME", help="push to this target only (the command hook is skipped)")

    def handle(self, *args, **options):
        out = options["out"] or (Path(settings.MIRROR_ROOT) if getattr(settings, "MIRROR_ROOT", "") else None)
        if out is None:
            raise CommandError("Give the mirror (OUT) or set MIRROR_ROOT.")
        root = live_root(out.absolute())
        if root is None:
            raise CommandError(f"{out} is not a mirror made by export_mirror (run export_mirror first).")
        failed = 0
        if options["target"] is None and getattr(settings, "MIRROR_PUSH_COMMAND", ""):
            problems = run_push_command(root=root)
            failed += bool(problems)
            self.stdout.write("command: " + ("FAILED: " + problems[0][-500:] if problems else "ok"))
        try:
            results = push_targets(root=root, only=options["target"])
        except PushError as error:
            raise CommandError(str(error)) from error
        if not results and not getattr(settings, "MIRROR_PUSH_COMMAND", ""):
            self.stdout.write("No targets: set MIRROR_TARGETS (docs/mirror.md).")
        for result in results:
            failed += not result.ok
            self.stdout.write(result.line())
        if failed:
            raise CommandError(f"{failed} target(s) failed")
