"""A task worker dies: queued tasks wait for the next worker, its orphaned task is requeued, editors can see it all.

The worker is a real ``manage.py db_worker`` process on a copy of the test site (a new database restored from a
backup), killed with SIGKILL while it runs a task — no chance to clean up, like a crash or the OOM killer.
"""

import os
import signal
import subprocess
import sys
import time

import pytest
from django.contrib.auth.models import Group, Permission
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.backup.copies import REPO_ROOT, manage, site_copy

from . import tasks

pytestmark = pytest.mark.django_db
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
WAIT_SECONDS = 120

STATUS_SCRIPT = """
from django_tasks_db.models import DBTaskResult
for result in DBTaskResult.objects.order_by("enqueued_at"):
    print(result.task_name, result.status)
"""


def enqueue_in(env, *lines):
    script = "from tests.faults import tasks\n" + "\n".join(lines)
    result = manage("shell", "-c", script, env=env)
    assert result.returncode == 0, result.stderr


def statuses(env) -> list[tuple[str, str]]:
    result = manage("shell", "-c", STATUS_SCRIPT, env=env)
    assert result.returncode == 0, result.stderr
    names = ("wait_for_file", "write_file")
    return [tuple(line.split()) for line in result.stdout.splitlines() if line.startswith(names)]


def test_a_killed_worker_loses_no_task(tmp_path, settings):
    release = tmp_path / "release"
    written = tmp_path / "written"
    with site_copy(tmp_path) as env:
        # The development profile reads TASKS_BACKEND (the test profile always runs tasks immediately).
        env = {**env, "DJANGO_SETTINGS_MODULE": "samvydat.settings.dev", "TASKS_BACKEND": "database"}
        enqueue_in(
            env,
            f"tasks.wait_for_file.enqueue({str(release)!r})",
            f"tasks.write_file.enqueue({str(written)!r}, 'done')",
        )
        worker = subprocess.Popen(
            [sys.executable, str(REPO_ROOT / "manage.py"), "db_worker", "--interval", "0.1", "--max-tasks", "1"],
            cwd=REPO_ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: the kill below reaches any process it started
        )
        try:
            deadline = time.monotonic() + WAIT_SECONDS
            while ("wait_for_file", "RUNNING") not in statuses(env):
                assert worker.poll() is None and time.monotonic() < deadline, "the worker never started the task"
        finally:
            os.killpg(worker.pid, signal.SIGKILL)  # the whole worker, however many processes it is
            worker.wait()

        # The killed worker's task is stuck RUNNING; the other one is still queued.
        assert statuses(env) == [("wait_for_file", "RUNNING"), ("write_file", "READY")]
        requeued = manage("requeue_stalled_tasks", "--older-than", "0", env=env)
        assert requeued.returncode == 0 and "Requeued 1" in requeued.stdout, requeued.stderr
        assert statuses(env) == [("wait_for_file", "READY"), ("write_file", "READY")]

        release.write_text("released")
        batch = manage("db_worker", "--batch", "--interval", "0.1", env=env, timeout=WAIT_SECONDS)
        assert batch.returncode == 0, batch.stderr
        assert statuses(env) == [("wait_for_file", "SUCCESSFUL"), ("write_file", "SUCCESSFUL")]
        assert written.read_text() == "done"


@pytest.fixture
def editor(client, django_user_model, log_in_editor):
    """An editor (not a superuser): member of Wagtail's Editors group."""
    user = django_user_model.objects.create_user("task-editor", "t@example.org", "x" * 16)
    group, _created = Group.objects.get_or_create(name="Editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    log_in_editor(client, user)
    return user


def test_editors_see_waiting_running_and_failed_tasks(client, editor, settings):
    settings.TASKS = DATABASE_TASKS
    tasks.write_file.enqueue("/nonexistent/never-run", "x")
    failed = DBTaskResult.objects.get(id=tasks.always_fails.enqueue().id)
    failed.set_failed(ValueError("this task always fails"))
    stalled = DBTaskResult.objects.get(id=tasks.wait_for_file.enqueue("/nonexistent").id)
    stalled.claim("a-dead-worker")
    DBTaskResult.objects.filter(id=stalled.id).update(started_at="2020-01-01T00:00:00Z")

    response = client.get("/admin/reports/tasks/")
    assert response.status_code == 200
    text = response.content.decode()
    for expected in ("write_file", "Ready", "always_fails", "Failed", "builtins.ValueError", "worker may have stopped"):
        assert expected in text, expected
    assert client.get("/admin/").status_code == 200


def test_requeue_only_touches_stalled_tasks(settings):
    from datetime import timedelta

    from samvydat.resilience.services import tasks_requeue_stalled

    settings.TASKS = DATABASE_TASKS
    fresh = DBTaskResult.objects.get(id=tasks.write_file.enqueue("/nonexistent", "x").id)
    fresh.claim("a-live-worker")
    assert tasks_requeue_stalled(older_than=timedelta(minutes=30)) == 0
    assert DBTaskResult.objects.get(id=fresh.id).status == TaskResultStatus.RUNNING
