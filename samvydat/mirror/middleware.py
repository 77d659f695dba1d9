"""``Onion-Location``: tells Tor Browser that the page is also served by the site's onion service."""

import logging

from django.db import DatabaseError

from . import selectors

logger = logging.getLogger("samvydat.faults")


class OnionLocationMiddleware:
    """Adds ``Onion-Location: <onion address><path>`` to HTML responses when an onion address is set.

    Not on the onion site itself (its host already ends in ``.onion``), and only for successful HTML answers, as
    the Tor Project's specification says. The settings are cached, so this costs no query per request.

    It sits *inside* the full-page cache (``settings.MIDDLEWARE``): the header is stored with each cached page
    (whose key holds the host, so the onion site's copies have none; saving the mirror settings, a site setting,
    starts a new cache generation), and a cache hit is answered without asking the database anything. Were the
    settings' lookup to fail (the database lost after the view), the page goes out without the header and is not
    cached, rather than becoming an error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            return response
        if request.get_host().split(":")[0].endswith(".onion"):
            return response
        try:
            origin = selectors.reach_us().onion_origin
        except DatabaseError as exc:
            logger.error("Onion-Location left out of %s: %s", request.path, exc)
            response["Cache-Control"] = "no-store"
            return response
        if origin:
            response["Onion-Location"] = origin + request.get_full_path()
        return response
