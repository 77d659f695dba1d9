"""Which fields of which page types the content API shows — listed explicitly, in one place.

The page models do not declare ``api_fields`` themselves: the API's surface is decided here, next to the OpenAPI
generator that documents it (``openapi.py`` reads the same lists), so a field appears in the API only when it is
added here. ``api_fields_install`` (run by ``ApiConfig.ready``) sets ``api_fields`` on each model for Wagtail's API.
"""

from django.apps import apps
from wagtail.api import APIField

BASE_PAGE_FIELDS = ["summary"]
ARTICLE_FIELDS = [*BASE_PAGE_FIELDS, "date", "body"]
INDEX_FIELDS = [*BASE_PAGE_FIELDS, "intro"]

PAGE_API_FIELDS: dict[str, list[str]] = {
    "core.HomePage": BASE_PAGE_FIELDS,
    "news.NewsIndexPage": INDEX_FIELDS,
    "news.NewsPage": ARTICLE_FIELDS,
    "plans.PlanIndexPage": INDEX_FIELDS,
    "plans.PlanPage": ARTICLE_FIELDS,
    "weekly.WeeklyIndexPage": BASE_PAGE_FIELDS,
    "weekly.TrendDashboardPage": BASE_PAGE_FIELDS,
    "weekly.WeeklyIssuePage": [*BASE_PAGE_FIELDS, "week_start", "week_end"],
    "weekly.CommentaryPage": [*ARTICLE_FIELDS, "trend"],
    "discussions.DiscussionIndexPage": INDEX_FIELDS,
    "discussions.DiscussionPage": [*ARTICLE_FIELDS, "series", "number", "format", "place"],
    "statements.StatementIndexPage": INDEX_FIELDS,
    "statements.StatementPage": ARTICLE_FIELDS,
    "people.PeopleIndexPage": BASE_PAGE_FIELDS,
}


def page_models():
    """The page models the API knows, with their labels (``app_label.ModelName``), in a stable order."""
    return [(label, apps.get_model(label)) for label in sorted(PAGE_API_FIELDS)]


def api_fields_install() -> None:
    for label, model in page_models():
        model.api_fields = [APIField(name) for name in PAGE_API_FIELDS[label]]
