"""Structured logs: one JSON object per line, and one line per request.

Readers' IP addresses are never logged (nor anything else that identifies a reader: no query strings, which hold
search terms; no user agent; no referrer). Editors' actions are in Wagtail's audit log, not here.
"""

import json
import logging
import time

REQUEST_LOGGER = logging.getLogger("samvydat.requests")

# Attributes every LogRecord has; anything else passed in ``extra=`` becomes a field of the JSON line.
_RECORD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


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
        REQUEST_LOGGER.info(
            "request",
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                "bytes": None if response.streaming else len(response.content),
                "cache": response.get("X-Page-Cache", "-"),
            },
        )
        return response
