"""Run the periodic jobs (samvydat.scheduling.jobs) for ever, or once: on every machine, each job runs on one.

manage.py run_schedule            # the scheduler service (deploy/systemd/samvydat-scheduler.service)
manage.py run_schedule --once     # run what is due now and exit (from cron, or by hand)
manage.py run_schedule --list     # each job: when it last ran, how it ended, when it is next due
"""

import signal
import threading

from django.core.management.base import BaseCommand
from django.utils import timezone

from samvydat.scheduling import jobs as job_config
from samvydat.scheduling import services
from samvydat.scheduling.models import ScheduledJob


class Command(BaseCommand):
    help = "Run the periodic jobs; several machines may run this at once: each job runs on one of them."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run the jobs that are due now, then exit")
        parser.add_argument(
            "--list", dest="list_jobs", action="store_true", help="show each job's last run and next due time"
        )
        parser.add_argument("--job", action="append", help="only this job (repeatable)")

    def handle(self, *args, once=False, list_jobs=False, job=None, **options):
        jobs = job_config.configured_jobs()
        if job:
            unknown = set(job) - {j.name for j in jobs}
            if unknown:
                names = ", ".join(j.name for j in jobs)
                self.stderr.write(f"unknown job(s): {', '.join(sorted(unknown))}; configured: {names}")
                raise SystemExit(2)
            jobs = [j for j in jobs if j.name in job]
        if list_jobs:
            self._list(jobs)
            return
        token = services.scheduler_token()
        if once:
            self._report(services.due_jobs_run(jobs=jobs, token=token))
            return
        stop = threading.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())  # finish the job at hand, then leave
        while not stop.is_set():
            self._report(services.due_jobs_run(jobs=jobs, token=token))
            stop.wait(max(1.0, services.seconds_until_next_due(jobs=jobs)))

    def _report(self, outcomes):
        for name, finished in outcomes.items():
            self.stdout.write(f"{timezone.now():%Y-%m-%d %H:%M} {name}: {'ok' if finished else 'FAILED'}")

    def _list(self, jobs):
        services.jobs_ensure(jobs=jobs)
        rows = {row.name: row for row in ScheduledJob.objects.filter(name__in=[j.name for j in jobs])}
        for job in jobs:
            row = rows[job.name]
            last = f"{row.last_started_at:%Y-%m-%d %H:%M}" if row.last_started_at else "never"
            outcome = row.get_last_outcome_display() + (f" ({row.last_error})" if row.last_error else "")
            self.stdout.write(
                f"{job.name:24} every {job.every:>6}s  last {last:16}  {outcome:20}  next {row.due_at:%Y-%m-%d %H:%M}"
            )
