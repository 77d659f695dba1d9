"""Claim, run and release periodic jobs so that several machines never run the same job twice at once."""

import logging
import secrets
from datetime import datetime, timedelta

from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from .jobs import Job
from .models import JobOutcome, ScheduledJob

logger = logging.getLogger(__name__)


def scheduler_token() -> str:
    """A random name for one scheduler process (what holds a lease)."""
    return secrets.token_hex(8)


def jobs_ensure(*, jobs: list[Job], now: datetime | None = None) -> None:
    """A row for every configured job; a new job is due at once."""
    now = now or timezone.now()
    known = set(ScheduledJob.objects.filter(name__in=[job.name for job in jobs]).values_list("name", flat=True))
    for job in jobs:
        if job.name in known:
            continue
        try:
            with transaction.atomic():
                ScheduledJob.objects.create(name=job.name, due_at=now)
        except IntegrityError:
            pass  # another machine made it first


def job_claim(*, job: Job, token: str, now: datetime | None = None) -> bool:
    """Take ``job`` if it is due and nobody holds it: one UPDATE, so exactly one claimant wins."""
    now = now or timezone.now()
    claimed = (
        ScheduledJob.objects.filter(name=job.name, due_at__lte=now)
        .filter(Q(leased_until__isnull=True) | Q(leased_until__lte=now))
        .update(
            leased_until=now + timedelta(seconds=job.lease),
            leased_by=token,
            last_started_at=now,
            last_outcome=JobOutcome.RUNNING,
            runs=F("runs") + 1,
        )
    )
    return claimed == 1


def job_release(*, job: Job, token: str, error: BaseException | None, now: datetime | None = None) -> None:
    """Record how the run ended and when the job is next due, if ``token`` still holds it."""
    now = now or timezone.now()
    ScheduledJob.objects.filter(name=job.name, leased_by=token).update(
        leased_until=None,
        leased_by="",
        due_at=now + timedelta(seconds=job.every),
        last_finished_at=now,
        last_outcome=JobOutcome.FAILED if error else JobOutcome.OK,
        last_error=type(error).__name__[:120] if error else "",
    )


def job_run(*, job: Job, token: str) -> bool | None:
    """Run ``job`` if this scheduler wins it: True if it ran and finished, False if it failed, None if not ours."""
    if not job_claim(job=job, token=token):
        return None
    error = None
    try:
        call_command(*job.command, verbosity=0)
    except Exception as failure:  # a job's failure must not stop the scheduler, nor the other jobs
        error = failure
        logger.error("scheduled job %s failed: %s", job.name, type(failure).__name__)
    finally:
        job_release(job=job, token=token, error=error)
    return error is None


def due_jobs_run(*, jobs: list[Job], token: str) -> dict[str, bool]:
    """Run every due job this scheduler wins, one after another; name → finished without error."""
    jobs_ensure(jobs=jobs)
    outcomes = {}
    for job in jobs:
        outcome = job_run(job=job, token=token)
        if outcome is not None:
            outcomes[job.name] = outcome
    return outcomes


def seconds_until_next_due(*, jobs: list[Job], now: datetime | None = None, longest: float = 30.0) -> float:
    now = now or timezone.now()
    next_due = (
        ScheduledJob.objects.filter(name__in=[job.name for job in jobs])
        .order_by("due_at")
        .values_list("due_at", flat=True)
        .first()
    )
    if next_due is None:
        return 0.0
    return max(0.0, min(longest, (next_due - now).total_seconds()))
