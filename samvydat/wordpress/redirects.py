"""Permanent redirects from a WordPress post's old addresses to its new page (``wagtail.contrib.redirects``).

For each imported published post: its ``<link>`` path, ``/?p=ID``, ``/YYYY/MM/slug/`` and ``/slug/`` (the common
permalink structures), each also under the post's language prefix (``/be/…``, Polylang's and WPML's directory
form). An address another imported post already redirects is left to the first one (reported by count only).
Wagtail answers these only where no page lives at the address, so no redirect can hide a samvydat page.
"""

from urllib.parse import unquote, urlsplit

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from .wxr import Export, Item


def old_paths(item: Item, *, lang: str) -> list[str]:
    """The normalised old addresses of ``item`` (path and, for ``?p=``, query), without duplicates."""
    paths = [f"/?p={item.post_id}"]
    link = urlsplit(item.link or "")
    if link.path and link.path != "/":
        paths.append(unquote(link.path))
    slug = unquote(item.slug or "")
    if slug:
        forms = [f"/{slug}/"]
        if item.published_at:
            forms.insert(0, f"/{item.published_at:%Y/%m}/{slug}/")
        paths += forms + [f"/{lang}{form}" for form in forms]
    seen = []
    for path in paths:
        normal = Redirect.normalise_path(path)
        if normal not in seen:
            seen.append(normal)
    return seen


def redirects_for(item: Item, page: Page, *, lang: str, export: Export) -> int:
    """Create the redirects of ``item`` to ``page``; the number created."""
    created = 0
    for path in old_paths(item, lang=lang):
        if Redirect.objects.filter(old_path=path, site__isnull=True).exists():
            continue
        Redirect.objects.create(old_path=path, site=None, is_permanent=True, redirect_page=page)
        created += 1
    return created
