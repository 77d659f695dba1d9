"""One canonical form of every public URL (samvydat.pagecache.keys): tracking parameters and made-up names never
cause a render or a cache entry; known parameters are validated before anything renders; pages past the end of
a listing are 404s, refused without a render once the listing has been seen."""

from urllib.parse import parse_qsl, urlencode

import pytest
from django.test import RequestFactory
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samvydat.news.models import NewsIndexPage, NewsPage
from samvydat.pagecache.keys import canonical_from_environ, canonical_query

pytestmark = pytest.mark.django_db
NAMES = st.one_of(
    st.sampled_from(["page", "period", "topic", "utm_source", "fbclid", "gclid", "ref", "q", "x", "mc_eid", ""]),
    st.text(max_size=12),
)
VALUES = st.one_of(
    st.sampled_from(["1", "2", "0", "-1", "12m", "economy", "", "%", "１", "999999"]), st.text(max_size=12)
)
QUERIES = st.one_of(st.lists(st.tuples(NAMES, VALUES), max_size=6).map(urlencode), st.text(max_size=80))


def environ(path: str, query: str) -> dict:
    environ = RequestFactory().get(path).environ
    environ["QUERY_STRING"] = query
    return environ


@settings(max_examples=300, deadline=None, database=None)
@given(query=QUERIES)
def test_every_query_string_has_one_canonical_url_or_a_redirect_to_it(query):
    canonical = canonical_from_environ(environ("/en/news/", query))
    if canonical.redirect is not None:
        assert canonical.url is None
        target_path, _, target_query = canonical.redirect.partition("?")
        assert target_path == "/en/news/"
        again = canonical_from_environ(environ(target_path, target_query))
        assert again.redirect is None and again.url is not None, "a redirect must land on a canonical URL"
    else:
        assert canonical.url == f"http://testserver/en/news/?{canonical.query}"
        names = [name for name, _value in parse_qsl(canonical.query)]
        assert set(names) <= {"page", "period", "topic"} and len(names) == len(set(names))
        assert canonical_query(canonical.query) == (canonical.params, False), "canonical form is a fixed point"


def test_tracking_parameters_and_made_up_names_are_dropped():
    for query in ("utm_source=telegram&utm_medium=x", "fbclid=abc", "gclid=1&yclid=2&mc_eid=3&ref=x", "x=12345"):
        canonical = canonical_from_environ(environ("/en/", query))
        assert canonical.redirect is None and canonical.url == "http://testserver/en/?"
    mixed = canonical_from_environ(environ("/en/news/", "utm_source=x&page=2&fbclid=y"))
    assert mixed.url == "http://testserver/en/news/?page=2"


def test_search_keeps_its_own_parameters_and_is_never_page_cached():
    canonical = canonical_from_environ(environ("/en/search/", "q=minsk&page=2"))
    assert canonical.bypass and canonical.url is None and canonical.query == "q=minsk&page=2"


# --- Through Django ------------------------------------------------------------------------------------------------
def _article() -> NewsPage:
    return NewsPage.objects.live().filter(locale__language_code="en").order_by("path").first()


class RenderCounter:
    def __init__(self, monkeypatch):
        from wagtail.models import Page

        self.count = 0
        original = Page.serve

        def serve(page, request, *args, **kwargs):
            self.count += 1
            return original(page, request, *args, **kwargs)

        monkeypatch.setattr(Page, "serve", serve)


@pytest.fixture
def renders(monkeypatch):
    return RenderCounter(monkeypatch)


def test_a_tracking_link_after_its_canonical_twin_is_a_hit_without_a_render(client, page_cache, renders):
    path = _article().url
    assert client.get(path)["X-Page-Cache"] == "miss"
    assert renders.count == 1
    for query in ("?utm_source=telegram", "?fbclid=IwAR0abc", "?x=1", "?utm_source=a&utm_campaign=b&ref=c"):
        response = client.get(path + query)
        assert response.status_code == 200 and response["X-Page-Cache"] == "hit", query
    assert renders.count == 1, "a tracking parameter caused a render"


def test_cache_busters_render_once_per_canonical_url(client, page_cache, renders):
    path = _article().url
    for number in range(20):
        assert client.get(f"{path}?x={number}").status_code == 200
    assert renders.count == 1


def test_the_page_parameter_on_a_page_without_a_listing_is_redirected_then_refused_unrendered(
    client, page_cache, renders
):
    path = _article().url
    first = client.get(path + "?page=2")
    assert first.status_code == 301 and first["Location"] == path
    before = renders.count
    for number in range(3, 30):
        response = client.get(f"{path}?page={number}")
        assert response.status_code == 301 and response["Location"] == path
    assert renders.count == before, "a page that ignores ?page= was rendered again for another number"


def test_pages_past_the_end_are_404_and_refused_without_a_render(client, page_cache, renders):
    index = NewsIndexPage.objects.live().filter(locale__language_code="en").first()
    assert client.get(index.url)["X-Page-Cache"] == "miss"
    last = (NewsPage.objects.live().child_of(index).count() + 11) // 12
    assert client.get(f"{index.url}?page={last}").status_code == 200
    rendered = renders.count
    for number in (last + 1, 500, 999_999):
        response = client.get(f"{index.url}?page={number}")
        assert response.status_code == 404 and response["X-Page-Cache"] == "bypass"
        assert "public" in response["Cache-Control"]
    assert renders.count == rendered, "an out-of-range page was rendered"
    assert client.get(f"{index.url}?page={last + 1}").status_code == 404


def test_out_of_range_pages_are_404_even_without_the_cache(client):
    index = NewsIndexPage.objects.live().filter(locale__language_code="en").first()
    assert client.get(f"{index.url}?page=999999").status_code == 404


def test_the_dashboard_refuses_unknown_filter_values(client, page_cache, renders):
    from samvydat.weekly.models import TrendDashboardPage

    dashboard = TrendDashboardPage.objects.live().filter(locale__language_code="en").first()
    if dashboard is None:
        pytest.skip("the demo has no trend dashboard")
    assert client.get(dashboard.url + "?period=3m")["X-Page-Cache"] == "miss"
    rendered = renders.count
    assert client.get(dashboard.url + "?period=3m&utm_source=x")["X-Page-Cache"] == "hit"
    for query in ("?period=5y", "?topic=no-such-topic", "?period=3m&topic=nope"):
        assert client.get(dashboard.url + query).status_code in (301, 404), query
    assert client.get(dashboard.url + "?topic=no-such-topic").status_code == 404
    assert renders.count == rendered, "an unknown filter value was rendered"


PROPERTY = settings(
    max_examples=40, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
)


@PROPERTY
@given(query=QUERIES)
def test_arbitrary_query_strings_answer_a_page_a_redirect_or_a_404_never_an_error(client, page_cache, query):
    index = NewsIndexPage.objects.live().filter(locale__language_code="en").first()
    response = client.get(f"{index.url}?{query}")
    assert response.status_code in (200, 301, 404)
    assert response["X-Page-Cache"] in ("hit", "miss", "bypass")
