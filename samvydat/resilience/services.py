"""Putting back in the queue the tasks whose worker died while running them.

django-tasks-db claims a task by marking it RUNNING; a worker that is killed (out of memory, SIGKILL, a lost
machine) never marks it finished. Tasks still READY simply wait for the next worker; RUNNING ones are requeued here
once they have run for longer than any task should (``manage.py requeue_stalled_tasks``, e.g. from cron).
"""

from datetime import timedelta

from django.db import transaction
from django_tasks.base import TaskResultStatus

from . import selectors


@transaction.atomic
def tasks_requeue_stalled(*, older_than: timedelta = selectors.STALLED_AFTER) -> int:
    """Mark stalled RUNNING tasks READY again so that a live worker runs them; return how many."""
    return selectors.task_results_stalled(older_than=older_than).update(status=TaskResultStatus.READY, started_at=None)
