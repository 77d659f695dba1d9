"""Under-attack mode: an editor's switch makes live search answer from the mirror's static Pagefind index; a
flood of searches then reaches neither the search engine nor the database."""

import pytest

from samvydat.search import attack_mode, selectors, suggestions
from samvydat.search.models import SearchSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def mirror_copy(settings, tmp_path):
    """A live mirror copy as export_mirror leaves it: a symlink to a folder with ``pagefind/`` and the rules."""
    live = tmp_path / "copy-1"
    (live / "pagefind").mkdir(parents=True)
    (live / "pagefind" / "pagefind.js").write_text("export async function search() { return {results: []}; }\n")
    (live / "static" / "mirror").mkdir(parents=True)
    (live / "static" / "mirror" / "namekey-rules.js").write_text("window.SAMVYDAT_NAME_KEY_RULES = {};\n")
    (tmp_path / "mirror").symlink_to(live)
    settings.MIRROR_ROOT = str(tmp_path / "mirror")
    return live


def switch(on: bool, capture) -> None:
    setting = SearchSettings.load()
    setting.under_attack = on
    with capture(execute=True):
        setting.save()


@pytest.fixture
def searches_run(monkeypatch):
    calls = []
    original = selectors.search

    def counted(*args, **kwargs):
        calls.append(kwargs)
        return original(*args, **kwargs)

    monkeypatch.setattr(selectors, "search", counted)
    monkeypatch.setattr(suggestions, "search", counted)
    return calls


@pytest.fixture(autouse=True)
def _clean():
    from django.core.cache import caches

    caches["pages"].delete(attack_mode.FLAG_KEY)
    attack_mode._pages.clear()
    yield
    caches["pages"].delete(attack_mode.FLAG_KEY)
    attack_mode._pages.clear()


def test_search_in_under_attack_mode_never_reaches_the_database(
    client, mirror_copy, django_capture_on_commit_callbacks, django_assert_num_queries, searches_run
):
    switch(True, django_capture_on_commit_callbacks)
    for language in ("en", "be", "ru"):
        first = client.get(f"/{language}/search/", {"q": "warm-up"})
        assert first.status_code == 200
    html = first.content.decode()
    assert 'class="mirror-search"' in html and 'id="search-light-noscript"' in html
    assert "/pagefind-namekey-rules.js" in html and "mirror/search.js" in html
    assert "'wasm-unsafe-eval'" in first["Content-Security-Policy"]
    assert {"private", "no-store"} <= {part.strip() for part in first["Cache-Control"].split(",")}

    with django_assert_num_queries(0):
        for number in range(30):
            language = ("en", "be", "ru")[number % 3]
            response = client.get(f"/{language}/search/", {"q": f"flood {number}", "page": str(number)})
            assert response.status_code == 200 and b"mirror-search" in response.content
            assert client.get(f"/{language}/search/suggest/", {"q": f"fl{number}"}).json()["suggestions"] == []
    assert searches_run == [], "a search ran while under attack"
    assert "flood" not in response.content.decode(), "the page must not depend on (or echo) the query"


def test_the_bundle_is_served_from_the_live_mirror_copy(client, mirror_copy):
    response = client.get("/pagefind/pagefind.js")
    assert response.status_code == 200 and b"export async function search" in b"".join(response.streaming_content)
    assert "'wasm-unsafe-eval'" in response["Content-Security-Policy"]  # Pagefind's worker compiles WebAssembly
    rules = client.get("/pagefind-namekey-rules.js")
    assert rules.status_code == 200 and b"SAMVYDAT_NAME_KEY_RULES" in b"".join(rules.streaming_content)
    assert client.get("/pagefind/../../etc/passwd").status_code == 404


def test_no_mirror_copy_gives_a_404_for_the_bundle_and_a_note_on_the_page(
    client, settings, django_capture_on_commit_callbacks
):
    settings.MIRROR_ROOT = ""
    assert client.get("/pagefind/pagefind.js").status_code == 404
    switch(True, django_capture_on_commit_callbacks)
    assert b"not available on this server yet" in client.get("/en/search/", {"q": "x"}).content


def test_leaving_the_mode_brings_live_search_back(
    client, mirror_copy, django_capture_on_commit_callbacks, searches_run
):
    switch(True, django_capture_on_commit_callbacks)
    assert b"mirror-search" in client.get("/en/search/", {"q": "Minsk"}).content
    switch(False, django_capture_on_commit_callbacks)
    response = client.get("/en/search/", {"q": "Minsk"})
    assert b"mirror-search" not in response.content and len(searches_run) == 1


def test_slow_searches_switch_the_mode_on_automatically_for_a_while(client, settings, monkeypatch, searches_run):
    """A fake clock makes every search take 0.5 s; after SAMPLES of them the worker switches to the static search
    for everyone, in the shared cache only (the editors' setting stays off)."""
    settings.SEARCH_AUTO_ATTACK_MS = 200
    settings.SEARCH_AUTO_ATTACK_SAMPLES = 5
    ticks = iter(range(0, 10_000))
    monkeypatch.setattr(attack_mode, "_clock", lambda: next(ticks) * 0.5)
    attack_mode.latency.samples.clear()
    for number in range(4):
        assert b"mirror-search" not in client.get("/en/search/", {"q": f"slow {number}"}).content
    assert b"mirror-search" not in client.get("/en/search/", {"q": "slow 4"}).content  # the fifth trips it
    assert len(searches_run) == 5
    assert b"mirror-search" in client.get("/en/search/", {"q": "slow 5"}).content
    assert len(searches_run) == 5, "a search ran after the automatic switch"
    assert SearchSettings.load().under_attack is False


def test_fast_searches_never_switch_it(client, settings, monkeypatch):
    settings.SEARCH_AUTO_ATTACK_MS = 200
    settings.SEARCH_AUTO_ATTACK_SAMPLES = 5
    ticks = iter(range(0, 10_000))
    monkeypatch.setattr(attack_mode, "_clock", lambda: next(ticks) * 0.01)
    attack_mode.latency.samples.clear()
    for number in range(12):
        assert b"mirror-search" not in client.get("/en/search/", {"q": f"fast {number}"}).content
