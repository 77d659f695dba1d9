"""What a person or organisation page lists: everything by or with them."""

from django.db.models import Q

from samvydat.core.selectors import for_readers


def person_appearances(*, person, locale) -> dict:
    """Commentaries and news the person wrote, discussions they took part in or moderated, and the pages editors
    confirmed write about them (``written_about``, without the pages already listed as theirs)."""
    from samvydat.discussions.models import DiscussionPage
    from samvydat.news.models import NewsPage
    from samvydat.weekly.models import CommentaryPage

    # Pages in any language may point at any translation of the person: match the whole group.
    key = person.translation_key
    lists = {
        "commentaries": list(
            for_readers(CommentaryPage.objects)
            .filter(locale=locale, authors__person__translation_key=key)
            .select_related("topic")
            .order_by("-date")
            .distinct()[:50]
        ),
        "news": list(
            for_readers(NewsPage.objects)
            .filter(locale=locale, authors__person__translation_key=key)
            .order_by("-date")
            .distinct()[:50]
        ),
        "discussions": list(
            for_readers(DiscussionPage.objects)
            .filter(locale=locale)
            .filter(Q(participants__person__translation_key=key) | Q(moderator__translation_key=key))
            .order_by("-date")
            .distinct()[:50]
        ),
    }
    theirs = {page.pk for pages in lists.values() for page in pages}
    lists["written_about"] = [page for page in written_about(person=person, locale=locale) if page.pk not in theirs]
    return lists


def written_about(*, person, locale, limit: int = 50) -> list:
    """The public pages in ``locale`` that editors confirmed write about ``person`` (any translation), newest first."""
    from wagtail.models import Page

    from samvydat.search.models import SearchDocument

    from .models import Mention, MentionState

    confirmed = Mention.objects.filter(person_key=person.translation_key, state=MentionState.CONFIRMED)
    ids = list(
        SearchDocument.objects.filter(
            public=True,
            language=locale.language_code,
            page__translation_key__in=confirmed.values("page_key"),
        )
        .order_by("-date", "-page_id")
        .values_list("page_id", flat=True)[:limit]
    )
    pages = {page.pk: page for page in for_readers(Page.objects.filter(pk__in=ids)).specific()}
    return [pages[pk] for pk in ids if pk in pages]


def mentions_to_review(*, state: str, person_key=None, limit: int = 200) -> list:
    """Mentions in ``state`` with their person (in the editor's language when there is one) and page, newest first."""
    from django.utils import translation

    from .models import Mention, Person

    mentions = Mention.objects.filter(state=state).select_related("page").order_by("-page__first_published_at", "pk")
    if person_key:
        mentions = mentions.filter(person_key=person_key)
    mentions = list(mentions[:limit])
    language = (translation.get_language() or "en").split("-")[0]
    people: dict = {}
    for person in Person.objects.filter(translation_key__in={m.person_key for m in mentions}).select_related("locale"):
        if person.translation_key not in people or person.locale.language_code == language:
            people[person.translation_key] = person
    for mention in mentions:
        mention.person = people.get(mention.person_key)
    return mentions


def organisation_statements(*, organisation, locale):
    from samvydat.statements.models import StatementPage

    return list(
        for_readers(StatementPage.objects)
        .filter(locale=locale, signatories__organisation__translation_key=organisation.translation_key)
        .order_by("-date")
        .distinct()[:50]
    )
