"""What a feed lists: the newest items of a language, of a section, on a topic, or by or with a person.

A feed costs the same few queries however long it is: one per content type it lists (at most five, each
limited to ``FEED_LENGTH``), one per content type for its authors, one to find the authors' names in the
feed's language, plus the site's furniture (homes and section indexes, memoised on the request).
"""

import datetime
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.models import Locale, PageViewRestriction

from samvydat.core.i18n import by_slug_or_404, language_of, listed_in_q, localize_all
from samvydat.core.navigation import site_furniture

FEED_LENGTH = 50
#: The feed of everything.
ALL = "all"


@dataclass(frozen=True)
class Section:
    """A kind of item that has its own feed."""

    model_label: str  # "app_label.ModelName" of the items
    index_label: str  # "app_label.modelname" of the section's index page (as in ``site_furniture``)
    credits: str = ""  # the inline listing the people or organisations behind an item
    credited: str = ""  # the field of that inline pointing at the person or organisation


#: Feed name → what it lists. The names are the sections' URL slugs ("weekly" lists the commentaries).
SECTIONS = {
    "news": Section("news.NewsPage", "news.newsindexpage", "authors", "person"),
    "plans": Section("plans.PlanPage", "plans.planindexpage"),
    "weekly": Section("weekly.CommentaryPage", "weekly.weeklyindexpage", "authors", "person"),
    "discussions": Section("discussions.DiscussionPage", "discussions.discussionindexpage", "participants", "person"),
    "statements": Section("statements.StatementPage", "statements.statementindexpage", "signatories", "organisation"),
}
FEED_NAMES = (ALL, *SECTIONS)


@dataclass(frozen=True)
class Author:
    name: str
    url: str = ""  # absolute; "" when the language has no people index


@dataclass
class FeedItem:
    title: str
    id: str  # permanent: ``item_id`` (never the address, which changes with a slug or a host)
    url: str  # absolute
    summary: str
    published: datetime.datetime
    updated: datetime.datetime
    language: str
    section: str
    authors: list[Author] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)


@dataclass
class Feed:
    title: str
    link: str  # absolute: the page the feed follows
    description: str
    language: str
    items: list[FeedItem]


def section_feed(*, request, name: str) -> Feed:
    """The feed of everything (``name`` "all") or of one section, in the active language."""
    if name not in FEED_NAMES:
        raise Http404("No such feed.")
    language = _language()
    site = gettext(settings.SITE_TITLE)
    furniture = site_furniture(request).get(language)
    if name == ALL:
        home = furniture.home if furniture else None
        return Feed(
            title=site,
            link=_absolute(request, home.get_url(request=request) if home else f"/{language}/"),
            description=gettext("News, plans, weekly commentaries, discussions and statements from %(site)s.")
            % {"site": site},
            language=language,
            items=_latest_items(request=request, locale=_locale(language), sections=SECTIONS),
        )
    index = furniture.indexes.get(SECTIONS[name].index_label) if furniture else None
    title = index.title if index else name
    return Feed(
        title=f"{site}: {title}",
        link=_absolute(request, index.get_url(request=request) if index else f"/{language}/"),
        description=gettext("The latest in “%(section)s” from %(site)s.") % {"section": title, "site": site},
        language=language,
        items=_latest_items(request=request, locale=_locale(language), sections={name: SECTIONS[name]}),
    )


def topic_feed(*, request, slug: str) -> Feed:
    """The commentaries on a topic, in the active language."""
    from samvydat.weekly.models import Topic

    language = _language()
    locale = _locale(language)
    topic = by_slug_or_404(Topic, slug=slug, locale=locale)
    index = _index(request, language, "weekly.weeklyindexpage")
    site = gettext(settings.SITE_TITLE)
    return Feed(
        title=f"{site}: {topic.name}",
        link=_absolute(request, index.specific_deferred.topic_url(topic) if index else f"/{language}/"),
        description=topic.description or gettext("Weekly commentaries on %(topic)s.") % {"topic": topic.name},
        language=language,
        items=_latest_items(
            request=request,
            locale=locale,
            sections={"weekly": SECTIONS["weekly"]},
            condition={"weekly": Q(topic__translation_key=topic.translation_key)},
        ),
    )


def person_feed(*, request, slug: str) -> Feed:
    """Everything by, with or about a person: the news and commentaries they wrote, the discussions they took part
    in, and the pages editors confirmed write about them (``people.models.Mention``)."""
    from samvydat.people.lists import entity_lists
    from samvydat.people.models import Mention, MentionState, Person

    language = _language()
    locale = _locale(language)
    person = by_slug_or_404(Person, slug=slug, locale=locale)
    index = _index(request, language, "people.peopleindexpage")
    site = gettext(settings.SITE_TITLE)
    # Pages in any language may point at any translation of the person: match the whole group.
    key = person.translation_key
    confirmed = Mention.objects.filter(person_key=key, state=MentionState.CONFIRMED).values("page_key")
    about = Q(translation_key__in=confirmed)
    # Each section's list of pages by or with the person (people.lists), or about them, in the feed too.
    condition = dict.fromkeys(SECTIONS, about)
    for spec in entity_lists("person"):
        for name, section in SECTIONS.items():
            if section.model_label == spec.model._meta.label:
                condition[name] = condition[name] | spec.condition(key)
    return Feed(
        title=f"{site}: {person.name}",
        link=_absolute(request, index.specific_deferred.entity_url(person) if index else f"/{language}/"),
        description=gettext("Publications by, with or about %(name)s.") % {"name": person.name},
        language=language,
        items=_latest_items(request=request, locale=locale, sections=SECTIONS, condition=condition),
    )


# --- the items --------------------------------------------------------------------------------------


def item_id(page) -> str:
    """A feed item's permanent id: ``urn:uuid:`` of a UUID5 of the page's ``translation_key`` and its language.

    The same for as long as the page exists — whatever its slug, its parent, the host or mirror it is read on —
    so a renamed page is not shown to a feed reader as a new item; each language's version is an item of its own.
    """
    return uuid.uuid5(page.translation_key, language_of(page)).urn


def _latest_items(*, request, locale, sections: dict[str, Section], condition: dict[str, Q] | None = None) -> list:
    """The newest ``FEED_LENGTH`` live, public items of ``sections`` in ``locale`` (the active language)."""
    language = locale.language_code
    candidates = _newest(locale=locale, sections=sections, condition=condition or {})
    found = _load(candidates, sections)
    published = {pk: moment for moment, pk, _name in candidates}
    credits = _credits(found, sections)
    topics = iter(localize_all([page.topic for page, name in found if name == "weekly" and page.topic_id]))
    people_index = _index(request, language, "people.peopleindexpage")
    items = []
    for (page, name), credited in zip(found, credits, strict=True):
        topic = next(topics) if name == "weekly" and page.topic_id else None
        moment = published[page.pk]
        items.append(
            FeedItem(
                title=page.title,
                id=item_id(page),
                url=_absolute(request, page.get_url(request=request)),
                summary=page.search_description or page.summary,
                published=moment,
                updated=max(moment, page.last_published_at or moment),
                language=language_of(page),  # an original shown here, labelled, keeps its own
                section=name,
                authors=[_author(request, people_index, entity) for entity in credited],
                categories=[topic.name] if topic else [],
            )
        )
    return items


def _newest(*, locale, sections: dict[str, Section], condition: dict[str, Q]) -> list[tuple]:
    """(moment, pk, section name) of the newest ``FEED_LENGTH`` items, newest first: one narrow query per type."""
    from django.apps import apps

    hidden = restricted_q()
    candidates = []
    for name, section in sections.items():
        queryset = apps.get_model(section.model_label).objects.live().filter(listed_in_q(locale.pk))
        if hidden is not None:
            queryset = queryset.exclude(hidden)
        if name in condition:
            # A filter across a relation (authors, participants) may match a page more than once.
            queryset = queryset.filter(condition[name]).distinct()
        newest = queryset.order_by("-date", "-pk").values_list("pk", "date", "first_published_at")[:FEED_LENGTH]
        candidates += [(_moment(date, first), pk, name) for pk, date, first in newest]
    return sorted(candidates, reverse=True)[:FEED_LENGTH]


def _load(candidates: list[tuple], sections: dict[str, Section]) -> list[tuple]:
    """(page, section name) of the candidates, with topics and credits: only the items shown become objects."""
    from django.apps import apps

    pages = {}
    for name, section in sections.items():
        pks = [pk for _when, pk, page_section in candidates if page_section == name]
        if not pks:
            continue
        model = apps.get_model(section.model_label)
        queryset = model.objects.live().filter(pk__in=pks).defer_streamfields()
        if name == "weekly":
            queryset = queryset.select_related("topic")
        if section.credits:
            links = model._meta.get_field(section.credits).related_model.objects.select_related(section.credited)
            queryset = queryset.prefetch_related(Prefetch(section.credits, queryset=links.order_by("sort_order", "pk")))
        pages.update((page.pk, page) for page in queryset)
    # A page unpublished in the meantime is left out.
    return [(pages[pk], name) for _when, pk, name in candidates if pk in pages]


def _credits(found: list, sections: dict[str, Section]) -> list[list]:
    """Per page, its authors, participants or signatories in the active language (one query per kind)."""
    per_page = []
    for page, name in found:
        section = sections[name]
        links = getattr(page, section.credits).all() if section.credits else []
        per_page.append([getattr(link, section.credited) for link in links])
    by_kind: dict[type, list] = {}
    for entity in (entity for entities in per_page for entity in entities):
        by_kind.setdefault(type(entity), []).append(entity)
    translated = {kind: iter(localize_all(entities)) for kind, entities in by_kind.items()}
    return [[next(translated[type(entity)]) for entity in entities] for entities in per_page]


def _author(request, people_index, entity) -> Author:
    from samvydat.people.models import Person

    if people_index is None or not isinstance(entity, Person):
        return Author(name=entity.name)
    return Author(name=entity.name, url=_absolute(request, people_index.specific_deferred.entity_url(entity)))


def _moment(date: datetime.date, first_published_at) -> datetime.datetime:
    """An item's date as a moment: its first publication if that was on the day, else the day's start."""
    if first_published_at is not None and timezone.localdate(first_published_at) == date:
        return first_published_at
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time.min))


# --- helpers ------------------------------------------------------------------------------------------


def _language() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE


def _locale(language: str) -> Locale:
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        raise Http404("No such language.")
    return locale


def _index(request, language: str, label: str):
    furniture = site_furniture(request).get(language)
    return furniture.indexes.get(label) if furniture else None


def restricted_q() -> Q | None:
    """Pages under a view restriction (password, groups): they are in no feed and no sitemap."""
    q = Q()
    for path in PageViewRestriction.objects.values_list("page__path", flat=True):
        q |= Q(path__startswith=path)
    return q or None


def _absolute(request, url: str) -> str:
    return request.build_absolute_uri(url)
