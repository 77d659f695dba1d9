"""What makes cached pages stale: publishing, unpublishing, moving or deleting a page; publishing a snippet; saving
or deleting a snippet, a site setting, a site or a redirect. Each starts a new cache generation now and again when
the transaction commits (so a page rendered from the old data between the two is not kept)."""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from samvydat.pagecache.services import page_cache_invalidate


def _invalidate(**kwargs) -> None:
    page_cache_invalidate()
    transaction.on_commit(page_cache_invalidate)


def _purge_ancestors(instance=None, **kwargs) -> None:
    """A CDN in front (WAGTAILFRONTENDCACHE): Wagtail purges the page itself; its section and home list it too."""
    from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache

    purge_pages_from_cache(instance.get_ancestors().filter(depth__gte=2).specific())


def _is_content(sender) -> bool:
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.snippets.models import get_snippet_models

    if issubclass(sender, Page):
        return False  # drafts save the page row too; publishing and deleting are handled by the other signals
    return issubclass(sender, (BaseSiteSetting, Site, Redirect)) or sender in get_snippet_models()


def _on_model_change(sender, instance=None, **kwargs) -> None:
    if _is_content(sender):
        _invalidate()


def _on_delete(sender, instance=None, **kwargs) -> None:
    if isinstance(instance, Page) or _is_content(sender):
        _invalidate()


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(_invalidate, dispatch_uid=f"pagecache-{id(signal)}")
    post_save.connect(_on_model_change, dispatch_uid="pagecache-post-save")
    post_delete.connect(_on_delete, dispatch_uid="pagecache-post-delete")
    if settings.WAGTAILFRONTENDCACHE:
        page_published.connect(_purge_ancestors, dispatch_uid="pagecache-purge-published")
        page_unpublished.connect(_purge_ancestors, dispatch_uid="pagecache-purge-unpublished")
