"""Readers' cache hits answered before Django: ``samvydat.wsgi.application`` is wrapped in this.

A hit here costs a dictionary look-up: no request object, no middleware, no URL routing. Everything else —
misses, cookies, POSTs, the admin — goes to Django unchanged, where ``PageCacheMiddleware`` decides what may be
cached and marks it in the WSGI environ; this layer then keeps the finished response in the worker's memory
(``samvydat.pagecache.local``). Decisions are never made here, only repeated: besides hits, a request Django
would refuse without rendering — a malformed or repeated parameter (redirect), a page number beyond what the
listing declared in this generation (404) — is answered here with the same response Django gave last time.
"""

import logging
import re

from django.conf import settings
from django.utils.http import urlencode

from samvydat.pagecache.keys import canonical_from_environ, is_reader_environ, refusal
from samvydat.pagecache.local import pages, refusals
from samvydat.pagecache.middleware import GENERATION_ENVIRON_KEY, REFUSAL_ENVIRON_KEY
from samvydat.serving.logs import REQUEST_LOGGER

# Paths a redirect may be repeated for as they came: plain ASCII, nothing percent-encoded (Django decodes those first).
_PLAIN_PATH = re.compile(r"^[-A-Za-z0-9_./~]*$")


def _log(environ, status: int, body: bytes, cache: str) -> None:
    if REQUEST_LOGGER.isEnabledFor(logging.INFO):
        REQUEST_LOGGER.info(
            "request",
            extra={
                "method": "GET",
                "path": environ.get("PATH_INFO", ""),
                "status": status,
                "duration_ms": 0.0,
                "bytes": len(body),
                "cache": cache,
                "answered": "worker",  # before Django: no request object, no middleware
            },
        )


def _repeated_refusal(environ, canonical):
    """The response Django would make for a request it refuses without rendering, if this worker has seen one."""
    path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "/")
    if canonical.redirect is not None:
        return (
            refusals.response("redirect", canonical.base_url, canonical.redirect) if _PLAIN_PATH.match(path) else None
        )
    if not canonical.params:
        return None
    declared = refusals.declaration(canonical.base_url)
    if declared is None:
        return None
    refused = refusal(canonical.params, declared)
    if refused is None:
        return None
    if refused[0] == "404":
        return refusals.response("404", canonical.base_url)
    if not _PLAIN_PATH.match(path):
        return None
    query = urlencode(refused[1])
    return refusals.response("redirect", canonical.base_url, path + (f"?{query}" if query else ""))


class PageCacheApplication:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if not (settings.PAGE_CACHE_ENABLED and is_reader_environ(environ)):
            return self.application(environ, start_response)
        canonical = canonical_from_environ(environ)
        url = canonical.url  # tracking parameters and made-up names are not in it
        if canonical.bypass:
            return self.application(environ, start_response)
        entry = pages.get(url) if url is not None else None
        if entry is not None:
            _generation, status, headers, body = entry
            start_response(status, headers)
            _log(environ, 200, body, "hit")
            return [body]
        repeated = _repeated_refusal(environ, canonical)
        if repeated is not None:
            status, headers, body = repeated
            start_response(status, headers)
            _log(environ, int(status[:3]), body, "bypass")
            return [body]

        captured = []

        def capture(status, headers, exc_info=None):
            captured[:] = [status, headers]
            return start_response(status, headers, exc_info)

        result = self.application(environ, capture)
        refused = environ.get(REFUSAL_ENVIRON_KEY)
        if refused is not None and captured:
            return self._learn(refused, captured, result)
        generation = environ.get(GENERATION_ENVIRON_KEY)
        if url is None or generation is None or not captured or not captured[0].startswith("200"):
            return result
        body = _read(result)
        headers = [(name, "hit" if name == "X-Page-Cache" else value) for name, value in captured[1]]
        pages.put(url, generation, captured[0], headers, body)
        return [body]

    @staticmethod
    def _learn(refused, captured, result):
        kind, generation, base_url, declared = refused
        body = _read(result)
        if captured[0][:3] in ("404", "301"):
            refusals.learn(kind, generation, base_url, declared, captured[0], list(captured[1]), body)
        return [body]


def _read(result) -> bytes:
    try:
        return b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()  # Django's request_finished: database connections are tidied here
