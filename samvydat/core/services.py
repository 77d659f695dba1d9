"""Site set-up: languages, a home page per language and the section indexes under each."""

import uuid

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from wagtail.models import Locale, Page, Site

from .roles import roles_ensure

#: Namespace of the translation keys samvydat derives from content-package keys.
KEY_NAMESPACE = uuid.UUID("8d5bb8e6-3c47-4f0e-9a43-6c1f2d6a1b10")

#: section → (app_label.ModelName of its index page, URL slug, title to translate)
SECTION_INDEXES = {
    "news": ("news.NewsIndexPage", "news", gettext_noop("News")),
    "plans": ("plans.PlanIndexPage", "plans", gettext_noop("Plans")),
    "weekly": ("weekly.WeeklyIndexPage", "weekly", gettext_noop("Weekly analysis")),
    "trends": ("weekly.TrendDashboardPage", "trends", gettext_noop("Trends")),
    "discussions": ("discussions.DiscussionIndexPage", "discussions", gettext_noop("Discussions")),
    "statements": ("statements.StatementIndexPage", "statements", gettext_noop("Statements")),
    "people": ("people.PeopleIndexPage", "people", gettext_noop("People")),
}
HOME_TITLE = gettext_noop("Home")


def translation_key_for(namespace: str, key: str) -> uuid.UUID:
    """The Wagtail translation key shared by every language version of one content-package item."""
    return uuid.uuid5(KEY_NAMESPACE, f"{namespace}:{key}")


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


@transaction.atomic
def site_skeleton_ensure() -> dict[str, Page]:
    """Make sure every language has a locale, a live home page and the section indexes; return the homes.

    Idempotent. On a freshly migrated database it also replaces Wagtail's placeholder welcome page as
    the default site's root.
    """
    from django.apps import apps

    from .models import HomePage

    root = Page.get_first_root_node()
    homes: dict[str, Page] = {}
    home_key = translation_key_for("home", "home")
    for code in languages():
        locale, _created = Locale.objects.get_or_create(language_code=code)
        home = HomePage.objects.filter(locale=locale).first()
        if home is None:
            with translation.override(code):
                home = HomePage(title=gettext(HOME_TITLE), slug=f"home-{code}", locale=locale, translation_key=home_key)
            root.add_child(instance=home)
            home.save_revision().publish()
        homes[code] = home
        for section, (model_label, slug, title) in SECTION_INDEXES.items():
            model = apps.get_model(model_label)
            if model.objects.child_of(home).exists():
                continue
            with translation.override(code):
                index = model(
                    title=gettext(title),
                    slug=slug,
                    locale=locale,
                    show_in_menus=True,
                    translation_key=translation_key_for("index", section),
                )
            home.add_child(instance=index)
            index.save_revision().publish()
    _point_default_site_at(homes[settings.LANGUAGE_CODE])
    roles_ensure(homes=homes)
    return homes


def _point_default_site_at(home: Page) -> None:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="samvydat")
        return
    if site.root_page_id != home.pk:
        placeholder = site.root_page
        site.root_page = home
        site.site_name = site.site_name or "samvydat"
        site.save()
        # Wagtail's initial migration creates a plain "Welcome" page; it has no place in samvydat.
        if type(placeholder.specific) is Page and placeholder.depth == 2 and not placeholder.get_children().exists():
            placeholder.delete()


def section_index(home: Page, section: str) -> Page:
    from django.apps import apps

    model = apps.get_model(SECTION_INDEXES[section][0])
    return model.objects.child_of(home).get()
