"""``Onion-Location``: tells Tor Browser that the page is also served by the site's onion service."""

from . import selectors


class OnionLocationMiddleware:
    """Adds ``Onion-Location: <onion address><path>`` to HTML responses when an onion address is set.

    Not on the onion site itself (its host already ends in ``.onion``), and only for successful HTML answers, as
    the Tor Project's specification says. The settings are cached, so this costs no query per request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            return response
        origin = selectors.reach_us().onion_origin
        if origin and not request.get_host().split(":")[0].endswith(".onion"):
            response["Onion-Location"] = origin + request.get_full_path()
        return response
