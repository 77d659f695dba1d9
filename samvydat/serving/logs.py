"""Structured logs: one JSON object per line, and one line per request.

Readers' IP addresses are never logged (nor anything else that identifies a reader: no query strings, which hold
search terms; no user agent; no referrer). Editors' actions are in Wagtail's audit log, not here.

``PrivateRequestFilter`` sits on the handlers (settings ``LOGGING``): Django's own ``django.request`` and
``django.security`` lines carry the request object, which the JSON formatter would print with its query string
(``<WSGIRequest: GET '/en/search/?q=…'>``); the filter replaces it by the method and the path, and every path in a
line has the token of a newsletter link (confirm, manage, unsubscribe) replaced by "-".
"""

import json
import logging
import re
import time

REQUEST_LOGGER = logging.getLogger("samvydat.requests")

# Attributes every LogRecord has; anything else passed in ``extra=`` becomes a field of the JSON line.
_RECORD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


_TOKEN_IN_PATH = re.compile(r"(/newsletter/(?:confirm|manage|unsubscribe)/)[^/?#\s'\"]+")


_QUERY_AFTER_PATH = re.compile(r"((?:^|[\s'\"])/[^\s?'\"]*)\?[^\s'\"]*")


def path_redacted(text: str) -> str:
    """``text`` with the token of every newsletter link path replaced by "-" (as nginx's access log does) and the
    query string after any path dropped (``"GET /en/search/?q=… HTTP/1.1"`` of the development server's lines)."""
    return _QUERY_AFTER_PATH.sub(r"\1", _TOKEN_IN_PATH.sub(r"\1-", text))


class PrivateRequestFilter(logging.Filter):
    """Strips the query string and newsletter tokens from log records (see the module docstring)."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if request is not None and not isinstance(request, str):
            method, path = getattr(request, "method", None) or "", getattr(request, "path", None) or ""
            record.request = f"{method} {path_redacted(path)}".strip()
        if isinstance(record.msg, str):
            record.msg = path_redacted(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(path_redacted(arg) if isinstance(arg, str) else arg for arg in record.args)
        if isinstance(getattr(record, "path", None), str):
            record.path = path_redacted(record.path)
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update({key: value for key, value in vars(record).items() if key not in _RECORD_ATTRIBUTES})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)

    converter = time.gmtime


class RequestLogMiddleware:
    """The outermost middleware: method, path (no query string), status, duration, size and page-cache outcome."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not REQUEST_LOGGER.isEnabledFor(logging.INFO):
            return self.get_response(request)
        started = time.perf_counter()
        response = self.get_response(request)
        line = {
            "method": request.method,
            "path": path_redacted(request.path),
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 2),
            "bytes": None if response.streaming else len(response.content),
            "cache": response.get("X-Page-Cache", "-"),
        }
        if getattr(response, "refused_without_render", False):
            line["refused"] = True  # the page cache refused it (impossible or malformed parameters), nothing rendered
        REQUEST_LOGGER.info("request", extra=line)
        return response
