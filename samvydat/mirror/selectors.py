"""What the mirror holds: every address of the public site, found from the page tree and the routes (not by
crawling), and the addresses one published or unpublished page touches."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from samvydat.core.i18n import own_language_q
from samvydat.core.models import LISTING_PAGE_SIZE, HomePage, SectionIndexPage
from samvydat.core.selectors import for_readers
from samvydat.feeds.selectors import FEED_NAMES, SECTIONS, restricted_q
from samvydat.feeds.syndication import RESPONSES
from samvydat.people.models import Organisation, PeopleIndexPage, Person
from samvydat.weekly.models import CommentaryPage, Topic, TrendDashboardPage, WeeklyIndexPage, WeeklyIssuePage

from .models import MirrorSettings

SETTINGS_CACHE_KEY = "samvydat-mirror-settings"
SETTINGS_CACHE_SECONDS = 60  # how stale another process's copy of the mirror settings may be
FEED_FORMATS = tuple(RESPONSES)


# --- settings -------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Address:
    url: str
    notes: dict[str, str]


@dataclass(frozen=True)
class ReachUs:
    """What the "how to reach us" page and the Onion-Location header need, cached between requests."""

    onion_origin: str
    notes: dict[str, str]
    addresses: tuple[Address, ...]


def reach_us() -> ReachUs:
    """The mirror settings (one query on a cold cache; cleared whenever an editor saves them in that process; the
    default cache is per process, so other workers see a change within ``SETTINGS_CACHE_SECONDS``)."""
    cached = cache.get(SETTINGS_CACHE_KEY)
    if cached is not None:
        return cached
    mirror = MirrorSettings.objects.prefetch_related("addresses").first()
    if mirror is None:
        value = ReachUs(onion_origin="", notes={}, addresses=())
    else:
        value = ReachUs(
            onion_origin=mirror.onion_origin,
            notes=_notes(mirror),
            addresses=tuple(Address(a.url, _notes(a)) for a in mirror.addresses.all() if a.active),
        )
    cache.set(SETTINGS_CACHE_KEY, value, SETTINGS_CACHE_SECONDS)
    return value


def _notes(obj) -> dict[str, str]:
    from .models import NOTE_LANGUAGES

    return {language: obj.note(language) for language in NOTE_LANGUAGES}


# --- the whole site -------------------------------------------------------------------------------------------
def public_pages():
    """Live pages readers may see (no view restriction), below the root."""
    pages = Page.objects.live().filter(depth__gt=1)
    hidden = restricted_q()
    return pages.exclude(hidden) if hidden is not None else pages


def language_homes() -> list[HomePage]:
    return list(HomePage.objects.live().select_related("locale").order_by("path"))


def page_urls() -> Iterator[tuple[int, str]]:
    """(page id, site address) of every public page, from one query over the pages."""
    prefixes = [(home.url_path, home.get_url()) for home in language_homes()]
    rows = public_pages().order_by("path").values_list("pk", "url_path")
    for pk, url_path in rows.iterator(chunk_size=2000):
        for root, prefix in prefixes:
            if prefix and url_path.startswith(root):
                yield pk, prefix + url_path[len(root) :]
                break


def pagination(address: str, count: int) -> list[str]:
    """The addresses of pages 2… of a listing of ``count`` items at ``address``."""
    pages = max(1, math.ceil(count / LISTING_PAGE_SIZE))
    return [f"{address}?page={number}" for number in range(2, pages + 1)]


def section_indexes() -> list[SectionIndexPage]:
    return [page for page in public_pages().filter(depth=3).specific() if isinstance(page, SectionIndexPage)]


def topic_address(index: WeeklyIndexPage, topic: Topic) -> str:
    return index.url + index.reverse_subpage("topic_view", kwargs={"slug": topic.slug})


def topic_commentaries(index: WeeklyIndexPage, topic: Topic):
    return for_readers(CommentaryPage.objects).filter(
        locale_id=index.locale_id, topic__translation_key=topic.translation_key
    )


def page_routes(page) -> list[str]:
    """The addresses below a listing or routable page (specific) that are not pages: listing pages 2…, topic
    pages (with theirs), person and organisation pages."""
    if isinstance(page, SectionIndexPage):
        return pagination(page.url, page.listing_queryset().count())
    routes: list[str] = []
    if isinstance(page, WeeklyIndexPage):
        for topic in Topic.objects.filter(locale_id=page.locale_id):
            address = topic_address(page, topic)
            routes += [address, *pagination(address, topic_commentaries(page, topic).count())]
    elif isinstance(page, PeopleIndexPage):
        for model in (Person, Organisation):
            routes += [page.entity_url(entity) for entity in model.objects.filter(locale_id=page.locale_id)]
    return routes


def route_urls() -> Iterator[str]:
    """Listing pages 2…, topic pages (with theirs), person and organisation pages."""
    for index in section_indexes():
        yield from page_routes(index)
    for model in (WeeklyIndexPage, PeopleIndexPage):
        for index in for_readers(model.objects).select_related("locale"):
            yield from page_routes(index)


def feed_urls(language: str, *, names: Iterable[str] = FEED_NAMES, topics=(), people=()) -> Iterator[str]:
    with translation.override(language):
        for fmt in FEED_FORMATS:
            for name in names:
                yield reverse("feed_section", kwargs={"name": name, "fmt": fmt})
            for slug in topics:
                yield reverse("feed_topic", kwargs={"slug": slug, "fmt": fmt})
            for slug in people:
                yield reverse("feed_person", kwargs={"slug": slug, "fmt": fmt})


def all_feed_urls() -> Iterator[str]:
    for home in language_homes():
        topics = Topic.objects.filter(locale_id=home.locale_id).values_list("slug", flat=True)
        people = Person.objects.filter(locale_id=home.locale_id).values_list("slug", flat=True)
        yield from feed_urls(home.locale.language_code, topics=list(topics), people=list(people))


def sitemap_urls() -> list[str]:
    from samvydat.feeds import sitemap

    count = public_pages().count() + Person.objects.count() + Organisation.objects.count() + Topic.objects.count()
    parts = math.ceil(count / sitemap.MAX_URLS)
    extra = [reverse("sitemap_part", kwargs={"number": n}) for n in range(1, parts + 1)] if parts > 1 else []
    return [reverse("sitemap"), *extra, reverse("robots_txt")]


def reach_us_urls() -> list[str]:
    urls = []
    for home in language_homes():
        with translation.override(home.locale.language_code):
            urls.append(reverse("mirror_reach_us"))
    return urls


def site_addresses() -> Iterator[str]:
    """Every address of the public site the mirror renders (pages, routes, feeds, sitemap); PDFs, media and
    static files are copied separately."""
    for _pk, url in page_urls():
        yield url
    yield from route_urls()
    yield from all_feed_urls()
    yield from sitemap_urls()
    yield from reach_us_urls()


def pdf_pages():
    """The live plans and weekly issues (the pages that may have a PDF)."""
    from samvydat.pdfs.selectors import PDF_MODELS

    for model in PDF_MODELS:
        yield from for_readers(model.objects).select_related("locale")


def _referring_page_urls(page) -> list[str]:
    """The public pages linking to ``page`` (rich text, choosers, "Read more"), from Wagtail's reference index."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex

    page_type = ContentType.objects.get_for_model(Page)
    ids = ReferenceIndex.get_references_to(page).filter(base_content_type=page_type).values_list("object_id", flat=True)
    pks = [int(pk) for pk in ids if str(pk).isdigit()]
    return [source.url for source in public_pages().filter(pk__in=pks).exclude(pk=page.pk) if source.url]


# --- what one page touches ----------------------------------------------------------------------------------------
@dataclass
class Touched:
    """The addresses to render again after a page was published or unpublished."""

    near: list[str]  # cheap: the page, its neighbours in the listings, feeds, …
    listings: list[str]  # every page of its listings, and the sitemap (only when its position may have changed)
    listing_positions: dict[str, str]  # listing address → the listing page that now shows the page


def credited_entities(page) -> tuple[list[Person], list[Organisation]]:
    """The people (authors, participants, moderator) and organisations (signatories) a page credits."""
    people: list[Person] = []
    organisations: list[Organisation] = []
    for relation, attribute in (("authors", "person"), ("participants", "person"), ("signatories", "organisation")):
        manager = getattr(page, relation, None)
        if manager is None:
            continue
        for link in manager.select_related(attribute):
            entity = getattr(link, attribute)
            (organisations if attribute == "organisation" else people).append(entity)
    moderator = getattr(page, "moderator", None)
    if isinstance(moderator, Person):
        people.append(moderator)
    return people, organisations


def in_locale(entities, locale_id) -> list:
    """The translations of ``entities`` in the locale (entities of any language credit the whole group)."""
    if not entities:
        return []
    model = type(entities[0])
    keys = {entity.translation_key for entity in entities}
    return list(model.objects.filter(locale_id=locale_id, translation_key__in=keys))


def _listing_position(queryset, page, order=("-date", "-pk")) -> int:
    """1-based position of ``page`` in a listing ordered newest first (``-date``, ``-pk``)."""
    date = getattr(page, "date", None)
    if date is None:
        return 1
    before = queryset.filter(date__gt=date).count() + queryset.filter(date=date, pk__gt=page.pk).count()
    return before + 1


def _listing_page(address: str, position: int) -> str:
    number = (position - 1) // LISTING_PAGE_SIZE + 1
    return address if number == 1 else f"{address}?page={number}"


def page_topic(page) -> Topic | None:
    """A commentary's topic in the commentary's language (None: no topic, or not translated)."""
    if getattr(page, "topic_id", None) is None:
        return None
    return Topic.objects.filter(locale_id=page.locale_id, translation_key=page.topic.translation_key).first()


def page_feeds(page, *, topic: Topic | None, people: list[Person]) -> Iterator[str]:
    """The feeds ``page`` is in: everything, its section's, its topic's and its people's (both in its language)."""
    sections = [name for name, section in SECTIONS.items() if section.model_label == page._meta.label]
    return feed_urls(
        page.locale.language_code,
        names=("all", *sections),
        topics=[topic.slug] if topic else [],
        people=[person.slug for person in people],
    )


def touched_by(page, *, live: bool) -> Touched:
    """What to render again after ``page`` (specific) was published (``live``) or unpublished."""
    page = page.specific
    near: list[str] = []
    listings: list[str] = []
    positions: dict[str, str] = {}
    if live and page.url:
        near.append(page.url)
    near.extend(t.url for t in page.get_translations().live().filter(own_language_q()) if t.url)
    home = HomePage.objects.live().filter(locale_id=page.locale_id).first()
    if home is not None:
        near.append(home.url)
    parent = page.get_parent().specific

    def listing(address: str, queryset, count: int):
        listings.extend([address, *pagination(address, count)])
        if live:
            positions[address] = _listing_page(address, _listing_position(queryset, page))
            near.append(positions[address])
        else:
            near.append(address)

    if isinstance(parent, SectionIndexPage):
        queryset = parent.listing_queryset()
        listing(parent.url, queryset, queryset.count())
    elif isinstance(parent, WeeklyIndexPage):
        near.append(parent.url)
    people, organisations = credited_entities(page)
    people = in_locale(people, page.locale_id)
    organisations = in_locale(organisations, page.locale_id)
    topic = page_topic(page)
    if isinstance(page, CommentaryPage):
        near.append(parent.url)  # the weekly issue
        index = WeeklyIndexPage.objects.live().filter(locale_id=page.locale_id).first()
        if index is not None and topic is not None:
            queryset = topic_commentaries(index, topic)
            listing(topic_address(index, topic), queryset, queryset.count())
    if isinstance(page, CommentaryPage | WeeklyIssuePage):
        dashboard = TrendDashboardPage.objects.live().filter(locale_id=page.locale_id).first()
        if dashboard is not None:
            near.append(dashboard.url)
    near.extend(_referring_page_urls(page))
    people_index = PeopleIndexPage.objects.live().filter(locale_id=page.locale_id).first()
    if people_index is not None:
        near.extend(people_index.entity_url(entity) for entity in [*people, *organisations])
    near.extend(page_feeds(page, topic=topic, people=people))
    # The sitemap (every page's address and lastmod) goes with the listings: only when pages come, go or move.
    listings.extend(sitemap_urls())
    return Touched(near=list(dict.fromkeys(near)), listings=list(dict.fromkeys(listings)), listing_positions=positions)


def push_records() -> list:
    """The last push to each target (``MirrorPushRecord``), by target name."""
    from .models import MirrorPushRecord

    return list(MirrorPushRecord.objects.order_by("target"))
