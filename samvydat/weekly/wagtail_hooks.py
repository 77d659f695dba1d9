from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from samvydat.people.lists import PERSON_LISTS_HOOK, EntityList
from samvydat.translations.snippet_permissions import TranslatorLanguageSnippetViewSet

from .models import CommentaryPage, Topic


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


@hooks.register(PERSON_LISTS_HOOK)
def commentaries_by_their_authors():
    return EntityList(
        key="commentaries",
        title=_("Commentaries"),
        order=10,
        model=CommentaryPage,
        condition=lambda key: Q(authors__person__translation_key=key),
        teaser="includes/commentary_teaser.html",
        select_related=("topic",),
    )
