"""Requeue background tasks left RUNNING by a worker that died (run from cron, or by hand after a crash)."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from samvydat.resilience.selectors import STALLED_AFTER
from samvydat.resilience.services import tasks_requeue_stalled


class Command(BaseCommand):
    help = "Put tasks that have been RUNNING for too long (their worker died) back in the queue."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=float,
            default=STALLED_AFTER.total_seconds() / 60,
            help="minutes a task must have been running (default: %(default)s)",
        )

    def handle(self, *args, older_than, **options):
        count = tasks_requeue_stalled(older_than=timedelta(minutes=older_than))
        self.stdout.write(f"Requeued {count} stalled task(s).")
