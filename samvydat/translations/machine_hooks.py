"""Admin hooks: "Draft a translation" by machine (machine_views) and the machine-made mark in the editor."""

from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import widgets
from wagtail.models import Locale

from .machine_drafts import is_machine_made
from .machine_views import language_name, machine_draft, machine_draft_allowed

#: The pairs the "Draft a translation" buttons offer (the engine decides at click time whether it can do them).
DRAFT_PAIRS = {"be": ("ru",), "ru": ("be",)}


@hooks.register("register_admin_urls")
def machine_draft_urls():
    return [path("translations/machine/<int:page_id>/<str:language>/", machine_draft, name="translations_machine")]


def _draft_buttons(page, user, priority):
    if page.is_root() or page.depth <= 1:
        return
    for language in DRAFT_PAIRS.get(page.locale.language_code, ()):
        locale = Locale.objects.filter(language_code=language).first()
        if locale is None or not machine_draft_allowed(user=user, source=page, locale=locale):
            continue
        yield widgets.Button(
            _("Draft a translation into %(language)s") % {"language": language_name(language)},
            reverse("translations_machine", args=[page.pk, language]),
            icon_name="globe",
            priority=priority,
        )


@hooks.register("register_page_header_buttons")
def machine_draft_header_buttons(page, user, view_name, next_url=None):
    yield from _draft_buttons(page, user, priority=85)


@hooks.register("register_page_listing_more_buttons")
def machine_draft_listing_buttons(page, user, next_url=None):
    yield from _draft_buttons(page, user, priority=65)


@hooks.register("before_edit_page")
def machine_made_warning(request, page):
    if request.method == "GET" and (mark := is_machine_made(page)) is not None:
        messages.warning(
            request,
            _(
                "This text was made by machine translation (%(engine)s) from %(language)s and nobody has edited it "
                "yet. Check every sentence, names and figures before publishing."
            )
            % {"engine": mark.engine, "language": language_name(mark.source_language)},
        )
