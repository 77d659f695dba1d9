"""Queries the core templates need: the navigation and the home page's sections."""

from django.utils import translation
from wagtail.models import Locale, Page

from .i18n import listed_in_q, own_language_q


def for_readers(queryset):
    """The pages of ``queryset`` any reader may see: live and under no view restriction (login, password, groups).

    Every list a reader sees (home page, listings, archives, feeds, digests, the mirror) goes through this, so a
    restricted page's title and summary never appear outside its own login-protected address.
    """
    return queryset.live().public()


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
    """The latest weekly issue with its commentaries, and the newest items of every section."""
    from samvydat.discussions.models import DiscussionPage
    from samvydat.news.models import NewsPage
    from samvydat.plans.models import PlanPage
    from samvydat.statements.models import StatementPage
    from samvydat.weekly.models import WeeklyIssuePage

    locale = home.locale_id
    latest_issue = (
        for_readers(WeeklyIssuePage.objects).filter(own_language_q(), locale=locale).order_by("-week_start").first()
    )
    return {
        "latest_issue": latest_issue,
        "latest_commentaries": latest_issue.commentaries() if latest_issue else [],
        "latest_news": list(
            for_readers(NewsPage.objects)
            .filter(listed_in_q(locale))
            .select_related("social_image")
            .order_by("-date", "-pk")[:6]
        ),
        "latest_plans": list(for_readers(PlanPage.objects).filter(listed_in_q(locale)).order_by("-date", "-pk")[:3]),
        "latest_discussions": list(
            for_readers(DiscussionPage.objects).filter(listed_in_q(locale)).order_by("-date", "-pk")[:3]
        ),
        "latest_statements": list(
            for_readers(StatementPage.objects).filter(listed_in_q(locale)).order_by("-date", "-pk")[:3]
        ),
    }


def locales_by_code() -> dict[str, Locale]:
    return {locale.language_code: locale for locale in Locale.objects.all()}
