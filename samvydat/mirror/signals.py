"""Publishing or unpublishing a page queues the mirror's update (when ``MIRROR_ROOT`` is set), after commit;
saving the mirror settings clears their cache."""

from functools import partial

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from .models import MirrorAddress, MirrorSettings
from .selectors import SETTINGS_CACHE_KEY


def page_changed(sender, instance, **kwargs) -> None:
    from .tasks import mirror_page_task, mirror_root

    if mirror_root() is None:
        return
    transaction.on_commit(partial(mirror_page_task.enqueue, instance.pk), robust=True)


def settings_changed(sender, **kwargs) -> None:
    transaction.on_commit(lambda: cache.delete(SETTINGS_CACHE_KEY))
    cache.delete(SETTINGS_CACHE_KEY)


def connect() -> None:
    page_published.connect(page_changed, dispatch_uid="mirror-page-published")
    page_unpublished.connect(page_changed, dispatch_uid="mirror-page-unpublished")
    for model in (MirrorSettings, MirrorAddress):
        post_save.connect(settings_changed, sender=model, dispatch_uid=f"mirror-settings-saved-{model.__name__}")
        post_delete.connect(settings_changed, sender=model, dispatch_uid=f"mirror-settings-deleted-{model.__name__}")
