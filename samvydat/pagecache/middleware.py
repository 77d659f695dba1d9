"""The full-page cache for anonymous readers, and the Cache-Control header of every public page.

Two tiers. Each worker keeps finished responses in its own memory and answers them before Django
(``samvydat.pagecache.wsgi``); behind it, this middleware shares pages between workers and machines through the
``pages`` cache (files or Redis). It sits right after Django's ``SecurityMiddleware`` (HTTPS redirect first), so
a shared hit returns before sessions, locale, CSRF, authentication and URL routing run: one cache round trip.

What is a reader's request: ``GET``, no ``Cookie`` and no ``Authorization`` header (samvydat never gives a reader a
cookie, so any cookie means an editor or a stale admin visit), a path outside the admin, documents, static, media
and health URLs. Its URL is first brought to its canonical form (``keys.py``): parameters no page reads are
dropped before rendering and from the key; a malformed or repeated known parameter is redirected; a value the
page has declared it does not have (``?page=9999`` of a 3-page listing) is a cheap 404, never a render.

What is stored: a ``200``, not streamed, that sets no cookie, used no CSP nonce, varies on nothing but
``Accept-Encoding``/``Cookie`` and has no ``Cache-Control`` of its own (or a public one). Error pages, redirects,
previews and everything an editor sees are never stored. The key is scheme + host + path + canonical query; the
language is in the path (``/be/…``), so nothing needs ``Vary: Accept-Language``, and since requests with cookies
never reach the cache, ``Vary: Cookie`` is not needed either.

Every response says how it was served in ``X-Page-Cache``: ``hit`` (from a cache), ``miss`` (rendered and
stored), ``stale`` (the last good copy from before the latest publish, served while rendering fails or while another
request renders the page again) or ``bypass``
(not a cacheable reader's request: editors, search, POSTs, errors). The value is the same for every reader.
"""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponseNotFound, HttpResponsePermanentRedirect
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode

from samvydat.pagecache.keys import DECLARED_ATTRIBUTE, canonical_from_environ, is_reader_environ, refusal
from samvydat.pagecache.store import (
    declared_store,
    page_lookup,
    page_store,
    revalidation_claim,
    revalidation_release,
)

GENERATION_ENVIRON_KEY = "samvydat.pagecache.generation"  # tells the WSGI layer it may keep the response
# Tells the WSGI layer a request was refused without a render, and on what grounds, so that it repeats the refusal
# itself next time: ("404" | "redirect", generation or None, base URL, the path's declaration or None).
REFUSAL_ENVIRON_KEY = "samvydat.pagecache.refusal"
HEADER = "X-Page-Cache"
_STORABLE_VARY = {"accept-encoding", "cookie"}
_REFUSAL_MAX_AGE = 300


def cache_url(request) -> str | None:
    """The cache key's URL, or None when this URL is not kept in the page cache."""
    try:
        request.get_host()
    except DisallowedHost:
        return None  # let Django answer it (400)
    return canonical_from_environ(request.META).url


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


def _marked(response, how: str):
    if not response.has_header(HEADER):
        response[HEADER] = how
    return response


def _stale(response, *, max_age: int):
    patch_cache_control(response, public=True, max_age=max_age)
    return _marked(response, "stale")


def _redirect(path: str, params) -> HttpResponsePermanentRedirect:
    query = urlencode(params)
    response = HttpResponsePermanentRedirect(path + (f"?{query}" if query else ""))
    patch_cache_control(response, public=True, max_age=_REFUSAL_MAX_AGE)
    response.refused_without_render = True  # the request log says so (samvydat.serving.logs)
    return _marked(response, "bypass")


def _not_found() -> HttpResponseNotFound:
    """A 404 that costs nothing: no template, no database."""
    response = HttpResponseNotFound(b"Not found.\n", content_type="text/plain; charset=utf-8")
    patch_cache_control(response, public=True, max_age=_REFUSAL_MAX_AGE)
    response.refused_without_render = True
    return _marked(response, "bypass")


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
            return _marked(response, "bypass")
        try:
            request.get_host()
        except DisallowedHost:
            return _marked(self.get_response(request), "bypass")  # Django answers it (400)

        canonical = canonical_from_environ(request.META)
        if canonical.bypass:
            return _marked(self.get_response(request), "bypass")
        path = request.META.get("SCRIPT_NAME", "") + request.path_info
        if canonical.redirect is not None:
            request.META[REFUSAL_ENVIRON_KEY] = ("redirect", None, canonical.base_url, None)
            return _redirect(path, canonical.params)
        # Django renders the canonical URL: what no page reads is gone before anything can read it.
        request.META["QUERY_STRING"] = canonical.query
        request.__dict__.pop("GET", None)

        lookup = page_lookup(canonical.url, canonical.base_url) if self.enabled else None
        if lookup and lookup.response is not None:
            request.META[GENERATION_ENVIRON_KEY] = lookup.generation
            return _marked(lookup.response, "hit")
        if lookup and lookup.declared is not None and canonical.params:
            refused = refusal(canonical.params, lookup.declared)
            if refused is not None:
                request.META[REFUSAL_ENVIRON_KEY] = (refused[0], lookup.generation, canonical.base_url, lookup.declared)
                return _not_found() if refused[0] == "404" else _redirect(path, refused[1])

        revalidating = lookup is not None and lookup.stale is not None
        if revalidating and not revalidation_claim(lookup, seconds=settings.PAGE_CACHE_REVALIDATE_SECONDS):
            return _stale(lookup.stale, max_age=settings.PAGE_CACHE_REVALIDATING_MAX_AGE)  # another request renders it
        try:
            return self._rendered(request, path, canonical, lookup)
        finally:
            if revalidating:
                revalidation_release(lookup)

    def _rendered(self, request, path, canonical, lookup):
        response = self.get_response(request)
        if response.status_code >= 500 and lookup and lookup.stale is not None:
            return _stale(lookup.stale, max_age=settings.PAGE_CACHE_STALE_MAX_AGE)
        declared = getattr(request, DECLARED_ATTRIBUTE, {})
        if response.status_code == 404 and declared and lookup:
            declared_store(lookup, declared)  # the next ?page=<too far> is refused without a render
        if not is_public_response(request, response):
            return _marked(response, "bypass")
        if canonical.params:
            refused = refusal(canonical.params, declared)
            if refused is not None:  # the page ignored a parameter or has no such value: keep nothing
                if lookup:
                    declared_store(lookup, declared)
                return _not_found() if refused[0] == "404" else _redirect(path, refused[1])
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, public=True, max_age=self.max_age)
        if lookup and is_storable(response):
            page_store(lookup, response)
            declared_store(lookup, declared)
            request.META[GENERATION_ENVIRON_KEY] = lookup.generation
            return _marked(response, "miss")
        return _marked(response, "bypass")
