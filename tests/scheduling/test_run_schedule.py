"""run_schedule: every due job runs once across every scheduler, a dead scheduler's lease expires, a failing job
is recorded without its message and does not stop the others."""

import os
import subprocess
import sys
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from samvydat.scheduling import services
from samvydat.scheduling.jobs import Job, configured_jobs
from samvydat.scheduling.models import JobOutcome, ScheduledJob

REPO_ROOT = Path(__file__).resolve().parents[2]
QUICK = Job(name="requeue_stalled_tasks", command=("requeue_stalled_tasks",), every=300, lease=600)
BROKEN = Job(name="broken_export", command=("export_mirror",), every=60, lease=60)  # its OUT argument is missing


@pytest.fixture
def jobs(settings):
    settings.SCHEDULED_JOBS = {
        job.name: {"command": list(job.command), "every": job.every, "lease": job.lease} for job in (QUICK, BROKEN)
    }
    return configured_jobs()


@pytest.mark.django_db
def test_a_due_job_goes_to_one_scheduler_and_is_not_due_again_until_its_interval(jobs):
    now = timezone.now()
    services.jobs_ensure(jobs=[QUICK], now=now)
    assert services.job_claim(job=QUICK, token="machine-a", now=now)
    assert not services.job_claim(job=QUICK, token="machine-b", now=now), "held by machine A"
    services.job_release(job=QUICK, token="machine-a", error=None, now=now)
    assert not services.job_claim(job=QUICK, token="machine-b", now=now + timedelta(seconds=QUICK.every - 1))
    assert services.job_claim(job=QUICK, token="machine-b", now=now + timedelta(seconds=QUICK.every))
    assert ScheduledJob.objects.get(name=QUICK.name).runs == 2


@pytest.mark.django_db
def test_the_lease_of_a_killed_scheduler_expires_and_its_late_release_changes_nothing(jobs):
    now = timezone.now()
    services.jobs_ensure(jobs=[QUICK], now=now)
    assert services.job_claim(job=QUICK, token="killed", now=now)  # then SIGKILL: no release
    assert not services.job_claim(job=QUICK, token="other", now=now + timedelta(seconds=QUICK.lease - 1))
    assert services.job_claim(job=QUICK, token="other", now=now + timedelta(seconds=QUICK.lease))
    services.job_release(job=QUICK, token="killed", error=None, now=now + timedelta(seconds=QUICK.lease))
    row = ScheduledJob.objects.get(name=QUICK.name)
    assert row.leased_by == "other" and row.last_outcome == JobOutcome.RUNNING


@pytest.mark.django_db
def test_once_runs_what_is_due_records_a_failure_by_its_class_and_runs_the_rest(jobs):
    out = StringIO()
    call_command("run_schedule", "--once", stdout=out)
    quick, broken = ScheduledJob.objects.get(name=QUICK.name), ScheduledJob.objects.get(name=BROKEN.name)
    assert (quick.last_outcome, quick.runs, quick.leased_until) == (JobOutcome.OK, 1, None)
    assert (broken.last_outcome, broken.last_error, broken.runs) == (JobOutcome.FAILED, "CommandError", 1)
    assert quick.due_at >= quick.last_finished_at + timedelta(seconds=QUICK.every - 1)
    assert "requeue_stalled_tasks: ok" in out.getvalue() and "broken_export: FAILED" in out.getvalue()

    call_command("run_schedule", "--once", stdout=StringIO())  # nothing is due yet
    assert ScheduledJob.objects.get(name=QUICK.name).runs == 1

    listing = StringIO()
    call_command("run_schedule", "--list", stdout=listing)
    assert "broken_export" in listing.getvalue() and "CommandError" in listing.getvalue()


@pytest.mark.django_db
def test_the_defaults_cover_the_periodic_commands_and_can_be_switched_off(settings):
    settings.SCHEDULED_JOBS = None
    settings.MIRROR_ROOT = "/srv/samvydat/mirror"
    names = {job.name: job for job in configured_jobs()}
    assert {"publish_scheduled", "send_campaigns", "requeue_stalled_tasks", "purge_reader_comments"} <= set(names)
    assert names["mirror_full_export"].command == ("export_mirror", "/srv/samvydat/mirror")
    from django.core.management import get_commands

    assert all(job.command[0] in get_commands() for job in names.values()), "every job is a real command"
    settings.SCHEDULE_DISABLED = ["translation_digest", "mirror_full_export"]
    assert {"translation_digest", "mirror_full_export"}.isdisjoint(job.name for job in configured_jobs())


@pytest.mark.django_db
def test_schedulers_racing_on_several_processes_run_a_job_once():
    """Six `run_schedule --once` processes (six machines) against one PostgreSQL database: the job runs once."""
    if connection.vendor != "postgresql":
        pytest.skip("needs a database other processes share: the PostgreSQL run races real connections")
    committed = connections.create_connection("default")  # outside the test's transaction: others see its rows
    committed.connect()
    table = ScheduledJob._meta.db_table
    try:
        with committed.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (name, due_at, leased_by, last_outcome, last_error, runs) "
                "VALUES (%s, now(), '', '', '', 0)",
                [QUICK.name],
            )
        database = connection.settings_dict
        url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
        environment = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "samvydat.settings.test"}
        command = [sys.executable, str(REPO_ROOT / "manage.py"), "run_schedule", "--once", "--job", QUICK.name]
        machines = [
            subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(6)
        ]
        outputs = [machine.communicate(timeout=300) for machine in machines]
        assert all(machine.returncode == 0 for machine in machines), [error for _, error in outputs]
        assert sum(f"{QUICK.name}: ok" in out for out, _ in outputs) == 1
        with committed.cursor() as cursor:
            cursor.execute(f"SELECT runs, last_outcome FROM {table} WHERE name = %s", [QUICK.name])
            assert cursor.fetchone() == (1, JobOutcome.OK)
    finally:
        with committed.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table} WHERE name = %s", [QUICK.name])
        committed.close()
