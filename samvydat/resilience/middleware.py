"""Faults turned into answers people can act on, never a traceback.

- The database goes away mid-request (``OperationalError``/``InterfaceError`` from a view): readers get a plain
  "503, try again in a minute" page made without touching the database (pages in the full-page cache keep being
  served before any view runs); the broken connection is closed so the next request reconnects.
- The disk is full while an editor uploads media (``OSError`` ENOSPC/EDQUOT): nothing is saved (the file is written
  before the database row), and the editor is sent back to the form with a message saying so; the admin's
  multiple-upload page gets the JSON error its script shows next to the file.
"""

import errno
import logging

from django.contrib import messages
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

logger = logging.getLogger("samvydat.faults")

RETRY_AFTER_SECONDS = 30
DISK_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}


def unavailable_response(request, *, reason: str) -> HttpResponse:
    """A 503 page rendered without the database (no context processors, no site settings)."""
    body = render_to_string("resilience/unavailable.html", {"reason": reason, "retry_after": RETRY_AFTER_SECONDS})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.error("database unavailable while serving %s: %s", request.path, exception)
        for connection in connections.all(initialized_only=True):
            if not connection.in_atomic_block:
                connection.close_if_unusable_or_obsolete()
        return unavailable_response(request, reason="database")


def _is_admin(request) -> bool:
    return request.path_info.startswith(reverse("wagtailadmin_home"))


class DiskFullMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not (isinstance(exception, OSError) and exception.errno in DISK_FULL_ERRNOS):
            return None
        logger.error("disk full while serving %s %s: %s", request.method, request.path, exception)
        if not (_is_admin(request) and request.user.is_authenticated):
            return unavailable_response(request, reason="disk")
        message = _(
            "The file was not saved: the server's disk is full. Nothing was changed. "
            "Tell the site's administrator, then try again."
        )
        if request.headers.get("x-requested-with") == "XMLHttpRequest" or "/multiple/" in request.path_info:
            # Wagtail's upload script shows ``error_message`` beside the file only for a 200 answer.
            return JsonResponse({"success": False, "error_message": message})
        messages.error(request, message)
        return HttpResponseRedirect(request.get_full_path())
