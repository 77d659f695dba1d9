"""Readers' cache hits answered before Django: ``samvydat.wsgi.application`` is wrapped in this.

A hit here costs a dictionary look-up: no request object, no middleware, no URL routing. Everything else —
misses, cookies, POSTs, the admin — goes to Django unchanged, where ``PageCacheMiddleware`` decides what may be
cached and marks it in the WSGI environ; this layer then keeps the finished response in the worker's memory
(``samvydat.pagecache.local``). Decisions are never made here, only repeated.
"""

import logging

from django.conf import settings

from samvydat.pagecache.keys import canonical_from_environ, is_reader_environ
from samvydat.pagecache.local import pages
from samvydat.pagecache.middleware import GENERATION_ENVIRON_KEY
from samvydat.serving.logs import REQUEST_LOGGER


class PageCacheApplication:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if not (settings.PAGE_CACHE_ENABLED and is_reader_environ(environ)):
            return self.application(environ, start_response)
        url = canonical_from_environ(environ).url  # tracking parameters and made-up names are not in it
        if url is None:
            return self.application(environ, start_response)
        entry = pages.get(url)
        if entry is not None:
            _generation, status, headers, body = entry
            start_response(status, headers)
            if REQUEST_LOGGER.isEnabledFor(logging.INFO):
                REQUEST_LOGGER.info(
                    "request",
                    extra={
                        "method": "GET",
                        "path": environ.get("PATH_INFO", ""),
                        "status": 200,
                        "duration_ms": 0.0,
                        "bytes": len(body),
                        "cache": "hit",
                    },
                )
            return [body]

        captured = []

        def capture(status, headers, exc_info=None):
            captured[:] = [status, headers]
            return start_response(status, headers, exc_info)

        result = self.application(environ, capture)
        generation = environ.get(GENERATION_ENVIRON_KEY)
        if generation is None or not captured or not captured[0].startswith("200"):
            return result
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()  # Django's request_finished: database connections are tidied here
        headers = [(name, "hit" if name == "X-Page-Cache" else value) for name, value in captured[1]]
        pages.put(url, generation, captured[0], headers, body)
        return [body]
