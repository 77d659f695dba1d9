"""The full export of the demo site: complete, relative everywhere, searchable, atomic."""

import re
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from samvydat.mirror import selectors
from samvydat.mirror.paths import RENDER_ORIGIN, file_for
from samvydat.mirror.storage import live_root
from samvydat.people.models import Person
from samvydat.weekly.models import Topic

pytestmark = pytest.mark.django_db
LINK = re.compile(r"""\s(?:href|src)=["']([^"']*)["']""")
TEXT_SUFFIXES = (".html", ".rss", ".atom", ".json", ".xml", ".txt")


def mirror_files(root: Path, suffixes=TEXT_SUFFIXES):
    return [p for p in root.rglob("*") if p.is_file() and p.suffix in suffixes and "pagefind" not in p.parts]


def test_out_is_a_symlink_to_a_complete_copy(demo_mirror):
    out, report = demo_mirror
    root = live_root(out)
    assert out.is_symlink() and root is not None and root.parent == out.parent
    assert not report.errors
    assert (root / "index.html").is_file() and (root / "pagefind" / "pagefind.js").is_file()
    assert (root / "static" / "css" / "samvydat.css").is_file()


def test_every_published_page_and_route_is_there(demo_mirror):
    root = live_root(demo_mirror[0])
    expected = [url for _pk, url in selectors.page_urls()] + list(selectors.route_urls())
    expected += list(selectors.all_feed_urls()) + ["/sitemap.xml", "/robots.txt"]
    missing = [url for url in expected if not (root / file_for(*url.partition("?")[::2])).is_file()]
    assert not missing, missing[:10]
    # Spot checks of the routes found from the model, not from links.
    topic = Topic.objects.filter(locale__language_code="be").first()
    person = Person.objects.filter(locale__language_code="ru").first()
    assert list(root.glob(f"be/*/topics/{topic.slug}/index.html"))
    assert list(root.glob(f"ru/*/{person.slug}/index.html"))
    assert (root / "en" / "reach-us" / "index.html").is_file() and (root / "be" / "search" / "index.html").is_file()


def test_no_absolute_address_of_the_site_anywhere(demo_mirror):
    root = live_root(demo_mirror[0])
    offenders = []
    for path in mirror_files(root):
        text = path.read_text(encoding="utf-8")
        if RENDER_ORIGIN in text or "testserver" in text or "127.0.0.1" in text or "localhost" in text:
            offenders.append(str(path.relative_to(root)))
        if path.suffix == ".html":
            offenders += [f"{path.relative_to(root)}: {link}" for link in LINK.findall(text) if link.startswith("/")]
    assert not offenders, offenders[:10]


def test_every_link_of_every_page_resolves(demo_mirror):
    """A crawl of all rendered links: the completeness check of what was found from the page tree."""
    root = live_root(demo_mirror[0])
    broken = set()
    for path in mirror_files(root, (".html",)):
        for link in LINK.findall(path.read_text(encoding="utf-8")):
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = (path.parent / unquote(parts.path)).resolve()
            if not target.is_file() or root.resolve() not in target.parents:
                broken.add(f"{path.relative_to(root)} → {link}")
    assert not broken, sorted(broken)[:20]


def test_listings_are_paginated_into_files(demo_mirror):
    root = live_root(demo_mirror[0])
    for index in selectors.section_indexes():
        count = index.listing_queryset().count()
        pages = list(root.glob(file_for(index.url).replace("index.html", "page/*/index.html")))
        assert len(pages) == max(0, -(-count // 12) - 1), index.url


def test_feeds_and_sitemap_are_relative(demo_mirror):
    root = live_root(demo_mirror[0])
    rss = (root / "en" / "feeds" / "all.rss").read_text()
    links = re.findall(r"<link>([^<]+)</link>", rss)
    assert links and all(not link.startswith(("/", "http")) for link in links)
    for link in links[1:]:
        assert (root / "en" / "feeds" / link).resolve().is_file(), link
    sitemap = (root / "sitemap.xml").read_text()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locations and all((root / unquote(loc)).is_file() for loc in locations)


def test_search_keys_and_name_variants_are_indexed(demo_mirror):
    root = live_root(demo_mirror[0])
    pages = [p for p in root.glob("en/**/index.html") if "Tsikhanouskaya" in p.read_text()]
    assert pages
    text = pages[0].read_text()
    assert "data-pagefind-body" in text and 'class="mirror-name-keys"' in text
    assert "zktihanavsk" in text  # analysis.name_key("Tsikhanouskaya"), the key "Тихановская" has too
    rules = (root / "static" / "mirror" / "namekey-rules.js").read_text()
    assert rules.startswith("window.SAMVYDAT_NAME_KEY_RULES = {")
    assert list((root / "pagefind").glob("pagefind-entry.json"))


def test_every_page_links_to_how_to_reach_us(demo_mirror):
    root = live_root(demo_mirror[0])
    for path in list(root.glob("*/news/*/index.html"))[:10] + [root / "ru" / "index.html"]:
        assert "reach-us/index.html" in path.read_text(), path


def test_the_archive_holds_the_same_copy(demo_mirror):
    out, report = demo_mirror
    with zipfile.ZipFile(report.archive) as archive:
        names = archive.namelist()
    assert "site/index.html" in names and "site/en/index.html" in names
    assert len([n for n in names if n.endswith(".html")]) == len(mirror_files(live_root(out), (".html",)))


def test_out_must_be_a_mirror(tmp_path):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "keep.txt").write_text("mine")
    with pytest.raises(CommandError, match="not a mirror"):
        call_command("export_mirror", str(tmp_path / "taken"), "--no-search")
    assert (tmp_path / "taken" / "keep.txt").read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]
