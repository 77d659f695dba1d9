"""sitemap.xml lists every live page of every language with its translations; robots.txt points at it."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from samvydat.feeds import sitemap
from samvydat.news.models import NewsPage
from samvydat.people.models import Organisation, Person
from samvydat.weekly.models import Topic

from .helpers import LANGS, ORIGIN, absolute, get_ok

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def read_sitemap(client, url="/sitemap.xml") -> dict[str, dict[str, str]]:
    """loc → {hreflang: href} of every <url> in the sitemap."""
    response = get_ok(client, url)
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{{{NS['sm']}}}urlset"
    urls = {}
    for url in root.findall("sm:url", NS):
        loc = url.findtext("sm:loc", namespaces=NS)
        assert loc not in urls, f"{loc} listed twice"
        alternates = {}
        for link in url.findall("xhtml:link", NS):
            assert link.get("rel") == "alternate"
            assert link.get("hreflang") not in alternates
            alternates[link.get("hreflang")] = link.get("href")
        urls[loc] = alternates
    return urls


def live_pages_by_group():
    """Absolute URL → {language: absolute URL of each live public translation, itself included}."""
    pages = list(Page.objects.live().public().filter(depth__gt=1).select_related("locale"))
    groups: dict = {}
    for page in pages:
        groups.setdefault(page.translation_key, {})[page.locale.language_code] = absolute(page)
    return {absolute(page): groups[page.translation_key] for page in pages}


def expected_alternates(group: dict[str, str]) -> dict[str, str]:
    return {**group, "x-default": group["en"]} if "en" in group and len(group) > 1 else dict(group)


def test_sitemap_lists_every_live_page_with_its_translations(client):
    listed = read_sitemap(client)
    expected = live_pages_by_group()
    for lang in LANGS:
        assert any(url.startswith(f"{ORIGIN}/{lang}/") for url in expected)
    missing = set(expected) - set(listed)
    assert not missing
    for url, group in expected.items():
        assert listed[url] == expected_alternates(group), url
    # Translated pages carry each other; an untranslated one only itself.
    translated = NewsPage.objects.get(locale__language_code="en", slug="new-year-address-2021")
    assert set(listed[absolute(translated)]) == {"en", "be", "ru", "x-default"}
    english_only = NewsPage.objects.get(locale__language_code="en", slug="sanctions-explainer-video")
    assert listed[absolute(english_only)] == {"en": absolute(english_only)}


def test_sitemap_lists_people_organisations_and_topics_in_every_language(client):
    listed = read_sitemap(client)
    routes = [(Person, "people/{}/"), (Organisation, "people/organisations/{}/"), (Topic, "weekly/topics/{}/")]
    for model, route in routes:
        groups: dict = {}
        for entity in model.objects.select_related("locale"):
            code = entity.locale.language_code
            groups.setdefault(entity.translation_key, {})[code] = f"{ORIGIN}/{code}/{route.format(entity.slug)}"
        assert groups
        for group in groups.values():
            for url in group.values():
                assert listed[url] == expected_alternates(group), url
    extra = set(listed) - set(live_pages_by_group())
    assert len(extra) == Person.objects.count() + Organisation.objects.count() + Topic.objects.count()
    for url in sorted(extra)[:: max(1, len(extra) // 12)]:  # a sample of the routes opens
        get_ok(client, url.removeprefix(ORIGIN))


def test_sitemap_urls_open(client):
    """A sample across the tree: every page kind of every language (the full set is compared with the DB above)."""
    urls = sorted(read_sitemap(client))
    for url in urls[::7]:
        get_ok(client, url.removeprefix(ORIGIN))


def test_sitemap_addresses_match_wagtails_for_non_latin_slugs(client):
    index = NewsPage.objects.get(locale__language_code="be", slug="new-year-address-2021").get_parent()
    page = index.add_child(instance=NewsPage(title="Навіна", slug="навіна-дня", date=datetime.date(2022, 2, 1)))
    assert "%D0%BD" in page.url  # percent-encoded like every address Wagtail writes
    listed = read_sitemap(client)
    assert listed[absolute(page)] == {"be": absolute(page)}
    get_ok(client, page.url)


def test_drafts_and_restricted_pages_are_not_in_the_sitemap(client):
    restricted = NewsPage.objects.live().get(locale__language_code="be", slug="eu-sectoral-sanctions")
    draft = NewsPage.objects.live().get(locale__language_code="ru", slug="new-year-address-2021")
    PageViewRestriction.objects.create(page=restricted, restriction_type="password", password="secret")
    draft.unpublish()
    listed = read_sitemap(client)
    assert absolute(restricted) not in listed and absolute(draft) not in listed
    english = NewsPage.objects.get(locale__language_code="en", slug="new-year-address-2021")
    assert set(listed[absolute(english)]) == {"en", "be", "x-default"}


def test_sitemap_queries_do_not_grow_with_the_pages(client):
    client.get("/sitemap.xml")
    with CaptureQueriesContext(connection) as captured:
        get_ok(client, "/sitemap.xml")
    assert len(captured.captured_queries) <= 10, [query["sql"][:120] for query in captured.captured_queries]


def test_a_large_sitemap_becomes_an_index_of_parts(client, monkeypatch):
    everything = read_sitemap(client)
    monkeypatch.setattr(sitemap, "MAX_URLS", 50)
    root = ET.fromstring(get_ok(client, "/sitemap.xml").content)
    assert root.tag == f"{{{NS['sm']}}}sitemapindex"
    parts = [loc.text for loc in root.findall("sm:sitemap/sm:loc", NS)]
    assert len(parts) == -(-len(everything) // 50)
    combined = {}
    for part in parts:
        combined |= read_sitemap(client, part.removeprefix(ORIGIN))
    assert combined == everything
    get_ok(client, f"/sitemap-{len(parts) + 1}.xml", status=404)
    get_ok(client, "/sitemap-0.xml", status=404)


def test_robots_txt_allows_all_but_the_admin_and_points_at_the_sitemap(client):
    response = get_ok(client, "/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert "Allow: /" in lines
    assert not [line for line in lines if line.startswith("Disallow:") and line != "Disallow: /admin/"]
    sitemap_lines = [line for line in lines if line.startswith("Sitemap: ")]
    assert sitemap_lines == [f"Sitemap: {ORIGIN}/sitemap.xml"]
    get_ok(client, "/sitemap.xml")
