"""Template helpers used by every page: navigation, the language switcher, dates."""

from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Page

from samvydat.core import dates
from samvydat.core.selectors import home_for_language, navigation_pages

register = template.Library()


@register.simple_tag(takes_context=True)
def main_navigation(context):
    home = home_for_language()
    context["_home"] = home
    return {"home": home, "pages": navigation_pages(home)}


@register.simple_tag(takes_context=True)
def language_versions(context, page=None):
    """One entry per language: the translation of ``page``, or that language's home when there is none.

    Each entry: code, name, url, ``is_current``, ``is_translation`` (False: the link leads to the home page).
    """
    current = translation.get_language()
    translations = {}
    if isinstance(page, Page):
        for other in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[other.locale.language_code] = other
    versions = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code)
        is_translation = target is not None
        if target is None:
            with translation.override(code):
                target = home_for_language(code)
        url = target.get_url(request=context.get("request")) if target else f"/{code}/"
        versions.append(
            {"code": code, "name": name, "url": url, "is_current": code == current, "is_translation": is_translation}
        )
    return versions


@register.filter
def local_date(value):
    return dates.local_date(value) if value else ""


@register.simple_tag
def week_range(start, end):
    return dates.week_range(start, end)


@register.filter
def localized(value):
    """The translation of a page or snippet in the active language (itself when there is none)."""
    return getattr(value, "localized", value)


@register.simple_tag(takes_context=True)
def entity_url(context, entity):
    """The address of a person's or organisation's page in the active language ("" if there is no people index)."""
    from samvydat.people.models import PeopleIndexPage

    cache = context.render_context
    if "_people_index" not in cache:
        code = translation.get_language()
        cache["_people_index"] = PeopleIndexPage.objects.live().filter(locale__language_code=code).first()
    index_page = cache["_people_index"]
    return index_page.entity_url(entity) if index_page and entity else ""


@register.simple_tag(takes_context=True)
def topic_url(context, topic):
    """The address of a topic's page in the active language."""
    from samvydat.weekly.models import WeeklyIndexPage

    cache = context.render_context
    if "_weekly_index" not in cache:
        code = translation.get_language()
        cache["_weekly_index"] = WeeklyIndexPage.objects.live().filter(locale__language_code=code).first()
    index_page = cache["_weekly_index"]
    return index_page.topic_url(topic) if index_page and topic else ""
