"""deploy/nginx/mirror.conf serving the demo mirror: content types, compression, caching, sub-path."""

import gzip
import urllib.error
import urllib.request

import pytest

from tests.mirror.nginx import nginx_serving, webroot_with

SUB_PATH = "mirror/of/samvydat"

# The demo mirror needs the test database set up (a session with no database test would skip migrations).
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def served(demo_mirror, tmp_path_factory):
    work = tmp_path_factory.mktemp("nginx")
    with nginx_serving(webroot_with(demo_mirror[0], work, SUB_PATH), work) as url:
        yield f"{url}/{SUB_PATH}/"


def get(url: str, **headers):
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.headers, response.read()


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("en/index.html", "text/html; charset=utf-8"),
        ("en/feeds/all.rss", "application/rss+xml; charset=utf-8"),
        ("be/feeds/news.atom", "application/atom+xml; charset=utf-8"),
        ("ru/feeds/all.json", "application/feed+json; charset=utf-8"),
        ("sitemap.xml", "text/xml; charset=utf-8"),
        ("static/css/samvydat.css", "text/css; charset=utf-8"),
        ("pagefind/pagefind.js", "application/javascript; charset=utf-8"),
    ],
)
def test_content_types(served, path, content_type):
    status, headers, _body = get(served + path)
    assert status == 200 and headers["Content-Type"] == content_type
    assert headers["X-Content-Type-Options"] == "nosniff" and "Set-Cookie" not in headers


def test_pagefind_index_files_are_binary_and_cached_for_good(served, demo_mirror):
    from samvydat.mirror.storage import live_root

    root = live_root(demo_mirror[0])
    index = next((root / "pagefind").glob("index/*.pf_index")).relative_to(root)
    wasm = next((root / "pagefind").glob("wasm.*.pagefind")).relative_to(root)
    for path in (index, wasm):
        status, headers, _body = get(served + str(path), **{"Accept-Encoding": "gzip"})
        assert headers["Content-Type"] == "application/octet-stream"
        assert "immutable" in headers["Cache-Control"] and "Content-Encoding" not in headers  # already compressed


def test_pages_are_compressed_and_briefly_cached(served):
    status, headers, body = get(served + "en/news/index.html", **{"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip" and headers["Cache-Control"] == "public, max-age=300"
    assert b"</html>" in gzip.decompress(body)
    status, headers, _body = get(served + "static/css/samvydat.css")
    assert headers["Cache-Control"] == "public, max-age=86400"


def test_directory_addresses_and_missing_files(served):
    status, _headers, body = get(served + "en/")
    assert status == 200 and b'lang="en"' in body
    with pytest.raises(urllib.error.HTTPError) as error:
        get(served + "en/no-such-page/index.html")
    assert error.value.code == 404


def test_documents_are_attachments_of_a_type_no_browser_runs(served, demo_mirror):
    from samvydat.mirror.storage import live_root

    root = live_root(demo_mirror[0])
    document = next((root / "documents").rglob("*.*")).relative_to(root)
    status, headers, _body = get(served + str(document))
    assert status == 200 and headers["Content-Type"] == "application/octet-stream"
    assert headers["Content-Disposition"] == "attachment" and headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in headers["Content-Security-Policy"] and "max-age=86400" in headers["Cache-Control"]
