"""Headings follow the page's structure on every page type in every language: one h1, then no level skipped
(an h1 followed by an h3 leaves a screen reader's outline with a hole; the Nu HTML checker warns about it)."""

from html.parser import HTMLParser

import pytest
from wagtail.models import Page

from samvydat.people.models import Organisation, Person
from samvydat.weekly.models import Topic

pytestmark = pytest.mark.django_db
LANGS = ["en", "be", "ru"]
HEADINGS = {f"h{level}": level for level in range(1, 7)}


class HeadingParser(HTMLParser):
    """The levels of the page's headings, in document order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.levels: list[int] = []

    def handle_starttag(self, tag, attrs):
        if tag in HEADINGS:
            self.levels.append(HEADINGS[tag])


def heading_levels(html: str) -> list[int]:
    parser = HeadingParser()
    parser.feed(html)
    return parser.levels


def skips(levels: list[int]) -> list[str]:
    """Every place a heading goes deeper by more than one level (going back up any amount is fine)."""
    problems = []
    previous = 0
    for index, level in enumerate(levels):
        if level > previous + 1:
            problems.append(f"h{previous or '-'} → h{level} (heading {index + 1})")
        previous = level
    return problems


def test_the_checker_itself_sees_a_skip():
    assert skips(heading_levels("<h1>a</h1><h3>b</h3>")) == ["h1 → h3 (heading 2)"]
    assert skips(heading_levels("<h2>a</h2>")) == ["h- → h2 (heading 1)"]
    assert skips(heading_levels("<h1>a</h1><h2>b</h2><h3>c</h3><h2>d</h2><h3>e</h3><h1>f</h1>")) == []


def page_type_urls(lang: str) -> list[str]:
    """One live page of every page type in ``lang`` (the one with the most children, so listings are full),
    plus the routes and views that are not pages."""
    urls: dict[str, str] = {}
    pages = Page.objects.live().public().filter(locale__language_code=lang, depth__gt=1).specific()
    for page in sorted(pages, key=lambda p: -p.numchild):
        urls.setdefault(type(page).__name__, page.url)
    assert len(urls) >= 10, urls  # every type of the demo, not a near-empty tree
    home = f"/{lang}/"
    person = Person.objects.filter(locale__language_code=lang).order_by("pk").first()
    organisation = Organisation.objects.filter(locale__language_code=lang).order_by("pk").first()
    topic = Topic.objects.filter(locale__language_code=lang).order_by("pk").first()
    return [
        *urls.values(),
        f"{home}people/{person.slug}/",
        f"{home}people/organisations/{organisation.slug}/",
        f"{home}weekly/topics/{topic.slug}/",
        f"{home}search/",
        f"{home}search/?q=Lukashenka",
        f"{home}newsletter/",
        f"{home}send/",
        f"{home}reach-us/",
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_skips_a_heading_level(client, lang):
    problems = {}
    for url in page_type_urls(lang):
        response = client.get(url)
        assert response.status_code == 200, url
        levels = heading_levels(response.content.decode())
        assert levels.count(1) == 1, f"{url}: {levels.count(1)} h1"
        if found := skips(levels):
            problems[url] = found
    assert problems == {}


@pytest.mark.parametrize("lang", LANGS)
def test_the_not_found_page_has_one_h1_and_no_skip(client, lang):
    response = client.get(f"/{lang}/no-such-page-anywhere/")
    assert response.status_code == 404
    levels = heading_levels(response.content.decode())
    assert levels.count(1) == 1 and skips(levels) == []
