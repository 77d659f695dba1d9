"""Publishing a plan, an issue or a commentary (which changes its issue) queues the PDF to be made again.

The task is queued when the transaction commits, so a worker sees the published page, and an import that
publishes an issue's commentaries one by one makes the issue's PDF once (the later tasks find it fresh).
"""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished

from samvydat.core.switches import PauseSwitch
from samvydat.plans.models import PlanPage
from samvydat.weekly.models import CommentaryPage, WeeklyIssuePage

from .models import GeneratedPDF

_switch = PauseSwitch()


def pdfs_paused():
    """Publish without queueing PDFs (e.g. a bulk load): they are made on first download instead."""
    return _switch.paused()


def _queue(page_id: int) -> None:
    from .tasks import pdf_refresh_task

    if _switch.is_paused:
        return
    transaction.on_commit(partial(pdf_refresh_task.enqueue, page_id), robust=True)


def page_changed(sender, instance, **kwargs) -> None:
    _queue(instance.pk)


def commentary_changed(sender, instance, **kwargs) -> None:
    parent_path = instance.path[: -instance.steplen]
    issue_id = WeeklyIssuePage.objects.filter(path=parent_path).values_list("pk", flat=True).first()
    if issue_id is not None:
        _queue(issue_id)


def file_deleted(sender, instance, **kwargs) -> None:
    if instance.file:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name), robust=True)


def connect() -> None:
    for model in (PlanPage, WeeklyIssuePage):
        page_published.connect(page_changed, sender=model, dispatch_uid=f"pdfs-published-{model.__name__}")
        page_unpublished.connect(page_changed, sender=model, dispatch_uid=f"pdfs-unpublished-{model.__name__}")
    page_published.connect(commentary_changed, sender=CommentaryPage, dispatch_uid="pdfs-published-commentary")
    page_unpublished.connect(commentary_changed, sender=CommentaryPage, dispatch_uid="pdfs-unpublished-commentary")
    post_delete.connect(file_deleted, sender=GeneratedPDF, dispatch_uid="pdfs-file-deleted")
