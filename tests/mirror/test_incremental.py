"""Publishing or unpublishing a page re-renders only what it touches, through the task, into the live copy."""

import hashlib
import html
import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest

from samvydat.mirror import selectors, services
from samvydat.mirror.paths import file_for
from samvydat.mirror.storage import live_root
from samvydat.news.models import NewsPage
from samvydat.weekly.models import CommentaryPage

pytestmark = pytest.mark.django_db
LINK = re.compile(r"""\s(?:href|src)=["']([^"'#][^"']*)["']""")


@pytest.fixture
def mirror_copy(demo_mirror, tmp_path, settings) -> Path:
    """A private copy of the demo mirror, kept up to date on publish (MIRROR_ROOT), search rebuild off."""
    out = tmp_path / "site"
    build = tmp_path / ".site-copy-1"
    shutil.copytree(live_root(demo_mirror[0]), build, symlinks=True)
    out.symlink_to(build.name)
    settings.MIRROR_ROOT = str(out)
    settings.MIRROR_SEARCH_ON_UPDATE = False
    return out


def snapshot(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file() and "pagefind" not in p.parts
    }


def changed_files(before: dict, after: dict) -> set[str]:
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def files_of(addresses) -> set[str]:
    return {file_for(*address.partition("?")[::2]) for address in addresses}


def test_an_edit_changes_only_the_files_it_touches(mirror_copy, django_capture_on_commit_callbacks):
    root = live_root(mirror_copy)
    commentary = CommentaryPage.objects.live().filter(locale__language_code="en", topic__isnull=False).first()
    allowed = files_of(selectors.touched_by(commentary, live=True).near)
    before = snapshot(root)

    commentary.title = "An edited commentary title"
    with django_capture_on_commit_callbacks(execute=True):
        commentary.save_revision().publish()

    changed = changed_files(before, snapshot(root))
    page_file = file_for(commentary.url)
    issue_file = file_for(commentary.get_parent().url)
    assert {page_file, issue_file} <= changed
    assert "An edited commentary title" in (root / page_file).read_text()
    assert "An edited commentary title" in (root / issue_file).read_text()
    assert changed <= allowed, changed - allowed
    assert not any(name.startswith(("be/", "ru/")) for name in changed)  # its translations did not change
    assert len(changed) < len(before) / 10


def test_a_new_date_rerenders_the_listing_pages(mirror_copy, django_capture_on_commit_callbacks):
    root = live_root(mirror_copy)
    news = NewsPage.objects.live().filter(locale__language_code="en").order_by("date").first()
    index = news.get_parent().specific
    assert index.listing_queryset().count() > 12, "the demo needs two pages of news for this test"
    first_page = root / file_for(index.url)
    title = html.escape(news.title)
    assert title not in first_page.read_text()

    news.date = news.date.replace(year=news.date.year + 30)  # now the newest item
    with django_capture_on_commit_callbacks(execute=True):
        news.save_revision().publish()

    assert title in first_page.read_text()
    older = sorted(first_page.parent.glob("page/*/index.html"))
    assert older and all(title not in page.read_text() for page in older)


def test_unpublishing_removes_the_page_and_every_link_to_it(mirror_copy, django_capture_on_commit_callbacks):
    root = live_root(mirror_copy)
    news = NewsPage.objects.live().filter(locale__language_code="en").order_by("-date").first()
    page_file = root / file_for(news.url)
    assert page_file.is_file()

    with django_capture_on_commit_callbacks(execute=True):
        news.unpublish()

    assert not page_file.exists()
    linking = [
        f"{path.relative_to(root)} → {link}"
        for path in root.rglob("*.html")
        for link in LINK.findall(path.read_text())
        if (path.parent / unquote(link.partition("#")[0])).resolve() == page_file.resolve()
    ]
    assert not linking
    assert f"/{news.slug}/" not in (root / "en" / "feeds" / "all.rss").read_text()


def test_updates_need_a_live_mirror(tmp_path):
    with pytest.raises(services.MirrorError, match="export_mirror"):
        services.mirror_update(out=tmp_path / "none", addresses=["/en/"])
