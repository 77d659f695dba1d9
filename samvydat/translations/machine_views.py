"""Admin view: "Draft a translation" with the machine translation engine (``machine_drafts``)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.models import Locale, Page

from . import engines
from .machine_drafts import machine_draft_create, machine_translation_available, machine_translation_missing_hint
from .services import TranslationError, user_can_translate_page


def language_name(code: str) -> str:
    return get_language_info(code)["name_translated"]


def machine_draft_allowed(*, user, source: Page, locale: Locale) -> bool:
    """Who may draft: whoever may create the translation, or edit its existing unpublished draft."""
    existing = source.get_translation_or_none(locale)
    if existing is None:
        return user_can_translate_page(user=user, source=source, locale=locale)
    return not existing.live and existing.permissions_for_user(user).can_edit()


@require_http_methods(["GET", "POST"])
def machine_draft(request, page_id: int, language: str):
    source = get_object_or_404(Page, pk=page_id).specific
    locale = get_object_or_404(Locale, language_code=language)
    if not machine_draft_allowed(user=request.user, source=source, locale=locale):
        raise PermissionDenied
    source_language = source.locale.language_code
    available = machine_translation_available(source_language=source_language, target_language=language)
    if request.method == "POST" and available:
        try:
            result = machine_draft_create(source=source, locale=locale, user=request.user)
        except (engines.MachineTranslationError, TranslationError) as error:
            messages.error(request, _("No draft was made: %(reason)s") % {"reason": error})
        else:
            if result.fields:
                messages.success(
                    request,
                    _(
                        "Machine translation drafted into %(language)s. Read and correct every sentence before publishing."
                    )
                    % {"language": language_name(language)},
                )
            else:
                messages.info(request, _("Every field of the draft is translated already: nothing was changed."))
            return redirect("wagtailadmin_pages:edit", result.page.pk)
    context = {
        "page_title": _("Draft a translation"),
        "header_icon": "globe",
        "source": source,
        "source_language": language_name(source_language),
        "target_language": language_name(language),
        "available": available,
        "engine": getattr(engines.engine(), "name", ""),
        "missing_hint": "" if available else machine_translation_missing_hint(),
        "existing": source.get_translation_or_none(locale),
    }
    return TemplateResponse(request, "translations/machine_draft.html", context)
