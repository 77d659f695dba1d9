"""Publishing, unpublishing, moving or deleting a page queues its re-indexing for when the transaction commits.

The ids changed in one transaction go to one task, so an import that publishes a thousand pages queues one task,
not a thousand. A weekly issue's entry lists its commentaries, so a commentary also re-indexes its issue. Saving a
person or an organisation (new spelling variants) queues a rebuild. Adding or removing a view restriction re-indexes
the pages below it (their ``public`` flag).
"""

import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from samvydat.core.switches import PauseSwitch

_state = threading.local()


_switch = PauseSwitch()


def indexing_paused():
    """Change pages without queueing index updates (a bulk load: rebuild the index after)."""
    return _switch.paused()


class _Batch:
    """The pages changed in one transaction, flushed as one task when it commits."""

    def __init__(self):
        self.ids: set[int] = set()
        self.rebuild = False

    def flush(self) -> None:
        from .tasks import index_pages_task, index_rebuild_task

        if _state.__dict__.get("batch") is self:
            _state.batch = None
        if self.rebuild:
            index_rebuild_task.enqueue()
        elif self.ids:
            index_pages_task.enqueue(sorted(self.ids))


def _open_batch() -> _Batch | None:
    """This thread's batch if its transaction is still open (a rolled-back one leaves a batch that never flushes)."""
    batch = getattr(_state, "batch", None)
    connection = transaction.get_connection()
    if batch is None or not connection.in_atomic_block:
        return None
    if any(getattr(entry[1], "__self__", None) is batch for entry in connection.run_on_commit):
        return batch
    return None


def queue(page_ids=(), *, rebuild: bool = False) -> None:
    if _switch.is_paused:
        return
    batch = _open_batch()
    if batch is not None:
        batch.ids.update(page_ids)
        batch.rebuild = batch.rebuild or rebuild
        return
    batch = _state.batch = _Batch()
    batch.ids.update(page_ids)
    batch.rebuild = rebuild
    transaction.on_commit(batch.flush, robust=True)  # outside a transaction: at once


def _with_issue(page) -> list[int]:
    ids = [page.pk]
    if page.specific_class and page.specific_class.__name__ == "CommentaryPage" and page.depth > 1:
        parent = Page.objects.filter(path=page.path[: -page.steplen]).values_list("pk", flat=True).first()
        if parent:
            ids.append(parent)
    return ids


def page_changed(sender, instance, **kwargs) -> None:
    queue(_with_issue(instance))


def page_moved(sender, instance, **kwargs) -> None:
    queue(instance.get_descendants(inclusive=True).values_list("pk", flat=True))


def page_deleted(sender, instance, **kwargs) -> None:
    queue([instance.pk])  # the task finds it gone and removes it (the cascade already did, on the same DB)


def restriction_changed(sender, instance, **kwargs) -> None:
    """A view restriction added to or removed from a published page: its section changes public/private."""
    from .memo import memo

    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        queue(page.get_descendants(inclusive=True).values_list("pk", flat=True))
    # This worker's remembered results may list the pages; other workers' expire within SEARCH_CACHE_SECONDS.
    transaction.on_commit(memo.clear, robust=True)


def entity_saved(sender, instance, **kwargs) -> None:
    from . import documents

    documents.forget_aliases()
    queue(rebuild=True)


def connect() -> None:
    from samvydat.people.models import Organisation, Person

    page_published.connect(page_changed, dispatch_uid="search-published")
    page_unpublished.connect(page_changed, dispatch_uid="search-unpublished")
    post_page_move.connect(page_moved, dispatch_uid="search-moved")
    post_delete.connect(page_deleted, sender=Page, dispatch_uid="search-deleted")
    post_save.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="search-restriction-saved")
    post_delete.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="search-restriction-deleted")
    for model in (Person, Organisation):
        post_save.connect(entity_saved, sender=model, dispatch_uid=f"search-entity-{model.__name__}")
    from .models import SearchSettings

    post_save.connect(_on_settings_saved, sender=SearchSettings, dispatch_uid="search-under-attack")


def _on_settings_saved(sender, instance=None, **kwargs) -> None:
    """The under-attack switch: every worker sees it at its next search (the shared ``pages`` cache)."""
    from .attack_mode import flag_store

    on = instance.under_attack
    transaction.on_commit(lambda: flag_store(on))
