"""RSS, Atom and JSON feeds per language, section, topic and person, read with a real feed parser."""

import datetime
import email.utils
import html
import json

import feedparser
import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from samvydat.discussions.models import DiscussionPage
from samvydat.feeds import selectors
from samvydat.news.models import NewsAuthor, NewsIndexPage, NewsPage
from samvydat.people.models import Person
from samvydat.plans.models import PlanPage
from samvydat.statements.models import StatementPage
from samvydat.weekly.models import CommentaryPage, Topic

from .helpers import LANGS, ORIGIN, absolute, get_ok, head_of

pytestmark = pytest.mark.django_db

SECTION_MODELS = {
    "news": [NewsPage],
    "plans": [PlanPage],
    "weekly": [CommentaryPage],
    "discussions": [DiscussionPage],
    "statements": [StatementPage],
}
ALL_MODELS = [model for models in SECTION_MODELS.values() for model in models]
CONTENT_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml", "json": "application/feed+json"}


def items_in_db(lang, models, condition: Q | None = None) -> dict[str, object]:
    """Absolute URL → page, for the live public pages of ``models`` in ``lang`` matching ``condition``."""
    condition = condition or Q()
    pages = {}
    for model in models:
        for page in model.objects.live().public().filter(condition, locale__language_code=lang).distinct():
            pages[absolute(page)] = page
    return pages


def parse(client, url, fmt):
    response = get_ok(client, url)
    assert response["Content-Type"].startswith(CONTENT_TYPES[fmt]), response["Content-Type"]
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == {"rss": "rss20", "atom": "atom10"}[fmt]
    return feed


def entry_language(entry, fmt):
    return entry.language if fmt == "rss" else entry.title_detail.language


def entry_published(entry, fmt) -> datetime.datetime:
    if fmt == "rss":
        return email.utils.parsedate_to_datetime(entry.published)  # RFC 822
    return datetime.datetime.fromisoformat(entry.published)  # RFC 3339


def check_entries(feed, fmt, lang, expected: dict):
    """Every entry is one of ``expected``, with its date and language; newest first; all of them when < 50."""
    links = [entry.link for entry in feed.entries]
    assert len(links) == len(set(links)) == min(len(expected), selectors.FEED_LENGTH)
    assert set(links) <= set(expected)
    assert feed.feed.language == lang
    dates = []
    for entry in feed.entries:
        page = expected[entry.link]
        assert entry.title == page.title
        assert entry.link.startswith(f"{ORIGIN}/{lang}/")
        assert entry.id == selectors.item_id(page)  # permanent, not the address (tests/feeds/test_item_ids.py)
        assert entry_language(entry, fmt) == lang
        published = entry_published(entry, fmt)
        assert published.tzinfo is not None
        assert timezone.localtime(published).date() == page.date
        if page.summary:
            assert html.unescape(entry.summary) == page.summary
        dates.append(published)
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize("fmt", ["rss", "atom"])
@pytest.mark.parametrize("name", ["all", *SECTION_MODELS])
@pytest.mark.parametrize("lang", LANGS)
def test_section_feeds_list_the_sections_items(client, lang, name, fmt):
    feed = parse(client, f"/{lang}/feeds/{name}.{fmt}", fmt)
    expected = items_in_db(lang, ALL_MODELS if name == "all" else SECTION_MODELS[name])
    assert expected, "the demo site has items in every section and language"
    check_entries(feed, fmt, lang, expected)
    assert feed.feed.title
    assert feed.feed.link.startswith(f"{ORIGIN}/{lang}/")
    get_ok(client, feed.feed.link.removeprefix(ORIGIN))


@pytest.mark.parametrize("lang", LANGS)
def test_every_link_of_the_feed_of_everything_opens(client, lang):
    feed = parse(client, f"/{lang}/feeds/all.rss", "rss")
    assert len(feed.entries) >= 10
    for entry in feed.entries:
        assert entry.link.startswith(ORIGIN)
        html_text = get_ok(client, entry.link.removeprefix(ORIGIN)).content.decode()
        assert f'<html lang="{lang}">' in html_text


def test_atom_feed_points_at_itself_and_has_authors(client):
    feed = parse(client, "/ru/feeds/weekly.atom", "atom")
    assert {"rel": "self", "href": f"{ORIGIN}/ru/feeds/weekly.atom", "type": "application/atom+xml"} in [
        dict(link) for link in feed.feed.links
    ]
    commentaries = items_in_db("ru", [CommentaryPage])
    for entry in feed.entries:
        page = commentaries[entry.link]
        names = [link.person.localized.name for link in page.authors.select_related("person")]
        assert [author.name for author in entry.authors] == names
        assert all(author.href.startswith(f"{ORIGIN}/ru/people/") for author in entry.authors)
        if page.topic:
            assert [tag.term for tag in entry.tags] == [page.topic.localized.name]


def test_rss_items_carry_every_author_and_their_language(client):
    statement = StatementPage.objects.live().get(locale__language_code="be", package_key="statement-kazakhstan")
    feed = parse(client, "/be/feeds/statements.rss", "rss")
    entry = next(entry for entry in feed.entries if entry.link == absolute(statement))
    signatories = [link.organisation.localized.name for link in statement.signatories.all()]
    assert len(signatories) >= 2
    assert [author.name for author in entry.authors] == signatories
    assert entry.language == "be"


# --- JSON Feed ---------------------------------------------------------------------------------------

JSON_FEED_TOP = {"version", "title", "home_page_url", "feed_url", "description", "language", "authors", "items"}
JSON_FEED_ITEM = {
    "id",
    "url",
    "title",
    "content_text",
    "content_html",
    "summary",
    "date_published",
    "date_modified",
    "authors",
    "tags",
    "language",
}


def check_json_feed(document: dict, *, url: str, lang: str):
    """The JSON Feed 1.1 rules (https://www.jsonfeed.org/version/1.1/) the feed must keep."""
    assert set(document) <= JSON_FEED_TOP
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(document["title"], str) and document["title"]
    assert document["feed_url"] == ORIGIN + url
    assert document["home_page_url"].startswith(f"{ORIGIN}/{lang}/")
    assert document["language"] == lang
    assert isinstance(document["items"], list)
    for author in document["authors"]:
        assert isinstance(author["name"], str)
    for item in document["items"]:
        assert set(item) <= JSON_FEED_ITEM
        assert isinstance(item["id"], str) and item["id"]
        assert isinstance(item.get("content_text") or item.get("content_html"), str)
        assert item["url"].startswith(f"{ORIGIN}/{lang}/")
        for key in ("date_published", "date_modified"):
            assert datetime.datetime.fromisoformat(item[key]).tzinfo is not None
        assert item["language"] == lang
        for author in item.get("authors", []):
            assert isinstance(author["name"], str) and author["name"]
            assert author.get("url", ORIGIN).startswith(ORIGIN)
        assert all(isinstance(tag, str) for tag in item.get("tags", []))


@pytest.mark.parametrize("name", ["all", *SECTION_MODELS])
@pytest.mark.parametrize("lang", LANGS)
def test_json_feeds_are_valid_json_feed(client, lang, name):
    url = f"/{lang}/feeds/{name}.json"
    response = get_ok(client, url)
    assert response["Content-Type"].startswith("application/feed+json")
    document = json.loads(response.content)
    check_json_feed(document, url=url, lang=lang)
    expected = items_in_db(lang, ALL_MODELS if name == "all" else SECTION_MODELS[name])
    assert {item["url"] for item in document["items"]} == set(expected)
    for item in document["items"]:
        page = expected[item["url"]]
        assert item["title"] == page.title
        assert datetime.datetime.fromisoformat(item["date_published"]).date() == page.date


# --- topics and people -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_topic_feeds_list_the_topics_commentaries(client, lang):
    topics = Topic.objects.filter(locale__language_code=lang)
    assert topics.count() >= 4
    for topic in topics:
        condition = Q(topic__translation_key=topic.translation_key)
        expected = items_in_db(lang, [CommentaryPage], condition)
        assert expected, topic.slug
        for fmt in ("rss", "atom"):
            feed = parse(client, f"/{lang}/feeds/topics/{topic.slug}.{fmt}", fmt)
            check_entries(feed, fmt, lang, expected)
            assert topic.name in feed.feed.title
            assert feed.feed.link == f"{ORIGIN}/{lang}/weekly/topics/{topic.slug}/"
        url = f"/{lang}/feeds/topics/{topic.slug}.json"
        document = json.loads(get_ok(client, url).content)
        check_json_feed(document, url=url, lang=lang)
        assert {item["url"] for item in document["items"]} == set(expected)
        assert all(item["tags"] == [topic.name] for item in document["items"])


@pytest.mark.parametrize("lang", LANGS)
def test_person_feeds_list_everything_by_or_with_them(client, lang):
    people = Person.objects.filter(locale__language_code=lang)
    checked = 0
    for person in people:
        key = person.translation_key
        expected = items_in_db(lang, [NewsPage, CommentaryPage], Q(authors__person__translation_key=key))
        expected |= items_in_db(
            lang,
            [DiscussionPage],
            Q(participants__person__translation_key=key) | Q(moderator__translation_key=key),
        )
        for fmt in ("rss", "atom"):
            feed = parse(client, f"/{lang}/feeds/people/{person.slug}.{fmt}", fmt)
            check_entries(feed, fmt, lang, expected)
            assert person.name in feed.feed.title
        url = f"/{lang}/feeds/people/{person.slug}.json"
        document = json.loads(get_ok(client, url).content)
        check_json_feed(document, url=url, lang=lang)
        assert {item["url"] for item in document["items"]} == set(expected)
        checked += bool(expected)
    assert checked >= 4, "several people have commentaries, news or discussions"


def test_person_feed_mixes_commentaries_news_and_discussions(client):
    feed = parse(client, "/en/feeds/people/kavaliova.rss", "rss")
    paths = {entry.link.removeprefix(f"{ORIGIN}/en/").split("/")[0] for entry in feed.entries}
    assert {"weekly", "discussions"} <= paths


# --- limits, visibility, bad input --------------------------------------------------------------------


def test_feed_lists_the_newest_items_up_to_its_length(client, monkeypatch):
    monkeypatch.setattr(selectors, "FEED_LENGTH", 5)
    feed = parse(client, "/en/feeds/all.atom", "atom")
    newest = sorted(items_in_db("en", ALL_MODELS).values(), key=lambda page: (page.date, page.pk), reverse=True)
    assert len(feed.entries) == 5
    assert {entry.link for entry in feed.entries} == {absolute(page) for page in newest[:5]}


def _add_news(n: int):
    index = NewsIndexPage.objects.get(locale__language_code="en")
    author = Person.objects.get(locale__language_code="en", slug="kavaliova")
    for i in range(n):
        page = NewsPage(title=f"Extra news {i}", slug=f"extra-news-{i}", date=datetime.date(2030, 1, 1 + i))
        page.authors = [NewsAuthor(person=author)]
        index.add_child(instance=page)


def test_feed_queries_do_not_grow_with_its_items(client):
    def queries(url):
        client.get(url)  # warm the per-process caches (locales, site root paths)
        with CaptureQueriesContext(connection) as captured:
            get_ok(client, url)
        return len(captured.captured_queries)

    urls = ["/en/feeds/all.rss", "/en/feeds/news.json", "/en/feeds/people/kavaliova.atom"]
    before = [queries(url) for url in urls]
    _add_news(8)
    assert [queries(url) for url in urls] == before
    # furniture, site, locale, restrictions, 5 × newest dates, ≤ 5 × pages, ≤ 4 × credits, names in the language
    assert max(before) <= 20
    assert "Extra news 7" in get_ok(client, "/en/feeds/news.rss").content.decode()


def test_drafts_and_restricted_pages_stay_out_of_feeds(client):
    restricted = NewsPage.objects.live().get(locale__language_code="en", slug="eu-sectoral-sanctions")
    draft = NewsPage.objects.live().get(locale__language_code="en", slug="new-year-address-2021")
    PageViewRestriction.objects.create(page=restricted, restriction_type="password", password="secret")
    draft.unpublish()
    for url in ("/en/feeds/all.rss", "/en/feeds/news.atom", "/en/feeds/news.json"):
        body = get_ok(client, url).content.decode()
        assert absolute(restricted) not in body
        assert draft.url not in body
        assert absolute(NewsPage.objects.live().get(locale__language_code="en", slug="kazakhstan-troops")) in body


def test_titles_and_leads_with_markup_characters_survive(client):
    page = NewsPage.objects.live().get(locale__language_code="en", slug="kazakhstan-troops")
    page.title = 'Tom & Jerry <b>"bold"</b> </script>'
    page.summary = "a < b & c <i>d</i>"
    page.save()
    for fmt in ("rss", "atom"):
        feed = parse(client, f"/en/feeds/news.{fmt}", fmt)
        entry = next(entry for entry in feed.entries if entry.link == absolute(page))
        assert entry.title == page.title
        assert html.unescape(entry.summary) == page.summary
    document = json.loads(get_ok(client, "/en/feeds/news.json").content)
    item = next(item for item in document["items"] if item["url"] == absolute(page))
    assert (item["title"], item["summary"], item["content_text"]) == (page.title, page.summary, page.summary)


@pytest.mark.parametrize(
    "url",
    [
        "/en/feeds/nothing.rss",
        "/en/feeds/all.xml",
        "/en/feeds/all.rss2",
        "/en/feeds/all",
        "/en/feeds/news.",
        "/en/feeds/topics/nothing.rss",
        "/en/feeds/topics/economy.html",
        "/en/feeds/people/nobody.atom",
        "/en/feeds/people/kavaliova.txt",
        "/de/feeds/all.rss",
        "/xx/feeds/topics/economy.rss",
        "/en/feeds/people/../all.rss",
    ],
)
def test_unknown_feeds_are_404(client, url):
    response = client.get(url, follow=True)  # "/en/feeds/all" is redirected to "/en/feeds/all/" first
    assert response.status_code == 404
    assert not response.cookies


def test_feeds_answer_only_safe_methods(client):
    assert client.post("/en/feeds/all.rss").status_code == 405
    assert client.head("/en/feeds/all.rss").status_code == 200


def test_topic_slug_of_another_language_leads_to_its_translation(client):
    """A slug only another language uses (topics can be renamed per language) finds the translation."""
    topic = Topic.objects.get(locale__language_code="be", slug="economy")
    topic.slug = "ekanomika"
    topic.save()
    feed = parse(client, "/ru/feeds/topics/ekanomika.rss", "rss")
    assert feed.feed.language == "ru"
    assert feed.entries and all(entry.link.startswith(f"{ORIGIN}/ru/") for entry in feed.entries)


# --- discovery ------------------------------------------------------------------------------------------


def check_discovery(client, url, lang, *expected_paths):
    """``url`` links, in its ``<head>``, to these feeds in every format, and every linked feed opens."""
    links = head_of(client, url).feeds()
    hrefs = {(link["href"], link["type"]) for link in links}
    for path in expected_paths:
        for fmt, content_type in CONTENT_TYPES.items():
            assert (f"{ORIGIN}/{lang}/feeds/{path}.{fmt}", content_type) in hrefs, (url, path, fmt)
    for link in links:
        assert link["title"]
        response = get_ok(client, link["href"].removeprefix(ORIGIN))
        assert response["Content-Type"].startswith(link["type"])


@pytest.mark.parametrize("lang", LANGS)
def test_pages_announce_their_feeds(client, lang):
    check_discovery(client, f"/{lang}/", lang, "all")
    news = NewsPage.objects.live().filter(locale__language_code=lang).first()
    check_discovery(client, news.url, lang, "all", "news")
    check_discovery(client, f"/{lang}/weekly/topics/economy/", lang, "all", "weekly", "topics/economy")
    person = Person.objects.get(locale__language_code=lang, slug="kavaliova")
    check_discovery(client, f"/{lang}/people/{person.slug}/", lang, "all", "people/kavaliova")
