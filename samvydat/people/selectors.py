"""What a person or organisation page lists: everything by or with them."""

from django.db.models import Q

from samvydat.core.selectors import for_readers


def person_appearances(*, person, locale) -> dict:
    """Commentaries and news the person wrote, and discussions they took part in or moderated."""
    from samvydat.discussions.models import DiscussionPage
    from samvydat.news.models import NewsPage
    from samvydat.weekly.models import CommentaryPage

    # Pages in any language may point at any translation of the person: match the whole group.
    key = person.translation_key
    return {
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


def organisation_statements(*, organisation, locale):
    from samvydat.statements.models import StatementPage

    return list(
        for_readers(StatementPage.objects)
        .filter(locale=locale, signatories__organisation__translation_key=organisation.translation_key)
        .order_by("-date")
        .distinct()[:50]
    )
