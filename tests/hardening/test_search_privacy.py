"""Search is cheap to hit and still private: answers are ``private, no-store``; a repeated search or suggestion is
answered from the worker's memory under an HMAC key; after a burst of searches for a canary term, no file cache,
temporary file or log line holds it."""

import logging
import tempfile
from pathlib import Path

import pytest

from samvydat.search import selectors, suggestions
from samvydat.search.memo import memo

pytestmark = pytest.mark.django_db
CANARIES = ("канарэйказ", "zqcanaryxq")


@pytest.fixture
def search_memo(settings):
    settings.SEARCH_CACHE_SECONDS = 60
    memo.clear()
    yield memo
    memo.clear()


@pytest.fixture
def searches_run(monkeypatch):
    calls = []
    original = selectors.search

    def counted(*args, **kwargs):
        calls.append(kwargs.get("prefix", False))
        return original(*args, **kwargs)

    monkeypatch.setattr(selectors, "search", counted)
    monkeypatch.setattr(suggestions, "search", counted)
    return calls


def test_search_and_suggestions_are_private_and_never_stored(client, page_cache, search_memo):
    for url in ("/en/search/?q=minsk", "/en/search/suggest/?q=mins", "/be/search/?q=%D0%BC%D1%96%D0%BD%D1%81%D0%BA"):
        response = client.get(url)
        assert response.status_code == 200, url
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= cache_control and "public" not in cache_control, url
        assert response["X-Page-Cache"] == "bypass", url


def test_a_repeated_search_is_answered_from_memory(client, search_memo, searches_run):
    client.get("/en/search/", {"q": "Minsk"})
    assert len(searches_run) == 1
    client.get("/en/search/", {"q": "  minsk "})  # the same query, normalised
    assert len(searches_run) == 1, "a repeated search reached the database"
    client.get("/be/search/", {"q": "Minsk"})  # another language is another search
    client.get("/en/search/", {"q": "Minsk", "page": "2"})  # and another page
    assert len(searches_run) == 3
    client.get("/en/search/suggest/", {"q": "Mins"})
    client.get("/en/search/suggest/", {"q": "mins"})
    assert searches_run.count(True) == 1, "a repeated suggestion reached the database"


def test_memory_keys_are_hmacs_not_queries(client, search_memo):
    client.get("/en/search/", {"q": CANARIES[1]})
    assert search_memo.entries
    assert not any(CANARIES[1] in key for key in search_memo.entries)


def test_the_memory_cache_is_bounded_and_expires(settings, search_memo):
    settings.SEARCH_CACHE_ENTRIES = 3
    for number in range(10):
        search_memo.remembered(f"k{number}", lambda number=number: number)
    assert list(search_memo.entries) == ["k7", "k8", "k9"]
    settings.SEARCH_CACHE_SECONDS = 0
    assert search_memo.remembered("k9", lambda: "fresh") == "fresh"


def _files_holding(folder: Path, needles: list[bytes]) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found += [f"{path}: {needle!r}" for needle in needles if needle in data]
    return found


def test_a_burst_of_searches_leaves_no_query_on_disk_or_in_logs(client, settings, tmp_path, monkeypatch, caplog):
    settings.SEARCH_CACHE_SECONDS = 60
    memo.clear()
    settings.PAGE_CACHE_ENABLED = True
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": tmp_path / "default"},
        "pages": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": tmp_path / "pages"},
        "limits": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": tmp_path / "limits"},
    }
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="samvydat.requests")

    client.get("/en/")  # the page cache has files to look at
    for number in range(30):
        for language in ("en", "be", "ru"):
            word = CANARIES[number % 2]
            client.get(f"/{language}/search/", {"q": f"{word} {number % 3}", "page": str(1 + number % 2)})
            client.get(f"/{language}/search/suggest/", {"q": word[: 3 + number % 5]})

    needles = [canary.encode() for canary in CANARIES] + [canary[:5].encode() for canary in CANARIES]
    needles += [canary.encode("utf-8").hex().encode() for canary in CANARIES]
    assert list((tmp_path / "pages").iterdir()), "the file cache was not used at all: the test would prove nothing"
    assert _files_holding(tmp_path, needles) == []
    assert not any(canary[:5] in caplog.text for canary in CANARIES), "a search term reached a log"
    memo.clear()
