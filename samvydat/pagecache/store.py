"""Where cached pages live: the ``pages`` cache (``settings.PAGE_CACHE_ALIAS``), one entry per URL, plus a
*generation* token. Every entry records the generation it was made in; changing the token (on publish, unpublish,
move, delete, snippet or settings change) makes every entry stale at once, on every worker and machine that shares
the cache. Whole-site invalidation is deliberate: a publish changes the home page, listings, navigation, feeds and
the language switcher of other pages, and re-rendering a page costs ~20 ms.

Beside the pages, one small *declaration* per path (``keys.declare_parameter``): which values of its query
parameters the path answers (``page`` up to N, the dashboard's topics), so that out-of-range values are refused
without rendering. A stale entry is not thrown away: when rendering fails (the database is down), the middleware
serves it marked ``stale``; and while one request renders a stale page again, every other request for that URL
gets the stale copy at once (``revalidation_claim``): a publish during a flood costs one render per URL, not one
per request that arrives while the first is rendering.

A hit is one round trip (``get_many`` of the page, the path's declaration and the generation).
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
    declared_key: str = ""
    declared: dict | None = None  # the path's declared parameters, made in this generation
    stale: HttpResponse | None = None  # the last good copy from an older generation


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def page_key(url: str) -> str:
    return "pagecache:page:" + hashlib.sha256(url.encode()).hexdigest()


def declared_key(base_url: str) -> str:
    return "pagecache:params:" + hashlib.sha256(base_url.encode()).hexdigest()


def generation_new() -> str:
    """Start a new generation: every page cached so far is stale from now on."""
    from samvydat.pagecache import local

    token = uuid.uuid4().hex
    _cache().set(GENERATION_KEY, token, timeout=None)
    local.clock.seen(token)
    local.pages.clear()
    return token


def _response(entry) -> HttpResponse:
    _generation, status, headers, content = entry
    return HttpResponse(content, status=status, headers=headers)


def page_lookup(url: str | None, base_url: str = "") -> Lookup:
    """The page at ``url`` (None: look up only the path's declaration) and the declaration of ``base_url``."""
    key = page_key(url) if url else ""
    params_key = declared_key(base_url) if base_url else ""
    found = _cache().get_many([name for name in (GENERATION_KEY, key, params_key) if name])
    generation = found.get(GENERATION_KEY)
    if generation is not None:
        from samvydat.pagecache import local

        local.clock.seen(generation)
    else:
        # First request, or the token was evicted: a fresh random token cannot revive old entries.
        generation = uuid.uuid4().hex
        if not _cache().add(GENERATION_KEY, generation, timeout=None):
            generation = _cache().get(GENERATION_KEY) or generation
    entry = found.get(key) if key else None
    declared = found.get(params_key) if params_key else None
    declared = declared[1] if declared is not None and declared[0] == generation else None
    if entry is None:
        return Lookup(key, generation, None, params_key, declared)
    if entry[0] != generation:
        return Lookup(key, generation, None, params_key, declared, stale=_response(entry))
    return Lookup(key, generation, _response(entry), params_key, declared)


def page_store(lookup: Lookup, response: HttpResponse) -> None:
    """Keep ``response`` under the generation read before it was rendered: if something was published
    meanwhile, the entry is stale from birth rather than stale for hours."""
    headers = [(name, value) for name, value in response.items() if name.lower() not in _UNSTORED_HEADERS]
    entry = (lookup.generation, response.status_code, dict(headers), response.content)
    _cache().set(lookup.key, entry, timeout=settings.PAGE_CACHE_TIMEOUT)


def _revalidation_key(lookup: Lookup) -> str:
    return f"{lookup.key}:revalidating:{lookup.generation}"


def revalidation_claim(lookup: Lookup, *, seconds: int) -> bool:
    """True for the one request (per URL and generation, across every worker sharing the cache) that renders a stale
    page again; until it releases the claim, or ``seconds`` pass if it died, the others serve the stale copy."""
    return _cache().add(_revalidation_key(lookup), 1, timeout=seconds)


def revalidation_release(lookup: Lookup) -> None:
    _cache().delete(_revalidation_key(lookup))


def declared_store(lookup: Lookup, declared: dict) -> None:
    if lookup.declared_key:
        _cache().set(lookup.declared_key, (lookup.generation, declared), timeout=settings.PAGE_CACHE_TIMEOUT)
