"""Admin views: "Translate into …" for a page or a snippet (POST only; the buttons come from workflow_hooks).

Each creates the draft translation with ``services`` and opens it in the editor. If the translation exists
already, the editor opens it instead, with a message; who may not create or edit it is refused.
"""

from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.snippets.views.snippets import get_snippet_model_from_url_params

from .offers import language_name
from .services import (
    TranslationError,
    TranslationExistsError,
    snippet_translation_create,
    translation_draft_create,
    user_can_translate_page,
    user_can_translate_snippet,
)


def _content_locale(language: str) -> Locale:
    return get_object_or_404(Locale, language_code=language)


def _snippet_edit_url(snippet) -> str:
    return reverse(type(snippet).snippet_viewset.get_url_name("edit"), args=[quote(snippet.pk)])


def _page_exists(request, translation: Page, language: str):
    if not translation.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    messages.info(
        request,
        _("This page already has a %(language)s version: here it is.") % {"language": language_name(language)},
    )
    return redirect("wagtailadmin_pages:edit", translation.pk)


@require_POST
def translate_page(request, page_id: int, language: str):
    source = get_object_or_404(Page, pk=page_id).specific
    locale = _content_locale(language)
    existing = source.get_translation_or_none(locale)
    if existing is not None and existing.pk != source.pk:
        return _page_exists(request, existing, language)
    if source.depth <= 1 or not user_can_translate_page(user=request.user, source=source, locale=locale):
        raise PermissionDenied
    try:
        draft = translation_draft_create(source=source, locale=locale, user=request.user)
    except TranslationExistsError as error:
        return _page_exists(request, error.translation, language)
    except TranslationError as error:
        messages.error(request, _("No translation was made: %(reason)s") % {"reason": error})
        return redirect("wagtailadmin_pages:edit", source.pk)
    messages.success(
        request,
        _(
            "Draft translation into %(language)s created. The original is shown beside the form; nothing is public until you publish."
        )
        % {"language": language_name(language)},
    )
    return redirect("wagtailadmin_pages:edit", draft.pk)


@require_POST
def translate_snippet(request, app_label: str, model_name: str, pk: str, language: str):
    model = get_snippet_model_from_url_params(app_label, model_name)
    if not issubclass(model, TranslatableMixin):
        raise Http404
    source = get_object_or_404(model, pk=unquote(pk))
    locale = _content_locale(language)
    existing = source.get_translation_or_none(locale)
    if existing is not None and existing.pk != source.pk:
        if not request.user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}"):
            raise PermissionDenied
        messages.info(
            request, _("It already has a %(language)s version: here it is.") % {"language": language_name(language)}
        )
        return redirect(_snippet_edit_url(existing))
    if not user_can_translate_snippet(user=request.user, model=model, locale=locale):
        raise PermissionDenied
    try:
        translated = snippet_translation_create(source=source, locale=locale, user=request.user)
    except TranslationError as error:
        messages.error(request, _("No translation was made: %(reason)s") % {"reason": error})
        return redirect(_snippet_edit_url(source))
    messages.success(
        request,
        _("%(language)s version created as a copy: translate its text and save.")
        % {"language": language_name(language)},
    )
    return redirect(_snippet_edit_url(translated))
