"""Background tasks as editors need to see them: waiting, running (perhaps on a worker that died), failed."""

from datetime import timedelta

from django.db.models import Count, QuerySet
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

# A task running longer than this probably lost its worker (see services.tasks_requeue_stalled).
STALLED_AFTER = timedelta(minutes=30)
UNFINISHED = (TaskResultStatus.READY, TaskResultStatus.RUNNING)


def task_results_recent(*, statuses=None) -> QuerySet[DBTaskResult]:
    """Task results, unfinished and failed first, newest first."""
    results = DBTaskResult.objects.all()
    if statuses:
        results = results.filter(status__in=statuses)
    return results.order_by("-enqueued_at")


def task_counts() -> dict[str, int]:
    """How many tasks are waiting, running and failed (successful ones are not counted)."""
    rows = DBTaskResult.objects.exclude(status=TaskResultStatus.SUCCESSFUL).values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows}


def task_results_stalled(*, older_than: timedelta = STALLED_AFTER) -> QuerySet[DBTaskResult]:
    return DBTaskResult.objects.running().filter(started_at__lt=timezone.now() - older_than)
