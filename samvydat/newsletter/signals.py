"""Publishing a weekly issue prepares its digest, one campaign per language, in a task after the commit."""

from functools import partial

from django.db import transaction
from wagtail.signals import page_published

from samvydat.weekly.models import WeeklyIssuePage


def issue_published(sender, instance, **kwargs) -> None:
    from .tasks import digest_prepare_task

    transaction.on_commit(partial(digest_prepare_task.enqueue, instance.pk), robust=True)


def connect() -> None:
    page_published.connect(issue_published, sender=WeeklyIssuePage, dispatch_uid="newsletter-issue-published")
