"""The "how to reach us" page: mirror addresses, the onion address, the offline copy. Same for everyone, no
session, no cookie: it is cached like any public page and copied into every mirror."""

from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_safe

from samvydat.core.i18n import view_alternates

from . import selectors


@require_safe
def reach_us(request):
    settings = selectors.reach_us()
    language = translation.get_language()
    context = {
        "intro": settings.notes.get(language, ""),
        "onion_address": settings.onion_origin,
        "addresses": [{"url": a.url, "note": a.notes.get(language, "")} for a in settings.addresses],
        "alternate_urls": view_alternates("mirror_reach_us"),  # canonical, hreflang, the language switcher
        "view_title": translation.gettext("How to reach us"),  # what the page says when shared (feeds.sharing)
    }
    return render(request, "mirror/reach_us.html", context)
