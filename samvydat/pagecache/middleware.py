"""The full-page cache for anonymous readers, and the Cache-Control header of every public page.

Two tiers. Each worker keeps finished responses in its own memory and answers them before Django
(``samvydat.pagecache.wsgi``); behind it, this middleware shares pages between workers and machines through the
``pages`` cache (files or Redis). It sits right after Django's ``SecurityMiddleware`` (HTTPS redirect first), so
a shared hit returns before sessions, locale, CSRF, authentication and URL routing run: one cache round trip.

What is a reader's request: ``GET``, no ``Cookie`` and no ``Authorization`` header (samvydat never gives a reader a
cookie, so any cookie means an editor or a stale admin visit), a path outside the admin, documents, static, media
and health URLs. Only those are looked up and stored, and only when the query string is empty or just ``page=N``
(anything else, e.g. search, would let anyone fill the cache with one-off URLs).

What is stored: a ``200``, not streamed, that sets no cookie, used no CSP nonce, varies on nothing but
``Accept-Encoding``/``Cookie`` and has no ``Cache-Control`` of its own (or a public one). Error pages, redirects,
previews and everything an editor sees are never stored. The key is scheme + host + path + query; the language is
in the path (``/be/…``), so nothing needs ``Vary: Accept-Language``, and since requests with cookies never reach the
cache, ``Vary: Cookie`` is not needed either (and readers' responses carry none: they do not touch the session).
"""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.utils.cache import patch_cache_control

from samvydat.pagecache.keys import is_reader_environ, url_from_environ
from samvydat.pagecache.store import page_lookup, page_store

GENERATION_ENVIRON_KEY = "samvydat.pagecache.generation"  # tells the WSGI layer it may keep the response
_STORABLE_VARY = {"accept-encoding", "cookie"}


def cache_url(request) -> str | None:
    """The cache key's URL, or None when this URL is not kept in the page cache."""
    try:
        request.get_host()
    except DisallowedHost:
        return None  # let Django answer it (400)
    return url_from_environ(request.META)


def is_public_response(request, response) -> bool:
    """The same for every reader: may be cached by us, by nginx, by a CDN and by the browser."""
    if response.status_code != 200 or response.streaming or response.cookies or response.has_header("Set-Cookie"):
        return False
    if getattr(request, "_csp_nonce", None) is not None:  # a nonce shared by all readers would be no nonce
        return False
    cache_control = response.get("Cache-Control", "")
    return not cache_control or "public" in cache_control


def is_storable(response) -> bool:
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
    return vary <= _STORABLE_VARY


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = settings.PAGE_CACHE_ENABLED
        self.max_age = settings.PAGE_CACHE_MAX_AGE

    def __call__(self, request):
        if not is_reader_environ(request.META):
            response = self.get_response(request)
            if request.META.get("HTTP_COOKIE") and not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True)  # what an editor sees is theirs alone
            return response

        url = cache_url(request) if self.enabled else None
        lookup = page_lookup(url) if url else None
        if lookup and lookup.response is not None:
            lookup.response["X-Page-Cache"] = "hit"
            request.META[GENERATION_ENVIRON_KEY] = lookup.generation
            return lookup.response

        response = self.get_response(request)
        if is_public_response(request, response):
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, public=True, max_age=self.max_age)
            if lookup and is_storable(response):
                page_store(lookup, response)
                response["X-Page-Cache"] = "miss"
                request.META[GENERATION_ENVIRON_KEY] = lookup.generation
        return response
