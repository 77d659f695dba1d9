"""Where cached pages live: the ``pages`` cache (``settings.PAGE_CACHE_ALIAS``), one entry per URL, plus a
*generation* token. Every entry records the generation it was made in; changing the token (on publish, unpublish,
move, delete, snippet or settings change) makes every entry stale at once, on every worker and machine that shares
the cache. Whole-site invalidation is deliberate: a publish changes the home page, listings, navigation, feeds and
the language switcher of other pages, and re-rendering a page costs ~20 ms.

A hit is one round trip (``get_many`` of the page and the generation).
"""

import hashlib
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse

GENERATION_KEY = "pagecache:generation"
# Headers never stored: per-response bookkeeping, or set again on the way out by SecurityMiddleware.
_UNSTORED_HEADERS = {"set-cookie", "x-page-cache", "strict-transport-security"}


@dataclass(frozen=True)
class Lookup:
    key: str
    generation: str
    response: HttpResponse | None


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def page_key(url: str) -> str:
    return "pagecache:page:" + hashlib.sha256(url.encode()).hexdigest()


def generation_new() -> str:
    """Start a new generation: every page cached so far is stale from now on."""
    from samvydat.pagecache import local

    token = uuid.uuid4().hex
    _cache().set(GENERATION_KEY, token, timeout=None)
    local.clock.seen(token)
    local.pages.clear()
    return token


def page_lookup(url: str) -> Lookup:
    key = page_key(url)
    found = _cache().get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    if generation is not None:
        from samvydat.pagecache import local

        local.clock.seen(generation)
    else:
        # First request, or the token was evicted: a fresh random token cannot revive old entries.
        generation = uuid.uuid4().hex
        if not _cache().add(GENERATION_KEY, generation, timeout=None):
            generation = _cache().get(GENERATION_KEY) or generation
        return Lookup(key, generation, None)
    entry = found.get(key)
    if entry is None or entry[0] != generation:
        return Lookup(key, generation, None)
    _generation, status, headers, content = entry
    return Lookup(key, generation, HttpResponse(content, status=status, headers=headers))


def page_store(lookup: Lookup, response: HttpResponse) -> None:
    """Keep ``response`` under the generation read before it was rendered: if something was published
    meanwhile, the entry is stale from birth rather than stale for hours."""
    headers = [(name, value) for name, value in response.items() if name.lower() not in _UNSTORED_HEADERS]
    entry = (lookup.generation, response.status_code, dict(headers), response.content)
    _cache().set(lookup.key, entry, timeout=settings.PAGE_CACHE_TIMEOUT)
