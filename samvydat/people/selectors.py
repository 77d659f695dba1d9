"""What a person or organisation page lists: everything by or with them."""

from samvydat.core.selectors import for_readers


def person_appearances(*, person, locale) -> dict:
    """What the person's page lists: ``person_lists`` — (list, its pages) for every section's list of pages by or
    with them (``lists.EntityList``), non-empty ones only — and ``written_about``, the pages editors confirmed
    write about them, without those already listed as theirs."""
    from .lists import entity_lists

    key = person.translation_key  # pages in any language may point at any translation of the person
    person_lists = [(spec, spec.pages(entity_key=key, locale=locale)) for spec in entity_lists("person")]
    person_lists = [(spec, pages) for spec, pages in person_lists if pages]
    theirs = {page.pk for _spec, pages in person_lists for page in pages}
    about = [page for page in written_about(person=person, locale=locale) if page.pk not in theirs]
    return {"person_lists": person_lists, "written_about": about}


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


def organisation_lists(*, organisation, locale) -> list:
    """(list, its pages) of every section's non-empty list for the organisation (the statements it signed…)."""
    from .lists import entity_lists

    key = organisation.translation_key
    found = [(spec, spec.pages(entity_key=key, locale=locale)) for spec in entity_lists("organisation")]
    return [(spec, pages) for spec, pages in found if pages]
