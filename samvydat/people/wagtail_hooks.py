from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from samvydat.translations.snippet_permissions import TranslatorLanguageSnippetViewSet

from .models import Organisation, Person


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
