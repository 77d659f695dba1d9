"""Feed items keep one id for good (renaming a slug or reading on another host does not make a "new" item), and
pages advertise only feeds that can have items."""

import json
import uuid

import feedparser
import pytest

from samvydat.news.models import NewsPage
from samvydat.people.models import Person

from .helpers import LANGS, get_ok, head_of

pytestmark = pytest.mark.django_db
SLUG = "eu-sectoral-sanctions"


def ids_by_title(client, url: str, fmt: str, **headers) -> dict[str, str]:
    content = client.get(url, **headers).content
    if fmt == "json":
        return {item["title"]: item["id"] for item in json.loads(content)["items"]}
    feed = feedparser.parse(content)
    assert not feed.bozo, feed.get("bozo_exception")
    return {entry.title: entry.id for entry in feed.entries}


def rename(page: NewsPage, slug: str) -> None:
    page.slug = slug
    page.save_revision().publish()


@pytest.mark.parametrize("fmt", ["rss", "atom", "json"])
def test_renaming_a_slug_keeps_the_item_id(client, fmt, settings):
    settings.ALLOWED_HOSTS = ["testserver", "mirror.example"]
    page = NewsPage.objects.live().get(locale__language_code="en", slug=SLUG)
    url = f"/en/feeds/news.{fmt}"
    before = ids_by_title(client, url, fmt)[page.title]
    assert before.startswith("urn:uuid:") and SLUG not in before and "testserver" not in before
    assert str(uuid.UUID(before.removeprefix("urn:uuid:"))) in before

    rename(page, "eu-sanctions-renamed")
    response_text = get_ok(client, url).content.decode()
    assert "eu-sanctions-renamed" in response_text  # the link follows the new address…
    assert ids_by_title(client, url, fmt)[page.title] == before  # …the id does not
    # nor does another host (a mirror) change it
    assert ids_by_title(client, url, fmt, HTTP_HOST="mirror.example")[page.title] == before


def test_each_language_version_is_its_own_item_and_every_id_is_unique(client):
    page = NewsPage.objects.live().get(locale__language_code="en", slug=SLUG)
    ids = {}
    for lang in LANGS:
        ids[lang] = ids_by_title(client, f"/{lang}/feeds/all.json", "json")
        assert len(set(ids[lang].values())) == len(ids[lang])
    translations = {p.locale.language_code: p for p in page.get_translations(inclusive=True).live()}
    assert len(translations) == 3
    assert len({ids[lang][translations[lang].title] for lang in LANGS}) == 3


def test_the_rss_guid_is_not_claimed_to_be_a_link(client):
    text = get_ok(client, "/en/feeds/news.rss").content.decode()
    assert '<guid isPermaLink="false">urn:uuid:' in text


def person_feed_links(client, url):
    return [link for link in head_of(client, url).feeds() if "/feeds/people/" in link["href"]]


@pytest.mark.parametrize("lang", LANGS)
def test_person_feeds_are_advertised_only_where_the_person_has_items(client, lang):
    people = list(Person.objects.filter(locale__language_code=lang))
    advertised = without = 0
    for person in people:
        links = person_feed_links(client, f"/{lang}/people/{person.slug}/")
        items = json.loads(get_ok(client, f"/{lang}/feeds/people/{person.slug}.json").content)["items"]
        assert bool(links) == bool(items), (person.slug, len(links), len(items))
        advertised += bool(links)
        without += not items
    assert advertised and without  # the demo has both kinds, so both branches were seen
