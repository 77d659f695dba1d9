"""Documents (Wagtail's ``/documents/<id>/<file>``) are downloads, never something a browser runs.

The site's own origin is what its Content-Security-Policy trusts (``script-src 'self'``): a document served from
it as ``text/javascript`` or ``text/html`` would be a script or a page the policy lets run. So:

* uploads are limited to the extensions of ``WAGTAILDOCS_EXTENSIONS`` (settings; Wagtail's own check, in the
  admin form and in ``Document.full_clean``, which the content-package importer calls too);
* every document, including one uploaded before that list existed, is served by :func:`document_serve`: Wagtail's
  view, then ``Content-Disposition: attachment``, ``X-Content-Type-Options: nosniff`` and a content type from
  ``policy.DOCUMENT_CONTENT_TYPES`` (by extension), ``application/octet-stream`` for anything else.
"""

import posixpath
import urllib.parse

from wagtail.documents.views.serve import serve

from samvydat.security.policy import DOCUMENT_CONTENT_TYPES as SAFE_CONTENT_TYPES

NOT_EXECUTABLE = "application/octet-stream"


def safe_content_type(filename: str) -> str:
    extension = posixpath.splitext(filename)[1].lower().removeprefix(".")
    return SAFE_CONTENT_TYPES.get(extension, NOT_EXECUTABLE)


def document_serve(request, document_id: int, document_filename: str):
    """Wagtail's document view, answering only as a download of a type no browser executes."""
    response = serve(request, document_id, document_filename)
    if response.status_code == 200:
        quoted = urllib.parse.quote(document_filename)
        response["Content-Type"] = safe_content_type(document_filename)
        response["Content-Disposition"] = f"attachment; filename={quoted}; filename*=UTF-8''{quoted}"
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
