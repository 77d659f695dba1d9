from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from samvydat.core.home_sections import HOME_SECTIONS_HOOK, HomeSection
from samvydat.core.i18n import own_language_q
from samvydat.core.selectors import for_readers
from samvydat.people.lists import PERSON_LISTS_HOOK, EntityList
from samvydat.translations.snippet_permissions import TranslatorLanguageSnippetViewSet

from .models import CommentaryPage, Topic, WeeklyIssuePage


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


def _latest_issue(locale_id: int) -> list:
    issues = for_readers(WeeklyIssuePage.objects).filter(own_language_q(), locale=locale_id)
    return list(issues.order_by("-week_start")[:1])


@hooks.register(HOME_SECTIONS_HOOK)
def latest_weekly_issue():
    """The latest issue "at a glance", first on the home page (``latest_issue``, ``latest_commentaries``)."""
    return HomeSection(
        key="issue",
        title=_("Latest weekly issue"),
        order=10,
        width="wide",
        template="weekly/home_section.html",
        items=_latest_issue,
        extra=lambda items: {
            "latest_issue": items[0] if items else None,
            "latest_commentaries": items[0].commentaries() if items else [],
        },
    )
