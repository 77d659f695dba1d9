"""One greylisted reader must not make the campaign's watchdog multiply (it once went from 4 to 744 queued
``campaign_send_task`` rows a minute): a real ``db_worker`` against an SMTP server that answers 451 to that
reader for ever; the task table then holds at most one pending wake-up for the campaign."""

import sqlite3
import subprocess

import pytest

from .smtp_sink import SmtpSink
from .subprocesses import CACHE_DIR, MANAGE, REPO, SCENARIO, migrated_sqlite, run, worker_env

TASKS = 8  # watchdog runs: every NEWSLETTER_LEASE_SECONDS + 1 = 2 seconds


@pytest.fixture
def sink():
    server = SmtpSink().start()
    server.handler.rcpt_replies["+grey"] = "450 4.2.0 Greylisted, please try again later"
    yield server
    server.stop()


def test_a_delivery_waiting_for_its_retry_keeps_one_watchdog(tmp_path, sink):
    database = migrated_sqlite(CACHE_DIR, tmp_path / "watchdog.sqlite3")
    env = worker_env(f"sqlite:///{database}", sink.port, NEWSLETTER_LEASE_SECONDS="1")
    run([*SCENARIO, "seed", "--confirmed", "3"], env)
    run([*SCENARIO, "seed-confirmed", "--address", "slow+grey@en.example.org", "--languages", "en"], env)
    run([*SCENARIO, "start"], env)
    worker = subprocess.run(
        [*MANAGE, "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1", "--max-tasks", str(TASKS)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert worker.returncode == 0, worker.stderr
    with sqlite3.connect(database) as db:
        counts = dict(
            db.execute(
                "SELECT status, count(*) FROM django_tasks_database_dbtaskresult "
                "WHERE task_path LIKE '%campaign_send_task' GROUP BY status"
            ).fetchall()
        )
        delivery = db.execute("SELECT attempts, status FROM newsletter_delivery WHERE attempts > 0").fetchall()
    assert counts.get("SUCCESSFUL", 0) == TASKS  # the watchdog kept coming back…
    assert counts.get("READY", 0) == 1  # …one at a time (before the fix: one more with every run)
    assert delivery == [(1, "pending")]  # the greylisted reader waits for the retry, a minute later
    assert len(sink.handler.messages) == 3
