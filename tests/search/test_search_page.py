"""The search page, its facets, pagination, language switch and suggestions, as readers use them."""

import json
import re
from html import unescape

import pytest

from samvydat.search.models import SearchDocument

pytestmark = pytest.mark.django_db


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, (url, params)
    assert not response.cookies and "Set-Cookie" not in response.headers
    return response.content.decode()


def result_urls(html):
    return re.findall(r'<h2 class="search-hit__title"><a href="([^"]+)"', html)


def result_count(html):
    summary = re.search(r'<p class="search-summary" role="status">\s*([^<]+)', html).group(1)
    return int(re.sub(r"\D", "", summary.split("—")[0]))


@pytest.mark.parametrize("language", ["en", "be", "ru"])
def test_every_page_has_a_search_form(client, language):
    html = get(client, f"/{language}/")
    assert re.search(rf'<form role="search" method="get" action="/{language}/search/"', html)
    assert 'name="q"' in html


def test_an_empty_query_lists_everything_newest_first(client):
    html = get(client, "/en/search/")
    public = SearchDocument.objects.filter(public=True, language="en")
    assert result_count(html) == public.count()
    dates = list(re.findall(r'<time datetime="([\d-]+)"', html))
    assert dates == sorted(dates, reverse=True) and len(dates) >= 5


def test_a_cyrillic_spelling_finds_latin_pages_on_the_english_site(client):
    latin = get(client, "/en/search/", q="Lukashenka")
    cyrillic = get(client, "/en/search/", q="Лукашенко")
    assert result_count(latin) and result_count(cyrillic) == result_count(latin)
    assert all(url.startswith("/en/") for url in result_urls(cyrillic))
    assert "<mark>Lukashenk" in cyrillic  # the Latin spelling, marked on the English site


def test_matches_are_marked_and_everything_else_is_escaped(client):
    html = get(client, "/en/search/", q='Lukashenko <script>alert("x")</script>')
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html  # the query is shown back, escaped
    html = get(client, "/en/search/", q="Lukashenko")
    marked = re.findall(r"<mark>([^<]+)</mark>", html)
    assert marked and all("lukash" in unescape(m).lower() for m in marked)


def test_facets_narrow_the_results_and_show_counts(client):
    html = get(client, "/en/search/", q="sanctions")
    total = result_count(html)
    kinds = dict(re.findall(r'<a href="\?q=sanctions&amp;kind=(\w+)">[^<]+</a> <span class="facet__count">(\d+)', html))
    assert kinds and sum(map(int, kinds.values())) == total
    kind, count = next(iter(kinds.items()))
    narrowed = get(client, "/en/search/", q="sanctions", kind=kind)
    assert result_count(narrowed) == int(count)
    assert "(remove)" in narrowed


def test_topic_year_and_person_filters(client):
    topic = (
        SearchDocument.objects.filter(language="en", public=True).exclude(topic="").values_list("topic", flat=True)[0]
    )
    html = get(client, "/en/search/", topic=topic)
    assert result_count(html) == SearchDocument.objects.filter(language="en", public=True, topic=topic).count()
    html = get(client, "/en/search/", year="2021")
    assert result_count(html) == SearchDocument.objects.filter(language="en", public=True, year=2021).count()
    html = get(client, "/en/search/", person="kavaliova")
    assert (
        result_count(html)
        == SearchDocument.objects.filter(language="en", public=True, people__slug="kavaliova").count()
        > 0
    )


def test_sorting_by_date(client):
    html = get(client, "/en/search/", q="Belarus", sort="date")
    dates = re.findall(r'<time datetime="([\d-]+)"', html)
    assert len(dates) > 2 and dates == sorted(dates, reverse=True)


def test_search_all_languages_and_back(client):
    one = get(client, "/en/search/", q="Лукашэнка")
    every = get(client, "/en/search/", q="Лукашэнка", all="1")
    assert result_count(every) > result_count(one)
    assert {url[:4] for url in result_urls(every)} - {"/en/"}  # pages of the other languages' sites
    assert "search all languages" in one and "only in English" in every


def test_pagination(client):
    first = get(client, "/en/search/")
    second = get(client, "/en/search/", page="2")
    assert result_urls(first) and result_urls(second) and not set(result_urls(first)) & set(result_urls(second))
    assert 'rel="next"' in first and 'rel="prev"' in second


@pytest.mark.parametrize("page", ["-1", "0", "abc", "99999999", "1e3", "٣", "", "2.5"])
def test_any_page_number_gives_a_page(client, page):
    html = get(client, "/en/search/", q="Belarus", page=page)
    assert result_urls(html)


def test_the_language_switcher_keeps_the_search(client):
    html = get(client, "/en/search/", q="Latushka")
    assert 'href="/be/search/?q=Latushka"' in html and 'href="/ru/search/?q=Latushka"' in html


def test_suggestions(client):
    response = client.get("/en/search/suggest/", {"q": "tsikh"})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    assert not response.cookies
    suggestions = json.loads(response.content)["suggestions"]
    assert suggestions[0]["kind"] == "person" and "Tsikhanouskaya" in suggestions[0]["label"]
    assert any(s["kind"] == "page" and s["url"].startswith("/en/") for s in suggestions)
    assert json.loads(client.get("/en/search/suggest/", {"q": "a"}).content)["suggestions"] == []


def test_did_you_mean_for_a_near_miss_of_a_name(client):
    html = get(client, "/en/search/", q="Lukasenko")  # "s" for "sh": the name keys do not meet
    assert "Did you mean" in html and "Lukashenko" in html
    assert result_urls(get(client, "/en/search/", q="Lukashenko"))  # and the suggestion finds pages
    html = get(client, "/en/search/", q="Bialitsky")
    assert "Did you mean" in html and "Bialiatski" in html
    html = get(client, "/en/search/", q="Lukashenko")
    assert "Did you mean" not in html


def test_the_search_page_is_translated(client):
    html = get(client, "/be/search/", q="Лукашэнка")
    assert "Пошук" in html
