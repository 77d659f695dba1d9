"""What the "Translate into …" actions offer a user for a page or a snippet (workflow_hooks shows them).

For each content language other than the object's own: "Translate into Belarusian" when there is no
Belarusian version yet and the user may create it (editors; translators only into their own language), or
"Edit the Belarusian translation" when there is one the user may edit.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from .services import user_can_translate_page, user_can_translate_snippet


@dataclass(frozen=True)
class Offer:
    language: str
    label: str
    url: str
    #: True: a POST to ``url`` creates the draft; False: ``url`` opens the existing translation's editor.
    creates: bool


def language_name(code: str) -> str:
    return get_language_info(code)["name_translated"]


def _other_locales(obj) -> list[Locale]:
    by_code = {locale.language_code: locale for locale in Locale.objects.exclude(pk=obj.locale_id)}
    return [by_code[code] for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES if code in by_code]


def _create(label_language: str, url: str) -> Offer:
    return Offer(
        label_language, _("Translate into %(language)s") % {"language": language_name(label_language)}, url, True
    )


def _edit(label_language: str, url: str) -> Offer:
    label = _("Edit the %(language)s translation") % {"language": language_name(label_language)}
    return Offer(label_language, label, url, False)


def page_offers(*, page: Page, user) -> list[Offer]:
    if page.depth <= 1 or page.alias_of_id or not user.is_authenticated:
        return []
    translations = {p.locale_id: p for p in page.get_translations()}
    offers = []
    for locale in _other_locales(page):
        code = locale.language_code
        existing = translations.get(locale.pk)
        if existing is not None:
            if existing.permissions_for_user(user).can_edit():
                offers.append(_edit(code, reverse("wagtailadmin_pages:edit", args=[existing.pk])))
        elif user_can_translate_page(user=user, source=page, locale=locale):
            offers.append(_create(code, reverse("translations_translate_page", args=[page.pk, code])))
    return offers


def snippet_offers(*, snippet, user) -> list[Offer]:
    model = type(snippet)
    viewset = getattr(model, "snippet_viewset", None)
    if viewset is None or not user.is_authenticated:
        return []
    meta = model._meta
    translations = {s.locale_id: s for s in snippet.get_translations()}
    offers = []
    for locale in _other_locales(snippet):
        code = locale.language_code
        existing = translations.get(locale.pk)
        if existing is not None:
            if user.has_perm(f"{meta.app_label}.change_{meta.model_name}"):
                offers.append(_edit(code, reverse(viewset.get_url_name("edit"), args=[quote(existing.pk)])))
        elif user_can_translate_snippet(user=user, model=model, locale=locale):
            url = reverse(
                "translations_translate_snippet", args=[meta.app_label, meta.model_name, quote(snippet.pk), code]
            )
            offers.append(_create(code, url))
    return offers


def missing_translate_urls(*, rows, user) -> dict[tuple[int, str], str]:
    """For rows of the status report that are missing: ``(source_id, language) → POST URL`` where ``user`` may
    create that translation. Pages under one parent share the answer, so a long report asks once per parent."""
    missing = [row for row in rows if row.translation_id is None]
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    pages = Page.objects.in_bulk([row.source_id for row in missing if row.is_page])
    allowed: dict[tuple, bool] = {}
    urls = {}
    for row in missing:
        locale = locales.get(row.language)
        if locale is None:
            continue
        if row.is_page:
            source = pages.get(row.source_id)
            if source is None:
                continue
            key = (source.path[: -Page.steplen], row.language)
            if key not in allowed:
                allowed[key] = user_can_translate_page(user=user, source=source, locale=locale)
            if allowed[key]:
                urls[(row.source_id, row.language)] = reverse(
                    "translations_translate_page", args=[source.pk, row.language]
                )
        elif user_can_translate_snippet(user=user, model=row.model, locale=locale):
            meta = row.model._meta
            urls[(row.source_id, row.language)] = reverse(
                "translations_translate_snippet", args=[meta.app_label, meta.model_name, row.source_id, row.language]
            )
    return urls
