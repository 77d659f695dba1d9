"""Rendered pages, feeds and stylesheets become mirror files with relative links only."""

import posixpath
import re
from urllib.parse import unquote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samvydat.mirror.paths import RENDER_ORIGIN, file_for
from samvydat.mirror.rewriting import rewrite_css, rewrite_html, rewrite_text

PAGE = f"""<html><head>
<link rel="canonical" href="{RENDER_ORIGIN}/en/news/">
<meta property="og:url" content="{RENDER_ORIGIN}/en/news/">
<meta property="og:image" content="{RENDER_ORIGIN}/media/images/a.jpg">
<link rel="stylesheet" href="/static/css/samvydat.css">
<script type="application/ld+json">{{"url": "{RENDER_ORIGIN}/en/news/x/"}}</script>
</head><body>
<a href="/be/navіny/">be</a> <a href="?page=2">older</a> <a href="#main">skip</a>
<a href="https://example.org/">elsewhere</a> <a href="mailto:a@b.c">mail</a>
<img src="/media/images/a.jpg" srcset="/media/images/a.jpg 1x, /media/images/b.jpg 2x">
<a href="/documents/3/plan.pdf">doc</a> <a href="/en/feeds/all.rss?x=1&amp;y=2">rss</a>
</body></html>"""


def _links(html):
    return re.findall(r'(?:href|src)="([^"]*)"', html)


def test_every_internal_link_becomes_relative():
    result = rewrite_html(PAGE, address="/en/news/", file="en/news/index.html")
    assert RENDER_ORIGIN not in result.text
    for link in _links(result.text):
        assert not link.startswith("/"), link
    assert 'href="../../be/nav%D1%96ny/index.html"' in result.text
    assert 'href="page/2/index.html"' in result.text
    assert 'href="#main"' in result.text and 'href="https://example.org/"' in result.text
    assert 'href="mailto:a@b.c"' in result.text
    assert 'srcset="../../media/images/a.jpg 1x, ../../media/images/b.jpg 2x"' in result.text
    assert '"url": "x/index.html"' in result.text
    assert '<link rel="canonical" href="index.html">' in result.text
    assert result.assets == {
        "/static/css/samvydat.css",
        "/media/images/a.jpg",
        "/media/images/b.jpg",
        "/documents/3/plan.pdf",
    }
    assert "/en/news/?page=2" in result.links


def test_listing_page_links_lead_back_and_forward():
    result = rewrite_html(
        '<a href="?page=1">n</a><a href="?page=4">o</a>', address="/en/news/?page=3", file="en/news/page/3/index.html"
    )
    assert _links(result.text) == ["../../index.html", "../4/index.html"]


def test_canonical_may_point_to_the_primary_site():
    result = rewrite_html(
        PAGE, address="/en/news/", file="en/news/index.html", canonical_base="https://samvydat.example/"
    )
    assert '<link rel="canonical" href="https://samvydat.example/en/news/">' in result.text
    assert '<meta property="og:url" content="https://samvydat.example/en/news/">' in result.text
    assert result.text.count("samvydat.example") == 2


def test_feeds_and_sitemaps_get_relative_addresses():
    feed = f"<rss><channel><link>{RENDER_ORIGIN}/en/</link><item><link>{RENDER_ORIGIN}/en/news/x/</link></item></channel></rss>"
    result = rewrite_text(feed, address="/en/feeds/all.rss", file="en/feeds/all.rss")
    assert "<link>../index.html</link>" in result.text and "<link>../news/x/index.html</link>" in result.text


def test_stylesheet_root_relative_urls():
    result = rewrite_css("a{background:url(/static/img/x.svg)} b{src:url('fonts/y.woff2')}", file="static/css/s.css")
    assert "url(../img/x.svg)" in result.text and "url('fonts/y.woff2')" in result.text
    assert result.assets == {"/static/img/x.svg"}


paths = st.lists(st.text(alphabet="abz-09", min_size=1, max_size=6), min_size=0, max_size=4).map(
    lambda parts: "/" + "".join(p + "/" for p in parts)
)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(paths, paths, st.integers(min_value=1, max_value=40))
def test_links_resolve_from_the_file_that_holds_them(page, target, number):
    """Whatever page links to whatever listing page, the link read from the page's file finds the right file."""
    source_file = file_for(page)
    html = f'<a href="{target}?page={number}">x</a>'
    link = _links(rewrite_html(html, address=page, file=source_file).text)[0]
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(source_file), unquote(link)))
    assert resolved == file_for(target, f"page={number}")
