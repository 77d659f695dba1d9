"""The full-page cache: readers get cached pages with no cookie; editors, previews, POSTs, errors and one-off URLs
never touch it; publishing, unpublishing, deleting and snippet changes make every cached page stale."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import connection
from django.test import Client, override_settings
from django.test.signals import template_rendered
from django.test.utils import CaptureQueriesContext

from samvydat.core.models import HomePage
from samvydat.news.models import NewsPage
from samvydat.pagecache.store import GENERATION_KEY
from tests.conftest import skip_or_fail

pytestmark = pytest.mark.django_db


def news_page() -> NewsPage:
    return NewsPage.objects.live().filter(locale__language_code="en").order_by("path").first()


def test_a_reader_gets_a_public_cookie_free_page_then_a_hit(client, page_cache):
    path = news_page().url
    first = client.get(path)
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    assert first["Cache-Control"] == "public, max-age=300"
    assert not first.cookies and not first.has_header("Set-Cookie")
    assert "Cookie" not in first.get("Vary", ""), "a reader's page must not depend on cookies"

    second = client.get(path)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["Cache-Control"] == "public, max-age=300"
    assert not second.cookies


def test_a_hit_needs_no_database(client, page_cache, django_assert_num_queries):
    path = news_page().url
    client.get(path)
    with django_assert_num_queries(0):
        assert client.get(path)["X-Page-Cache"] == "hit"


def test_languages_and_pages_of_a_listing_are_cached_apart(client, page_cache):
    english, belarusian = client.get("/en/"), client.get("/be/")
    assert english["X-Page-Cache"] == belarusian["X-Page-Cache"] == "miss"
    assert client.get("/be/").content == belarusian.content != english.content
    news_index = news_page().get_parent().url
    assert client.get(news_index + "?page=2")["X-Page-Cache"] == "miss"
    assert client.get(news_index)["X-Page-Cache"] == "miss"


@pytest.mark.parametrize("query", ["?page=2&page=3", "?page=abc", "?page=1", "?page=0"])
def test_malformed_or_repeated_known_parameters_are_redirected_never_stored(client, page_cache, query):
    index = news_page().get_parent().url
    response = client.get(index + query)
    assert response.status_code == 301
    assert response["Location"] in (index, index + "?page=2")
    assert response["X-Page-Cache"] == "bypass"


def test_editors_never_see_or_fill_the_cache(client, page_cache, log_in_editor):
    path = news_page().url
    client.get(path)  # cached for readers
    editor = get_user_model().objects.create_superuser("cache-editor", "e@example.org", "a-long-password-123")
    log_in_editor(client, editor)
    response = client.get(path)
    assert response["X-Page-Cache"] == "bypass"
    assert "private" in response["Cache-Control"]
    client.logout()
    client.cookies.clear()
    assert client.get(path)["X-Page-Cache"] == "hit"


def test_any_cookie_bypasses_the_cache(client, page_cache):
    path = news_page().url
    client.get(path)
    client.cookies["csrftoken"] = "stale"
    response = client.get(path)
    assert response["X-Page-Cache"] == "bypass"
    assert "public" not in response.get("Cache-Control", "")


def test_posts_errors_admin_and_health_are_never_stored(client, page_cache):
    assert client.post(news_page().url).status_code in {200, 403, 405}
    for path, status in (("/en/no-such-page/", 404), ("/healthz", 200), ("/admin/login/", 200), ("/", 302)):
        client.get(path)
        response = client.get(path)
        assert response.status_code == status, path
        assert response["X-Page-Cache"] == "bypass", path
        assert "public" not in response.get("Cache-Control", ""), path


def test_a_response_that_used_a_csp_nonce_is_not_stored(rf, page_cache):
    from django.http import HttpResponse

    from samvydat.pagecache.middleware import PageCacheMiddleware
    from samvydat.security.middleware import ContentSecurityPolicyMiddleware

    def view(request):
        return HttpResponse(f'<script nonce="{request.csp_nonce}">1</script>')

    handler = PageCacheMiddleware(ContentSecurityPolicyMiddleware(view))
    first = handler(rf.get("/en/with-nonce/"))
    second = handler(rf.get("/en/with-nonce/"))
    assert "'nonce-" in first["Content-Security-Policy"]
    assert first["Content-Security-Policy"] != second["Content-Security-Policy"], "a nonce was reused"
    assert second["X-Page-Cache"] == "bypass" and "public" not in second.get("Cache-Control", "")


def _cached(client, path) -> bool:
    client.get(path)
    return client.get(path)["X-Page-Cache"] == "hit"


def test_publishing_makes_cached_pages_stale(client, page_cache):
    page = news_page()
    assert _cached(client, page.url) and _cached(client, "/en/")
    page.title = "A corrected headline"
    page.save_revision().publish()
    assert client.get("/en/")["X-Page-Cache"] == "miss", "the home page lists the news"
    fresh = client.get(page.url)
    assert fresh["X-Page-Cache"] == "miss"
    assert "A corrected headline" in fresh.content.decode()


def test_while_one_request_renders_a_stale_page_again_the_others_get_the_stale_copy(client, page_cache):
    """A publish during a flood: every cached page is stale at once. The first request for a URL renders it; one that
    arrives meanwhile (here: from inside the first one's render) gets the old copy without a render or a query."""
    page = news_page()
    assert _cached(client, page.url)
    old = client.get(page.url).content
    page.title = "A corrected headline"
    page.save_revision().publish()
    meanwhile = []

    def another_reader_arrives(**kwargs):
        template_rendered.disconnect(another_reader_arrives)
        with CaptureQueriesContext(connection) as queries:
            meanwhile.append((Client().get(page.url), len(queries)))

    template_rendered.connect(another_reader_arrives)
    try:
        fresh = client.get(page.url)
    finally:
        template_rendered.disconnect(another_reader_arrives)
    assert fresh["X-Page-Cache"] == "miss" and "A corrected headline" in fresh.content.decode()
    [(other, queries)] = meanwhile
    assert other["X-Page-Cache"] == "stale" and other.content == old and queries == 0
    assert other["Cache-Control"] == "public, max-age=2"  # nginx and browsers come back for the new copy soon
    assert client.get(page.url)["X-Page-Cache"] == "hit"


def test_a_render_that_is_not_stored_releases_its_claim(client, page_cache):
    page = news_page()
    assert _cached(client, page.url)
    page.unpublish()  # stale copy kept; the page is gone
    assert client.get(page.url).status_code == 404
    assert client.get(page.url).status_code == 404, "the next request renders too: no claim is left behind"


def test_unpublishing_and_deleting_make_cached_pages_stale(client, page_cache):
    page = news_page()
    assert _cached(client, page.url)
    page.unpublish()
    assert client.get(page.url).status_code == 404
    other = NewsPage.objects.live().filter(locale__language_code="en").order_by("path").first()
    assert _cached(client, "/en/")
    other.delete()
    assert client.get("/en/")["X-Page-Cache"] == "miss"


def test_a_draft_does_not_invalidate_but_a_snippet_change_does(client, page_cache):
    from samvydat.people.models import Person

    page = news_page()
    assert _cached(client, page.url)
    page.title = "Only a draft"
    page.save_revision()
    hit = client.get(page.url)
    assert hit["X-Page-Cache"] == "hit" and "Only a draft" not in hit.content.decode()
    person = Person.objects.first()
    person.save()
    assert client.get(page.url)["X-Page-Cache"] == "miss"


def test_a_lost_generation_token_cannot_revive_old_pages(client, page_cache):
    path = news_page().url
    assert _cached(client, path)
    page_cache.delete(GENERATION_KEY)
    assert client.get(path)["X-Page-Cache"] == "miss"


def test_disabled_cache_still_marks_reader_pages_public(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    response = client.get("/en/")
    assert response["X-Page-Cache"] == "bypass"
    assert response["Cache-Control"] == "public, max-age=300"


@pytest.fixture
def redis_page_cache(settings):
    import redis

    redis_url = settings.TEST_REDIS_URL  # flushed: never a database of the user's (settings/test.py)
    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        skip_or_fail(f"Redis is not answering at {redis_url}")
    caches_setting = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url, "KEY_PREFIX": "t"},
    }
    with override_settings(CACHES=caches_setting, PAGE_CACHE_ENABLED=True):
        caches["pages"].clear()
        yield caches["pages"]
        caches["pages"].clear()


def test_the_cache_works_on_redis(client, redis_page_cache):
    page = news_page()
    assert client.get(page.url)["X-Page-Cache"] == "miss"
    assert client.get(page.url)["X-Page-Cache"] == "hit"
    assert redis_page_cache.get(GENERATION_KEY)
    page.save_revision().publish()
    assert client.get(page.url)["X-Page-Cache"] == "miss"
    assert client.get(HomePage.objects.filter(locale__language_code="en").first().url)["X-Page-Cache"] == "miss"


# --- The worker's memory tier, in front of Django ---------------------------------------------------------------
@pytest.fixture
def wsgi_app(page_cache):
    """``samvydat.wsgi``'s wrapping of Django, with the test database kept open (as Django's test client does)."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from samvydat.pagecache.local import clock, pages, refusals
    from samvydat.pagecache.wsgi import PageCacheApplication

    pages.clear()
    refusals.clear()
    clock.token = None
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield PageCacheApplication(WSGIHandler())
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
    pages.clear()
    refusals.clear()


def wsgi_get(app, path, **extra):
    from django.test import RequestFactory

    environ = RequestFactory().get(path, **extra).environ
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(headers)

    result = app(environ, start_response)
    body = b"".join(result)
    if hasattr(result, "close"):
        result.close()
    return answer["status"], answer["headers"], body


def test_the_worker_answers_hits_before_django(wsgi_app, django_assert_num_queries, monkeypatch):
    path = news_page().url
    status, headers, body = wsgi_get(wsgi_app, path)
    assert status.startswith("200") and headers["X-Page-Cache"] == "miss"

    def django_must_not_run(environ, start_response):
        raise AssertionError("the request reached Django")

    monkeypatch.setattr(wsgi_app, "application", django_must_not_run)
    with django_assert_num_queries(0):
        status, hit_headers, hit_body = wsgi_get(wsgi_app, path)
    assert status.startswith("200") and hit_body == body
    assert hit_headers["X-Page-Cache"] == "hit"
    assert hit_headers["Content-Security-Policy"] == headers["Content-Security-Policy"]
    assert "Set-Cookie" not in hit_headers


def test_the_worker_tier_follows_publishing_cookies_and_queries(wsgi_app):
    page = news_page()
    wsgi_get(wsgi_app, page.url)
    assert wsgi_get(wsgi_app, page.url)[1]["X-Page-Cache"] == "hit"
    assert wsgi_get(wsgi_app, page.url, HTTP_COOKIE="sessionid=x")[1]["X-Page-Cache"] == "bypass"
    assert wsgi_get(wsgi_app, page.url + "?utm_source=x&fbclid=y")[1]["X-Page-Cache"] == "hit"  # the same page
    assert wsgi_get(wsgi_app, page.url + "?page=abc")[0].startswith("301")
    page.title = "Published just now"
    page.save_revision().publish()
    status, headers, body = wsgi_get(wsgi_app, page.url)
    assert headers["X-Page-Cache"] == "miss" and b"Published just now" in body


def test_the_worker_tier_keeps_to_its_memory_budget(settings):
    from samvydat.pagecache.local import LocalPages, clock

    settings.PAGE_CACHE_LOCAL_BYTES = 8_000
    clock.seen("g1")
    local = LocalPages()
    for number in range(20):
        local.put(f"/page/{number}", "g1", "200 OK", [], b"x" * 900)
    assert local.size <= 8_000 and local.size == sum(len(entry[3]) for entry in local.entries.values())
    assert local.get("/page/19") is not None and local.get("/page/0") is None
    local.put("/too-big", "g1", "200 OK", [], b"x" * 1_001)
    assert local.get("/too-big") is None
    clock.seen("g2")
    assert local.get("/page/19") is None, "an entry of an old generation was served"


def test_canonical_urls_declarations_and_stale_copies_work_on_redis(client, redis_page_cache):
    from django.db import OperationalError, connection

    from samvydat.pagecache.services import page_cache_invalidate

    page = news_page()
    index = page.get_parent().url
    assert client.get(page.url)["X-Page-Cache"] == "miss"
    assert client.get(page.url + "?utm_source=x")["X-Page-Cache"] == "hit"
    client.get(index)
    assert client.get(index + "?page=999999").status_code == 404

    def database_gone(execute, sql, params, many, context):
        raise OperationalError("server closed the connection unexpectedly")

    client.raise_request_exception = False
    with connection.execute_wrapper(database_gone):  # refused from the kept declaration: nothing rendered
        assert client.get(index + "?page=999999").status_code == 404, "the declaration was not kept"
    page_cache_invalidate()  # a publish: the copy is stale (and the declaration too: the page count may change)
    with connection.execute_wrapper(database_gone):
        stale = client.get(page.url)
    assert stale.status_code == 200 and stale["X-Page-Cache"] == "stale"


def test_a_flood_of_impossible_page_numbers_is_refused_before_django(wsgi_app, monkeypatch):
    """``?page=<random>`` on a listing: Django refuses the first impossible numbers cheaply; from then on the worker
    repeats that refusal itself — the same 404, byte for byte — and Django never sees the flood."""
    index = news_page().get_parent().url
    assert wsgi_get(wsgi_app, index)[1]["X-Page-Cache"] == "miss"  # the listing declares how many pages it has
    first = wsgi_get(wsgi_app, index + "?page=90001")  # rendered by the view: a real 404, the declaration is kept
    assert first[0].startswith("404")
    learnt = wsgi_get(wsgi_app, index + "?page=90002")  # refused by the middleware, and learnt by the worker
    assert learnt[0].startswith("404") and learnt[2] == b"Not found.\n"
    real = wsgi_get(wsgi_app, index + "?page=2")

    reached = []
    application = wsgi_app.application

    def counting(environ, start_response):
        reached.append(environ["QUERY_STRING"])
        return application(environ, start_response)

    monkeypatch.setattr(wsgi_app, "application", counting)
    for number in range(90_003, 90_053):
        status, headers, body = wsgi_get(wsgi_app, index + f"?page={number}")
        assert (status, headers, body) == learnt, "the worker repeats Django's own refusal"
    assert reached == []
    assert wsgi_get(wsgi_app, index + "?page=2")[2] == real[2]  # a real page is still served
    status, headers, _body = wsgi_get(wsgi_app, index + "?page=2&page=3")  # malformed: Django redirects…
    assert status.startswith("301") and headers["Location"] == index + "?page=2"
    status, headers, _body = wsgi_get(wsgi_app, index + "?page=0")  # …and then the worker does, to the right place
    assert status.startswith("301") and headers["Location"] == index
    assert "page=2&page=3" in reached and "page=0" not in reached


def test_the_worker_forgets_a_listings_length_when_something_is_published(wsgi_app):
    index = news_page().get_parent().url
    wsgi_get(wsgi_app, index)
    for number in (90001, 90002):
        wsgi_get(wsgi_app, index + f"?page={number}")
    page = news_page()
    page.title = "A new generation"
    page.save_revision().publish()  # the listing may have more pages now: its declaration is stale
    status, headers, body = wsgi_get(wsgi_app, index + "?page=90003")
    assert status.startswith("404") and body != b"Not found.\n", "rendered again by Django's view"
