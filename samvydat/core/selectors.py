"""Queries the core templates need: the navigation and the home page's sections (contributed: ``home_sections``)."""

from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Length, Substr
from django.utils import translation
from wagtail.models import Locale, Page


def for_readers(queryset):
    """The pages of ``queryset`` any reader may see: live and under no view restriction (login, password, groups).

    Every list a reader sees (home page, listings, archives, feeds, digests, the mirror) goes through this, so a
    restricted page's title and summary never appear outside its own login-protected address.
    """
    return queryset.live().exclude(Exists(_restrictions_above(OuterRef("path"))))


def _restrictions_above(path):
    """The view restrictions on the page at ``path`` or on any of its ancestors (their tree path is a prefix of
    ``path``). Inside the query itself, where Wagtail's ``public()`` first fetches every restriction in a query of its
    own — one more query for each list on a page (six on the home page)."""
    from wagtail.models import PageViewRestriction

    return PageViewRestriction.objects.annotate(prefix=Substr(path, 1, Length("page__path"))).filter(
        prefix=F("page__path")
    )


def home_for_language(language_code: str | None = None):
    """The live home page of a language (the active one by default), or None."""
    from .models import HomePage

    code = language_code or translation.get_language() or "en"
    return HomePage.objects.live().filter(locale__language_code=code).first()


def navigation_pages(home) -> list[Page]:
    """The section indexes shown in the main menu, in tree order."""
    if home is None:
        return []
    return list(home.get_children().live().in_menu().specific().order_by("path"))


def home_page_sections(*, home) -> dict:
    """What every section contributes to the home page (``home_sections``): the built sections in order as
    ``home_sections``, and each one's items under its own context names (``latest_news``, ``latest_issue``…)."""
    from .home_sections import BuiltSection, home_sections

    built = [BuiltSection(section, section.items(home.locale_id)) for section in home_sections()]
    shown = [section for section in built if section.items]
    context = {"home_sections": shown, "home_rows": _rows(shown)}
    for section in built:
        context.update(section.context)
    return context


def _rows(sections: list) -> list[list]:
    """Sections grouped as the page lays them out: a wide one alone in its row, neighbouring columns together."""
    rows: list[list] = []
    for section in sections:
        if section.section.width == "column" and rows and rows[-1][0].section.width == "column":
            rows[-1].append(section)
        else:
            rows.append([section])
    return rows


def locales_by_code() -> dict[str, Locale]:
    return {locale.language_code: locale for locale in Locale.objects.all()}
