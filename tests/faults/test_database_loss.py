"""The database goes away: readers get a cached page or a clean 503, never a traceback or a 500.

Mid-request loss is made with Django's own ``connection.execute_wrapper``: after N queries every further query
raises ``OperationalError``, the exception Django raises when the server closes the connection. A database that
cannot be reached at all is tested for real in a subprocess pointed at a database that does not exist.
"""

import os
import subprocess
import sys
import textwrap

import pytest
from django.db import OperationalError, connection
from django.test import Client

from samvydat.news.models import NewsPage
from tests.backup.copies import REPO_ROOT

pytestmark = pytest.mark.django_db


class ConnectionLost:
    """An execute wrapper: lets ``allowed`` queries through, then behaves like a dropped connection."""

    def __init__(self, allowed: int):
        self.allowed = allowed
        self.queries = 0

    def __call__(self, execute, sql, params, many, context):
        self.queries += 1
        if self.queries > self.allowed:
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)


def reader_urls():
    news = NewsPage.objects.live().filter(locale__language_code="en").first()
    return ["/en/", "/be/", news.url, "/en/news/?page=2", "/en/feeds/all.rss", "/sitemap.xml", "/api/v2/pages/"]


def assert_clean_unavailable(response):
    assert response.status_code == 503, response.status_code
    text = response.content.decode()
    assert 'id="unavailable"' in text  # the "Temporarily unavailable" page, in the reader's language
    assert "Traceback" not in text and "OperationalError" not in text
    assert response["Retry-After"].isdigit()
    assert "Set-Cookie" not in response and "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("allowed", [0, 1, 3, 8])
def test_losing_the_database_mid_request_gives_a_clean_503(allowed):
    client = Client(raise_request_exception=False)
    for url in reader_urls():
        with connection.execute_wrapper(ConnectionLost(allowed)):
            response = client.get(url)
        if response.status_code != 200:  # the request may have finished within its first queries
            assert_clean_unavailable(response)


def test_the_editors_see_the_same_clean_page(client, django_user_model, log_in_editor):
    log_in_editor(client, django_user_model.objects.create_superuser("db-editor", "d@example.org", "x" * 16))
    client.raise_request_exception = False
    with connection.execute_wrapper(ConnectionLost(0)):
        response = client.get("/admin/pages/")
    assert_clean_unavailable(response)


def test_cached_pages_are_still_served_without_the_database(settings):
    settings.PAGE_CACHE_ENABLED = True
    client = Client(raise_request_exception=False)
    url = NewsPage.objects.live().filter(locale__language_code="en").first().url
    first = client.get(url)
    assert first.status_code == 200
    with connection.execute_wrapper(ConnectionLost(0)):
        again = client.get(url)
    assert again.status_code == 200 and again.content == first.content


def test_the_last_good_copy_is_served_stale_when_rendering_fails_after_a_publish(settings):
    """Stale-while-revalidate in the application's cache: a publish made every cached page stale, then the
    database went away; readers get the old copy, marked ``stale`` and briefly cacheable, not a 503."""
    from django.core.cache import caches

    from samvydat.pagecache.services import page_cache_invalidate

    settings.PAGE_CACHE_ENABLED = True
    caches[settings.PAGE_CACHE_ALIAS].clear()
    client = Client(raise_request_exception=False)
    url = NewsPage.objects.live().filter(locale__language_code="en").first().url
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    page_cache_invalidate()  # what a publish does: the copy is stale from now on
    with connection.execute_wrapper(ConnectionLost(0)):
        stale = client.get(url)
        never_cached = client.get("/en/plans/")
    assert stale.status_code == 200 and stale.content == first.content
    assert stale["X-Page-Cache"] == "stale"
    assert stale["Cache-Control"] == f"public, max-age={settings.PAGE_CACHE_STALE_MAX_AGE}"
    assert_clean_unavailable(never_cached)  # nothing to fall back on: the clean 503
    assert never_cached["X-Page-Cache"] == "bypass"
    fresh = client.get(url)  # the database is back: rendered again and stored
    assert fresh["X-Page-Cache"] == "miss"
    caches[settings.PAGE_CACHE_ALIAS].clear()


UNREACHABLE = {"sqlite": "sqlite:////nonexistent-samvydat-dir/db.sqlite3", "postgresql": "postgres://x@127.0.0.1:9/x"}
PROBE = textwrap.dedent(
    """
    import django
    django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment
    setup_test_environment()
    client = Client(raise_request_exception=False)
    for url in ["/en/", "/be/news/", "/en/feeds/all.rss", "/api/v2/pages/", "/admin/login/"]:
        response = client.get(url)
        text = response.content.decode()
        print(url, response.status_code, 'id="unavailable"' in text, "Traceback" in text)
    """
)


def test_an_unreachable_database_gives_a_clean_503():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "samvydat.settings.test",
        "DATABASE_URL": UNREACHABLE[connection.vendor],
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = [line.split() for line in result.stdout.splitlines() if line.startswith("/")]
    assert len(lines) == 5, result.stdout
    for url, status, clean_page, traceback in lines:
        assert (status, clean_page, traceback) == ("503", "True", "False"), url


def test_a_cached_page_keeps_its_onion_location_without_the_database(settings):
    """A worker whose copy of the mirror settings has expired still answers cached pages, header included."""
    from django.core.cache import cache, caches

    from samvydat.mirror.models import MirrorSettings

    settings.PAGE_CACHE_ENABLED = True
    caches[settings.PAGE_CACHE_ALIAS].clear()  # no copy from an earlier test, made before the onion address was set
    onion = "http://" + "a" * 52 + "b234.onion"
    MirrorSettings.objects.create(onion_address=onion + "/")
    client = Client(raise_request_exception=False)
    url = NewsPage.objects.live().filter(locale__language_code="en").first().url
    first = client.get(url)
    assert first.status_code == 200 and first["Onion-Location"] == onion + url
    cache.clear()  # this worker's cached mirror settings expired: reading them would need the database
    with connection.execute_wrapper(ConnectionLost(0)):
        again = client.get(url)
        uncached = client.get("/en/news/?page=2")
    assert again.status_code == 200 and again.content == first.content
    assert again["X-Page-Cache"] == "hit" and again["Onion-Location"] == onion + url
    assert_clean_unavailable(uncached)  # not in the page cache: the clean 503, as before
