from wagtail.snippets.models import register_snippet

from samvydat.translations.snippet_permissions import TranslatorLanguageSnippetViewSet

from .models import Topic


class TopicViewSet(TranslatorLanguageSnippetViewSet):
    model = Topic
    icon = "tag"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]
    # Searched in the database (icontains): given ``fields``, Wagtail's SQLite search backend fails with "no such
    # column" (wagtail#10217), a 503 for the editor.
    search_backend_name = None


register_snippet(TopicViewSet)
