from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from samvydat.core.menu import WaitingMenuItem
from samvydat.translations.snippet_permissions import TranslatorLanguageSnippetViewSet

from . import admin_urls
from .admin_views import PERMISSION
from .models import Mention, MentionState, Organisation, Person


class PersonViewSet(TranslatorLanguageSnippetViewSet):
    model = Person
    icon = "user"
    list_display = ["name", "role", "affiliation", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "aliases"]
    # Searched in the database (icontains): given ``fields``, Wagtail's SQLite search backend fails with "no such
    # column" (wagtail#10217), a 503 for the editor.
    search_backend_name = None


class OrganisationViewSet(TranslatorLanguageSnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "aliases"]
    # Searched in the database (icontains): given ``fields``, Wagtail's SQLite search backend fails with "no such
    # column" (wagtail#10217), a 503 for the editor.
    search_backend_name = None


class PeopleGroup(SnippetViewSetGroup):
    menu_label = _("People")
    menu_icon = "group"
    menu_order = 200
    items = (PersonViewSet, OrganisationViewSet)


register_snippet(PeopleGroup)


class MentionsMenuItem(WaitingMenuItem):
    """ "People written about (4)": the suggestions waiting for an editor."""

    permission = PERMISSION

    def waiting(self) -> int:
        return Mention.objects.filter(state=MentionState.SUGGESTED).count()


@hooks.register("register_admin_urls")
def people_admin_urls():
    return [path("people-written-about/", include(admin_urls, namespace="people_admin"))]


@hooks.register("register_reports_menu_item")
def mentions_menu_item():
    return MentionsMenuItem(
        _("People written about"), reverse("people_admin:mentions"), name="people-written-about", icon_name="user"
    )
