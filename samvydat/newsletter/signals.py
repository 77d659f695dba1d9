"""Publishing a weekly issue prepares its digest, one campaign per language, in a task after the commit; finished
confirmation tasks are deleted from the task table (``tasks.task_result_forget``)."""

from functools import partial

from django.db import transaction
from django_tasks.signals import task_finished
from wagtail.signals import page_published

from samvydat.weekly.models import WeeklyIssuePage


def issue_published(sender, instance, **kwargs) -> None:
    from .tasks import digest_prepare_task

    transaction.on_commit(partial(digest_prepare_task.enqueue, instance.pk), robust=True)


def connect() -> None:
    from .tasks import task_result_forget

    task_finished.connect(task_result_forget, dispatch_uid="newsletter-task-result-forget")
    page_published.connect(issue_published, sender=WeeklyIssuePage, dispatch_uid="newsletter-issue-published")
