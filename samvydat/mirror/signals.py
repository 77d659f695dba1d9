"""Keeping the mirror up to date (when ``MIRROR_ROOT`` is set), after commit: a page published, unpublished,
moved or given a new slug, a view restriction added or removed, a person, organisation or topic saved or
deleted. Saving the mirror settings clears
their cache."""

from functools import partial

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .models import MirrorAddress, MirrorSettings
from .selectors import SETTINGS_CACHE_KEY


def _queue(task, *args, **kwargs) -> None:
    """Queue a mirror task after the commit, if there is a mirror to keep up to date."""
    from .tasks import mirror_root

    if mirror_root() is not None:
        transaction.on_commit(partial(task.enqueue, *args, **kwargs), robust=True)


def page_changed(sender, instance, revision=None, **kwargs) -> None:
    from samvydat.weekly.models import CommentaryPage

    from . import changes
    from .tasks import mirror_page_task, mirror_root

    if mirror_root() is None:
        return
    previous = None
    if isinstance(instance, CommentaryPage) and revision is not None:
        previous = changes.previous_topic_id(instance, revision)
        previous = previous if previous != instance.topic_id else None
    _queue(mirror_page_task, instance.pk, previous_topic_id=previous)


def page_moved(sender, instance, url_path_before, url_path_after, parent_page_before=None, **kwargs) -> None:
    from . import changes
    from .tasks import mirror_move_task, mirror_root

    if mirror_root() is None:
        return
    old_url = changes.address_before(instance, url_path_before)
    if old_url:
        old_parent_id = parent_page_before.pk if parent_page_before is not None else None
        _queue(mirror_move_task, instance.pk, old_url, old_parent_id=old_parent_id)


def slug_changed(sender, instance, instance_before, **kwargs) -> None:
    """Sent by Wagtail after the commit (descendants' ``url_path`` are already the new ones)."""
    from . import changes
    from .tasks import mirror_move_task, mirror_root

    if mirror_root() is None:
        return
    old_url = changes.address_before(instance, instance_before.url_path)
    if old_url:
        _queue(mirror_move_task, instance.pk, old_url)


def restriction_changed(sender, instance, **kwargs) -> None:
    """A view restriction added or removed: the pages below it leave (or come back to) the mirror, with every
    listing and feed that showed them, as if unpublished (or published)."""
    from wagtail.models import Page

    from .tasks import mirror_page_task, mirror_root

    if mirror_root() is None:
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        for pk in page.get_descendants(inclusive=True).live().values_list("pk", flat=True):
            _queue(mirror_page_task, pk)


def entity_saving(sender, instance, raw=False, **kwargs) -> None:
    """Remember the slug a person, organisation or topic had (its old page's files go when it changes)."""
    from .tasks import mirror_root

    if raw or mirror_root() is None or instance.pk is None:
        return
    instance._mirror_slug_before = sender.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()


def entity_saved(sender, instance, created, raw=False, **kwargs) -> None:
    from .tasks import mirror_entity_task

    if raw:
        return
    old_slug = getattr(instance, "_mirror_slug_before", None) or ""
    _queue(mirror_entity_task, sender._meta.label_lower, instance.pk, old_slug=old_slug, created=created)


def entity_deleting(sender, instance, **kwargs) -> None:
    """What a person, organisation or topic touches is found before it (and what credits it) goes."""
    from . import changes
    from .tasks import mirror_addresses_task, mirror_root

    if mirror_root() is None:
        return
    change = changes.entity_changed(instance, deleted=True)
    _queue(mirror_addresses_task, change.addresses, removed=change.removed, listings=change.listings)


def settings_changed(sender, **kwargs) -> None:
    transaction.on_commit(lambda: cache.delete(SETTINGS_CACHE_KEY))
    cache.delete(SETTINGS_CACHE_KEY)


def connect() -> None:
    from .changes import ENTITY_MODELS

    page_published.connect(page_changed, dispatch_uid="mirror-page-published")
    page_unpublished.connect(page_changed, dispatch_uid="mirror-page-unpublished")
    post_page_move.connect(page_moved, dispatch_uid="mirror-page-moved")
    page_slug_changed.connect(slug_changed, dispatch_uid="mirror-page-slug-changed")
    post_save.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="mirror-restriction-saved")
    post_delete.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="mirror-restriction-deleted")
    for label, model in ENTITY_MODELS.items():
        pre_save.connect(entity_saving, sender=model, dispatch_uid=f"mirror-entity-saving-{label}")
        post_save.connect(entity_saved, sender=model, dispatch_uid=f"mirror-entity-saved-{label}")
        pre_delete.connect(entity_deleting, sender=model, dispatch_uid=f"mirror-entity-deleting-{label}")
    for model in (MirrorSettings, MirrorAddress):
        post_save.connect(settings_changed, sender=model, dispatch_uid=f"mirror-settings-saved-{model.__name__}")
        post_delete.connect(settings_changed, sender=model, dispatch_uid=f"mirror-settings-deleted-{model.__name__}")
