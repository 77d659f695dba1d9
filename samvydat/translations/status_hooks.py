"""Admin hooks of the translation status: the report's URLs and menu item, the dashboard panel, the editor's notice."""

from django.conf import settings
from django.urls import include, path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent

from . import admin_urls
from .admin_views import changes_url, languages_for
from .permissions import can_view_status, translator_languages
from .selectors import status_counts, translation_row_for
from .sources import SNIPPET_MODELS
from .status import Status


class TranslationStatusMenuItem(MenuItem):
    """ "Translation status (4)": for translators, how many of their language's translations are outdated."""

    def is_shown(self, request):
        return can_view_status(request.user)

    def render_component(self, request):
        own = translator_languages(request.user)
        counts = status_counts() if own else {}
        outdated = sum(counts.get(code, {}).get(Status.OUTDATED, 0) for code in own)
        label = f"{self.label} ({outdated})" if outdated else str(self.label)
        return LinkMenuItemComponent(self.name, label, self.url, icon_name=self.icon_name, classname=self.classname)


class TranslationStatusPanel(Component):
    """The dashboard's table of outdated, missing and up-to-date translations per language."""

    name = "translation_status"
    order = 150
    template_name = "translations/status/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        counts = status_counts()
        return {
            "languages": [(code, name, counts.get(code, {})) for code, name in languages_for(self.request.user)],
        }


@hooks.register("register_admin_urls")
def translation_status_admin_urls():
    return [path("translations/status/", include(admin_urls, namespace="translations_status"))]


@hooks.register("register_admin_menu_item")
def translation_status_menu_item():
    return TranslationStatusMenuItem(
        gettext_lazy("Translation status"), reverse("translations_status:report"), icon_name="site", order=260
    )


@hooks.register("construct_homepage_panels")
def translation_status_dashboard_panel(request, panels):
    if can_view_status(request.user):
        panels.append(TranslationStatusPanel(request))


@hooks.register("register_log_actions")
def translation_status_log_actions(actions):
    actions.register_action(
        "samvydat.translation_checked",
        gettext_lazy("Translation checked"),
        gettext_lazy("Checked: still up to date with the original"),
    )


def _notice_outdated(request, obj) -> None:
    """On opening an outdated translation in the editor: "The English original changed on 3 March"."""
    if request.method != "GET" or not can_view_status(request.user):
        return
    row = translation_row_for(obj)
    if row is None or row.status != Status.OUTDATED:
        return
    language = str(dict(settings.LANGUAGES).get(row.source_language, row.source_language))
    if row.since:
        text = _("The %(language)s original changed on %(date)s.") % {
            "language": language,
            "date": date_format(row.since, "j E Y"),
        }
    else:
        text = _("The %(language)s original has changed since this translation was made.") % {"language": language}
    messages.warning(request, text, buttons=[messages.button(changes_url(row), _("See what changed"))])


@hooks.register("before_edit_page")
def translation_status_page_notice(request, page):
    _notice_outdated(request, page.specific)


@hooks.register("before_edit_snippet")
def translation_status_snippet_notice(request, instance):
    if isinstance(instance, SNIPPET_MODELS):
        _notice_outdated(request, instance)
