"""What a moved page, an edited person, organisation or topic, and a commentary's new topic touch in the mirror.

Each function answers with site addresses, plain strings that tasks can take as arguments; ``services`` renders
and deletes them (docs/mirror.md, "Incremental updates"). What one published page touches is
``selectors.touched_by``.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from django.apps import apps
from wagtail.models import Locale, Page, PageLogEntry

from samvydat.core.models import HomePage, SectionIndexPage
from samvydat.feeds.selectors import restricted_q
from samvydat.people.models import Organisation, PeopleIndexPage, Person
from samvydat.weekly.models import Topic, TrendDashboardPage, WeeklyIndexPage

from . import selectors
from .rendering import search_address

#: The snippets the mirror follows, by the label tasks name them with.
ENTITY_MODELS = {model._meta.label_lower: model for model in (Person, Organisation, Topic)}
#: Where pages name a person, an organisation or a topic: (page model, lookup of the snippet).
NAMED_BY = {
    Person: (
        ("news.NewsPage", "authors__person"),
        ("weekly.CommentaryPage", "authors__person"),
        ("discussions.DiscussionPage", "participants__person"),
        ("discussions.DiscussionPage", "moderator"),
    ),
    Organisation: (("statements.StatementPage", "signatories__organisation"),),
    Topic: (("weekly.CommentaryPage", "topic"),),
}
#: The routable view showing each snippet, on its index page.
VIEWS = {Person: "person_view", Organisation: "organisation_view", Topic: "topic_view"}
PUBLISH_ACTIONS = ("wagtail.publish", "wagtail.publish.scheduled")


@dataclass
class Change:
    addresses: list[str] = field(default_factory=list)  # to render again
    removed: list[str] = field(default_factory=list)  # whose files to delete
    listings: list[str] = field(default_factory=list)  # every page of some listings (rendered; later pages go)
    crawl: bool = False  # the whole site: render what its pages link to beyond the tree and routes, too


# --- a page moved, or its slug changed ----------------------------------------------------------------------
def address_before(page, url_path_before: str) -> str | None:
    """The address ``page`` had when its ``url_path`` was ``url_path_before`` (Wagtail derives it from that)."""
    before = copy.copy(page)
    before.url_path = url_path_before
    return before.get_url()


def moved(page, *, old_url: str, old_parent=None) -> Change:
    """What moving ``page`` (or changing its slug) from ``old_url`` touches: the old files of it and its live
    descendants go, their new addresses and what each touches are rendered, with every page of its new and old
    listings. A page under a home (a section: in every page's menu and links) changes every page of the site.
    """
    page = page.specific
    pages = list(selectors.public_pages().filter(path__startswith=page.path).order_by("path").specific())
    new_url = page.url
    if not pages or not new_url:
        return Change()
    if new_url == old_url:  # reordered among its siblings, or a home page: the address stays
        return Change(addresses=selectors.touched_by(page, live=True).near if pages[0] == page else [])
    new = [address for node in pages for address in (node.url, *selectors.page_routes(node)) if address]
    old = [old_url + address[len(new_url) :] for address in new if address.startswith(new_url)]
    if page.depth <= 3 or (old_parent is not None and old_parent.depth < 3):
        change = Change(addresses=_whole_site(), crawl=True)
    else:
        change = Change(addresses=list(new))
        for node in pages:
            touched = selectors.touched_by(node, live=True)
            change.addresses += touched.near
            if node == page:
                change.listings += touched.listings
        change.listings += _listing_of(old_parent) + selectors.sitemap_urls()
    if _is_page_address(old_url):  # another page lives there now: render, don't delete
        change.addresses += old
    else:
        change.removed = old
    return change


def _whole_site() -> list[str]:
    homes = selectors.language_homes()
    return [*selectors.site_addresses(), *(search_address(home.locale.language_code) for home in homes)]


def _listing_of(parent) -> list[str]:
    """A page's former parent and, for a section, every page of its listing."""
    parent = parent.specific if parent is not None else None
    if parent is None or not parent.live or not parent.url:
        return []
    if isinstance(parent, SectionIndexPage):
        return [parent.url, *selectors.page_routes(parent)]
    return [parent.url]


def _is_page_address(url: str) -> bool:
    """Does a live page have this address now?"""
    for home in selectors.language_homes():
        prefix = home.get_url()
        if prefix and url.startswith(prefix):
            return Page.objects.live().filter(url_path=home.url_path + url[len(prefix) :]).exists()
    return False


# --- a person, an organisation or a topic edited, created or deleted --------------------------------------
def entity_changed(entity, *, old_slug: str = "", created: bool = False, deleted: bool = False) -> Change:
    """What saving (``created``) or deleting (``deleted``: call it before) a person, organisation or topic
    touches: its own page (every page of a topic's listing) and feed, the index listing it, every public page
    naming it with their feeds (and, for a topic, their weekly issues, their authors' pages, the home page and
    the trend dashboard), in each language showing this version of it. A new slug, creation and deletion also
    change the translations' pages (language switcher) and the sitemap; the old slug's files go."""
    model = type(entity)
    locales = Locale.objects.filter(pk__in=_showing_locales(entity))
    slug_moved = bool(old_slug) and old_slug != entity.slug
    change = Change()
    for locale in locales:
        own = _own_pages(entity, locale.pk, entity.slug) + _own_feeds(entity, locale.language_code, entity.slug)
        (change.removed if deleted else change.addresses).extend(own)
        if slug_moved:
            change.removed += _own_pages(entity, locale.pk, old_slug)
            change.removed += _own_feeds(entity, locale.language_code, old_slug)
        if model is Topic:
            change.addresses += _urls(HomePage, locale.pk) + _urls(TrendDashboardPage, locale.pk)
    change.addresses += _urls(WeeklyIndexPage if model is Topic else PeopleIndexPage, entity.locale_id)
    for page in naming_pages(entity, [locale.pk for locale in locales]):
        change.addresses += _showing(page, topic_named=model is Topic)
    if slug_moved or created or deleted:
        for other in model.objects.filter(translation_key=entity.translation_key).exclude(pk=entity.pk):
            change.addresses += _own_pages(other, other.locale_id, other.slug)
        change.addresses += selectors.sitemap_urls()
    return change


def naming_pages(entity, locale_ids) -> list:
    """The live public pages (specific) in these locales that name any translation of ``entity``."""
    hidden = restricted_q()
    pages: dict[int, Page] = {}
    for label, lookup in NAMED_BY[type(entity)]:
        queryset = (
            apps.get_model(label)
            .objects.live()
            .filter(locale_id__in=locale_ids, **{f"{lookup}__translation_key": entity.translation_key})
        )
        if hidden is not None:
            queryset = queryset.exclude(hidden)
        pages.update((page.pk, page) for page in queryset.select_related("locale").distinct())
    return list(pages.values())


def _showing_locales(entity) -> list[int]:
    """The locales whose pages show this version of ``entity``: its own, and those without a translation of it."""
    model = type(entity)
    translated = set(
        model.objects.filter(translation_key=entity.translation_key)
        .exclude(pk=entity.pk)
        .values_list("locale_id", flat=True)
    )
    return [pk for pk in Locale.objects.values_list("pk", flat=True) if pk == entity.locale_id or pk not in translated]


def _own_pages(entity, locale_id: int, slug: str) -> list[str]:
    """The page of ``entity`` at ``slug`` on the index of that locale (a topic's: every page of its listing)."""
    model = type(entity)
    index = (WeeklyIndexPage if model is Topic else PeopleIndexPage).objects.live().filter(locale_id=locale_id).first()
    if index is None or not index.url:
        return []
    address = index.url + index.reverse_subpage(VIEWS[model], kwargs={"slug": slug})
    if model is Topic:
        return [address, *selectors.pagination(address, selectors.topic_commentaries(index, entity).count())]
    return [address]


def _own_feeds(entity, language: str, slug: str) -> list[str]:
    if isinstance(entity, Topic):
        return list(selectors.feed_urls(language, names=(), topics=[slug]))
    if isinstance(entity, Person):
        return list(selectors.feed_urls(language, names=(), people=[slug]))
    return []  # organisations have no feed


def _urls(model, locale_id: int) -> list[str]:
    page = model.objects.live().filter(locale_id=locale_id).first()
    return [page.url] if page is not None and page.url else []


def _showing(page, *, topic_named: bool) -> list[str]:
    """A page naming the snippet and the feeds listing it (their items name its people and topic); for a
    topic, also its weekly issue and its authors' pages (commentary teasers name the topic)."""
    people, _organisations = selectors.credited_entities(page)
    people = selectors.in_locale(people, page.locale_id)
    addresses = [page.url, *selectors.page_feeds(page, topic=selectors.page_topic(page), people=people)]
    if topic_named:
        addresses.append(page.get_parent().url)
        index = PeopleIndexPage.objects.live().filter(locale_id=page.locale_id).first()
        if index is not None:
            addresses += [index.entity_url(person) for person in people]
    return [address for address in addresses if address]


# --- a commentary's topic changed ---------------------------------------------------------------------------
def previous_topic_id(page, revision=None) -> int | None:
    """The topic (id) of ``page`` as it was last published before ``revision``, from Wagtail's log of
    publications and their revisions (None when it was never published, or that revision is gone)."""
    entries = PageLogEntry.objects.filter(page_id=page.pk, action__in=PUBLISH_ACTIONS, revision__isnull=False)
    if revision is not None:
        entries = entries.exclude(revision_id=revision.pk)
    entry = entries.select_related("revision").order_by("-timestamp", "-pk").first()
    return entry.revision.content.get("topic") if entry is not None else None


def topic_left(page, *, topic_id: int) -> Change:
    """A published commentary no longer on the topic ``topic_id``: every page of that topic's listing in the
    commentary's language (positions moved up), and that topic's feeds."""
    old = Topic.objects.filter(pk=topic_id).first()
    if old is None or (page.topic is not None and page.topic.translation_key == old.translation_key):
        return Change()
    old = Topic.objects.filter(locale_id=page.locale_id, translation_key=old.translation_key).first()
    index = WeeklyIndexPage.objects.live().filter(locale_id=page.locale_id).first()
    if old is None or index is None:
        return Change()
    address = selectors.topic_address(index, old)
    count = selectors.topic_commentaries(index, old).count()
    return Change(
        addresses=list(selectors.feed_urls(page.locale.language_code, names=(), topics=[old.slug])),
        listings=[address, *selectors.pagination(address, count)],
    )


# --- an original shown (or no longer shown) in another language's listings ---------------------------------
def shown_elsewhere(page, *, locale_id: int) -> Change:
    """The home, the section listing and the feeds of ``locale_id`` that list (or listed) ``page``, an original
    an editor shows there labelled with its own language (``translations.labelled``)."""
    from samvydat.feeds.selectors import SECTIONS

    page = page.specific
    language = Locale.objects.get(pk=locale_id).language_code
    addresses = [home.url for home in HomePage.objects.live().filter(locale_id=locale_id) if home.url]
    sections = [name for name, section in SECTIONS.items() if section.model_label == page._meta.label]
    addresses += selectors.feed_urls(language, names=("all", *sections))
    listings = []
    parent = page.get_parent().specific
    index = parent.get_translation_or_none(Locale.objects.get(pk=locale_id)) if parent else None
    if index is not None and index.live and isinstance(index.specific, SectionIndexPage) and index.url:
        listings = [index.url, *selectors.page_routes(index.specific)]
    return Change(addresses=addresses, listings=listings)
