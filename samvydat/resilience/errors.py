"""The last line: Django's ``handler500``. Database errors raised outside a view (in a middleware) end here too."""

import sys

from django.db import InterfaceError, OperationalError
from django.views.defaults import server_error as django_server_error

from .middleware import unavailable_response


def server_error(request, template_name="500.html"):
    """A 503 "try again" page when the database is the cause, otherwise the plain 500 page; never a traceback."""
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        return unavailable_response(request, reason="database")
    return django_server_error(request, template_name)
