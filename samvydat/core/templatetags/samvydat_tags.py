"""Template helpers used by every page: navigation, the language switcher, dates, links to people and topics."""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from samvydat.core import dates
from samvydat.core.i18n import language_of, live_versions, localize
from samvydat.core.navigation import site_furniture

register = template.Library()


def _furniture(context, code: str | None = None):
    furniture = site_furniture(context.get("request"))
    return furniture.get(code or translation.get_language() or settings.LANGUAGE_CODE)


@register.simple_tag(takes_context=True)
def main_navigation(context):
    entry = _furniture(context)
    return {"home": entry.home if entry else None, "pages": entry.menu if entry else []}


@register.simple_tag(takes_context=True)
def language_versions(context, page=None):
    """One entry per language: the translation of ``page``, or that language's home when there is none.

    Each entry: code, name, url, ``is_current``, ``is_translation`` (False: the link leads to the home page).
    """
    request = context.get("request")
    current = translation.get_language()
    translations = {}
    alternates = context.get("alternate_urls")
    if alternates is not None:
        return [
            {
                "code": code,
                "name": name,
                "url": alternates.get(code) or _home_url(context, code),
                "is_current": code == current,
                "is_translation": code in alternates,
            }
            for code, name in settings.LANGUAGES
        ]
    # Asked twice per page (the head's hreflang links and the switcher): computed once per request.
    memo = getattr(request, "_samvydat_language_versions", None) if request is not None else None
    if memo is None and request is not None:
        memo = request._samvydat_language_versions = {}
    key = (getattr(page, "pk", None), current)
    if memo is not None and key in memo:
        return memo[key]
    if isinstance(page, Page):
        translations = dict(live_versions(page, request))
    versions = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code)
        is_translation = target is not None
        if target is None:
            entry = _furniture(context, code)
            target = entry.home if entry else None
        url = target.get_url(request=request) if target else f"/{code}/"
        versions.append(
            {"code": code, "name": name, "url": url, "is_current": code == current, "is_translation": is_translation}
        )
    if memo is not None:
        memo[key] = versions
    return versions


@register.filter
def x_default(versions) -> str:
    """The address ``hreflang="x-default"`` names in the page's head, as the sitemap does: the default language's
    version, when the page exists in it and in at least one other language ("" otherwise)."""
    translated = {version["code"]: version["url"] for version in versions if version["is_translation"]}
    if len(translated) > 1:
        return translated.get(settings.LANGUAGE_CODE, "")
    return ""


def _home_url(context, code: str) -> str:
    entry = _furniture(context, code)
    return entry.home.get_url(request=context.get("request")) if entry and entry.home else f"/{code}/"


#: The label of an original shown, by an editor's choice, in another language's listings.
IN_LANGUAGE = {"en": _("In English"), "be": _("In Belarusian"), "ru": _("In Russian")}


@register.filter
def shown_from(page):
    """For a page of another language in this language's listing (a labelled original): its language code and
    label ({"code", "label"}); None for a page of the active language."""
    code = language_of(page) if getattr(page, "locale_id", None) else ""
    if not code or code == (translation.get_language() or settings.LANGUAGE_CODE):
        return None
    return {"code": code, "label": IN_LANGUAGE.get(code, code)}


@register.filter
def with_heading_levels(body):
    """A body's blocks as (block, level of the tag its heading gets): a level-3 heading that comes before any
    level-2 one is drawn as an h2, so an article's outline never jumps from its h1 to an h3 (authors often
    start their subsections at "###"). Other blocks get None."""
    seen_level_two = False
    for block in body or []:
        level = None
        if block.block_type == "heading":
            seen_level_two = seen_level_two or block.value.get("level") == "2"
            level = 3 if seen_level_two else 2
        yield block, level


@register.filter
def local_date(value):
    return dates.local_date(value) if value else ""


@register.simple_tag
def week_range(start, end):
    return dates.week_range(start, end)


@register.filter
def localized(value):
    """The translation of a snippet in the active language (itself when there is none)."""
    return localize(value)


def _index(context, label: str):
    entry = _furniture(context)
    return entry.indexes.get(label) if entry else None


@register.simple_tag(takes_context=True)
def entity_url(context, entity):
    """The address of a person's or organisation's page in the active language ("" if there is no people index)."""
    index_page = _index(context, "people.peopleindexpage")
    if index_page is None or entity is None:
        return ""
    return index_page.specific_deferred.entity_url(entity)


@register.simple_tag(takes_context=True)
def topic_url(context, topic):
    """The address of a topic's page in the active language."""
    index_page = _index(context, "weekly.weeklyindexpage")
    if index_page is None or topic is None:
        return ""
    return index_page.specific_deferred.topic_url(topic)
