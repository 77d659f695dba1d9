"""The static mirror in a real browser: served by a real nginx under a sub-path, and opened from disk.

The mirror is exported from the demo content (the test database), then served by Debian's nginx with
deploy/nginx/mirror.conf on a free loopback port, under ``/some/sub-path/``.
"""

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from samvydat.search.analysis import fold_spelling, name_key, tokenize
from tests.browser.conftest import Recorder
from tests.mirror.nginx import nginx_serving, webroot_with

pytestmark = [pytest.mark.browser, pytest.mark.django_db]
SUB_PATH = "some/sub-path"
SAMPLE = [
    "en/index.html",
    "en/news/index.html",
    "en/news/page/2/index.html",
    "be/weekly/index.html",
    "ru/index.html",
    "en/reach-us/index.html",
]


@pytest.fixture(scope="session")
def _database_beside_playwright():
    """Playwright's sync API keeps an event loop running in the test thread, which Django takes for async code and
    refuses database access (the demo import of ``django_db_setup``, the export). Requested before them."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="module")
def mirror_out(_database_beside_playwright, django_db_setup, django_db_blocker, tmp_path_factory) -> Path:
    """The demo site's mirror (OUT, the symlink to the live copy), exported from the test database.

    In-process rather than from the browser site's server database: nothing here needs a running Django server,
    and tests/mirror/test_atomic.py runs ``manage.py export_mirror`` as a real subprocess already.
    """
    from samvydat.mirror.services import mirror_export

    out = tmp_path_factory.mktemp("browser-mirror") / "site"
    with django_db_blocker.unblock():
        report = mirror_export(out=out)
    assert not report.errors, report.errors
    return out


@pytest.fixture(scope="module")
def mirror_url(mirror_out, tmp_path_factory) -> str:
    work = tmp_path_factory.mktemp("nginx")
    with nginx_serving(webroot_with(mirror_out, work, SUB_PATH), work) as url:
        yield f"{url}/{SUB_PATH}/"


@pytest.fixture
def reader(browser):
    """A fresh browser context and page with a Recorder; yields a function (base URL) → (page, recorder)."""
    contexts = []

    def open_at(base: str):
        context = browser.new_context()
        contexts.append(context)
        page = context.new_page()
        recorder = Recorder(site_url=base)
        recorder.attach(context, page)
        return page, recorder, context

    yield open_at
    for context in contexts:
        context.close()


def _internal_links(page, base: str) -> set[str]:
    hrefs = page.eval_on_selector_all("a[href], link[href]", "els => els.map(e => e.href)")
    return {href.split("#")[0] for href in hrefs if href.startswith(base)}


def test_pages_render_and_every_link_resolves_under_a_sub_path(mirror_url, reader):
    page, recorder, context = reader(mirror_url)
    checked: set[str] = set()
    for path in SAMPLE:
        response = page.goto(mirror_url + path)
        assert response.status == 200, path
        assert page.locator("main h1").first.is_visible(), path
        footer_links = page.eval_on_selector_all("footer a[href]", "els => els.map(e => e.href)")
        assert any(link.endswith("/reach-us/index.html") for link in footer_links), path
        for link in _internal_links(page, mirror_url) - checked:
            checked.add(link)
            assert context.request.get(link).status == 200, f"{path} → {link}"
    stylesheet_loaded = page.evaluate("getComputedStyle(document.querySelector('.site-header')).display")
    assert stylesheet_loaded == "block" or stylesheet_loaded == "flex" or stylesheet_loaded == "grid"
    assert len(checked) > 50
    recorder.assert_clean(context)


def test_content_types_and_caching_from_nginx(mirror_url, reader):
    page, recorder, context = reader(mirror_url)
    rss = context.request.get(mirror_url + "en/feeds/all.rss")
    assert rss.headers["content-type"].startswith("application/rss+xml")
    assert (
        context.request.get(mirror_url + "en/feeds/all.atom").headers["content-type"].startswith("application/atom+xml")
    )
    assert (
        context.request.get(mirror_url + "en/feeds/all.json")
        .headers["content-type"]
        .startswith("application/feed+json")
    )
    html = context.request.get(mirror_url + "en/index.html", headers={"Accept-Encoding": "gzip"})
    assert "max-age=300" in html.headers["cache-control"]


def test_language_switcher(mirror_url, reader):
    page, recorder, context = reader(mirror_url)
    page.goto(mirror_url + "en/news/index.html")
    page.locator(".language-switcher a[hreflang=be]").click()
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.lang") == "be"
    assert f"/{SUB_PATH}/be/" in page.url and page.url.endswith("index.html")
    recorder.assert_clean(context)


@pytest.mark.parametrize(
    ("language", "query", "spelling"),
    [
        ("en", "Lukashenko", "Lukashenka"),
        ("en", "Тихановская", "Tsikhanouskaya"),
        ("ru", "Tsikhanouskaya", "Тихановск"),
        # The other orthography or spelling (analysis.fold_spelling; namekey.js folds the query the same way).
        ("be", "Эўропа", "Еўроп"),
        ("be", "парлямэнт", "парламент"),
        ("en", "defense", "defence"),
    ],
)
def test_search_finds_a_name_in_another_spelling(mirror_url, reader, language, query, spelling):
    page, recorder, context = reader(mirror_url)
    page.goto(f"{mirror_url}{language}/search/index.html?q={query}")
    results = page.locator(".mirror-search__results li a")
    results.first.wait_for(timeout=30_000)
    first = results.first.get_attribute("href")
    assert urlsplit(first).path.startswith(f"/{SUB_PATH}/{language}/")
    found = [context.request.get(results.nth(i).get_attribute("href")).text() for i in range(min(results.count(), 5))]
    assert any(spelling in text for text in found)
    recorder.assert_clean(context)


def test_the_browser_computes_the_same_name_keys_as_python(mirror_url, reader):
    page, recorder, context = reader(mirror_url)
    page.goto(mirror_url + "en/search/index.html")
    words = [
        "Lukashenka",
        "Лукашэнкам",
        "Лукашенко's",
        "Tsikhanouskaya",
        "Ціханоўская",
        "Тихановская",
        "Cichanoŭskaja",
        "Łukašenka",
        "Bialiatski",
        "Беляцкий",
        "Kalesnikava",
        "Ёлка",
        "ўлада",
        "Borrell",
        "Alexievich",
        "Hrodna",
        "сям'я",
        "Mahilyow",
        "Uladzimir",
        "Vladimir",
        "Kolesnikova",
        "Pavel",
        "ab",
        "2021",
    ]
    in_browser = page.evaluate("words => words.map(w => window.samvydatNameKeys(w))", words)
    in_python = [[key for key in name_key(word).split() if key] for word in words]
    assert in_browser == in_python
    recorder.assert_clean(context)


def test_the_mirror_works_from_disk(mirror_out, reader):
    root = mirror_out.resolve()
    base = root.as_uri() + "/"
    page, recorder, context = reader("file:///")
    page.goto(base + "index.html")
    page.locator("a[hreflang=en]").click()
    page.wait_for_load_state()
    assert page.url == base + "en/index.html"
    page.locator(".main-nav a").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/index.html") and page.locator("main h1").first.is_visible()
    page.locator(".language-switcher a[hreflang=ru]").click()
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.lang") == "ru" and page.url.startswith(base + "ru/")
    page.goto(base + "en/news/index.html")
    # The page's own policy holds from disk (no server to send one) and lets the mirror's own files work.
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    display = page.evaluate("getComputedStyle(document.querySelector('.site-header')).display")
    assert display in ("block", "flex", "grid")
    blocked = page.evaluate(
        """() => new Promise(resolve => {
            document.addEventListener("securitypolicyviolation", e => resolve(e.violatedDirective), {once: true});
            const planted = document.createElement("script");
            planted.textContent = "window.__planted = true";
            document.body.append(planted);
            setTimeout(() => resolve(window.__planted ? "ran" : "silent"), 2000);
        })"""
    )
    assert blocked.startswith("script-src")
    recorder.console_errors.clear()  # the violation just provoked
    for href in sorted(_internal_links(page, base))[:40]:
        path = Path(unquote(urlsplit(href).path))
        assert path.is_file(), href
    page.goto(base + "en/search/index.html?q=Lukashenko")
    assert "HTTP" in page.locator(".mirror-search__status").inner_text()  # says why search needs a server
    assert not recorder.foreign_requests and not recorder.page_errors and not recorder.console_errors
    assert all(urlsplit(url).scheme in ("file", "data", "about") for url in recorder.requests)
    assert os.path.islink(mirror_out)


def test_the_browser_folds_spellings_as_python_does(mirror_url, reader):
    page, recorder, context = reader(mirror_url)
    page.goto(mirror_url + "be/search/index.html")
    words = ["сьнег", "Эўропа", "парлямэнт", "ґанак", "зьезд", "сыстэма", "клюб", "Лукашэнка", "снег", "полька"]
    for language in ("be", "ru"):
        in_browser = page.evaluate(
            "([words, language]) => words.map(w => window.samvydatFoldSpelling(w, language))", [words, language]
        )
        in_python = [" ".join(fold_spelling(t, language=language) for t in tokenize(word)) for word in words]
        assert in_browser == in_python, language
    recorder.assert_clean(context)
