"""Site addresses → mirror files, and relative links between them (pure functions)."""

import posixpath
from urllib.parse import unquote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samvydat.mirror.paths import RENDER_ORIGIN, file_for, page_number, relative_link, resolve


@pytest.mark.parametrize(
    ("path", "query", "expected"),
    [
        ("/", "", "index.html"),
        ("/en/", "", "en/index.html"),
        ("/en/news/", "", "en/news/index.html"),
        ("/en/news/", "page=1", "en/news/index.html"),
        ("/en/news/", "page=3", "en/news/page/3/index.html"),
        ("/en/news/", "page=x", "en/news/index.html"),
        ("/en/news/", "page=-2", "en/news/index.html"),
        ("/en/trends/", "period=1y&topic=economy", "en/trends/index.html"),
        ("/en/pdf/42/", "", "en/pdf/42.pdf"),
        ("/en/feeds/all.rss", "", "en/feeds/all.rss"),
        ("/sitemap.xml", "", "sitemap.xml"),
        ("/media/images/a%20b.jpg", "", "media/images/a b.jpg"),
        ("/en/../../etc/passwd", "", "etc/passwd"),
    ],
)
def test_file_for(path, query, expected):
    assert file_for(path, query) == expected


def test_page_number_is_bounded():
    assert page_number("page=9999999999") == 1
    assert page_number("page=12") == 12


@pytest.mark.parametrize(
    ("base", "url", "expected"),
    [
        ("/en/news/", "?page=2", "/en/news/?page=2"),
        ("/en/news/?page=3", "?page=2", "/en/news/?page=2"),
        ("/en/news/x/", "../y/", "/en/news/y/"),
        ("/en/news/", RENDER_ORIGIN + "/be/", "/be/"),
        ("/en/news/", "/static/a.css", "/static/a.css"),
    ],
)
def test_resolve(base, url, expected):
    assert resolve(base, url) == expected


segment = st.text(alphabet="abcxyzАБВ іў-_.1", min_size=1, max_size=8).filter(lambda s: s.strip(".") and "/" not in s)
mirror_file = st.lists(segment, min_size=1, max_size=5).map(lambda parts: "/".join(parts))


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(mirror_file, mirror_file)
def test_relative_link_leads_to_the_target(source, target):
    link = relative_link(source, target, fragment="x")
    assert not link.startswith("/") and "://" not in link
    path, _, fragment = link.partition("#")
    assert fragment == "x"
    assert posixpath.normpath(posixpath.join(posixpath.dirname(source), unquote(path))) == posixpath.normpath(target)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(segment, max_size=4), st.integers(min_value=1, max_value=500))
def test_every_listing_page_has_its_own_file(parts, number):
    path = "/" + "".join(part + "/" for part in parts)
    files = {file_for(path, f"page={n}") for n in range(1, number + 1)}
    assert len(files) == number
    assert all(f.endswith("index.html") and not f.startswith("/") for f in files)
