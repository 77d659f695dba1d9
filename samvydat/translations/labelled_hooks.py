"""Admin: "Show in Belarusian, labelled" / "Stop showing in Belarusian" on an original (``labelled``)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail import hooks
from wagtail.admin import widgets
from wagtail.models import Locale, Page

from .labelled import labelled_original_hide, labelled_original_show, shown_languages, user_can_label
from .machine_views import language_name


@require_http_methods(["GET", "POST"])
def labelled_original(request, page_id: int, language: str):
    page = get_object_or_404(Page, pk=page_id).specific
    locale = get_object_or_404(Locale, language_code=language)
    if not user_can_label(user=request.user, page=page):
        raise PermissionDenied
    shown = language in shown_languages(page)
    if request.method == "POST":
        try:
            if shown:
                labelled_original_hide(page=page, locale=locale, user=request.user)
                messages.success(request, _("No longer shown in %(language)s.") % {"language": language_name(language)})
            else:
                labelled_original_show(page=page, locale=locale, user=request.user)
                messages.success(
                    request,
                    _("Shown in the %(language)s listings, feeds and search, labelled with its own language.")
                    % {"language": language_name(language)},
                )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("wagtailadmin_pages:edit", page.pk)
    context = {
        "page_title": _("Show in another language"),
        "header_icon": "globe",
        "page": page,
        "shown": shown,
        "own_language": language_name(page.locale.language_code),
        "target_language": language_name(language),
    }
    return TemplateResponse(request, "translations/labelled_original.html", context)


@hooks.register("register_admin_urls")
def labelled_original_urls():
    return [
        path("translations/labelled/<int:page_id>/<str:language>/", labelled_original, name="translations_labelled")
    ]


@hooks.register("register_page_header_buttons")
def labelled_original_buttons(page, user, view_name, next_url=None):
    if page.depth <= 2 or not page.live or not user_can_label(user=user, page=page):
        return
    shown = shown_languages(page)
    translated = set(
        page.get_translations().live().filter(alias_of__isnull=True).values_list("locale__language_code", flat=True)
    )
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        if code == page.locale.language_code or code in translated:
            continue
        label = _("Stop showing in %(language)s") if code in shown else _("Show in %(language)s, labelled")
        yield widgets.Button(
            label % {"language": language_name(code)},
            reverse("translations_labelled", args=[page.pk, code]),
            icon_name="globe",
            priority=90,
        )


@hooks.register("register_log_actions")
def labelled_original_log_actions(actions):
    actions.register_action(
        "samvydat.original_shown", gettext_lazy("Shown in another language"), gettext_lazy("Shown, labelled")
    )
    actions.register_action(
        "samvydat.original_hidden", gettext_lazy("No longer shown in another language"), gettext_lazy("Not shown")
    )
