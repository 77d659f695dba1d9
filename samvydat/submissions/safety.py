"""What the "Send us information" page tells readers about reaching us safely.

``onion_address()`` is the one place the onion address is looked up: the editors' "Mirrors and onion address"
settings (``samvydat.mirror``) when that app is installed and has one, else the ``ONION_ADDRESS`` setting.
"""

from django.apps import apps
from django.conf import settings


def onion_address() -> str:
    """The site's onion address ("http://….onion"), or "" when there is none."""
    if apps.is_installed("samvydat.mirror"):
        from samvydat.mirror.selectors import reach_us

        origin = reach_us().onion_origin
        if origin:
            return origin
    address = (getattr(settings, "ONION_ADDRESS", "") or "").strip()
    if address and "://" not in address:
        address = f"http://{address}"
    return address
