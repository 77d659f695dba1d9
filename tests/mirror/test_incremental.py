"""Publishing or unpublishing a page re-renders only what it touches, through the task, into the live copy."""

import html

import pytest
from wagtail.models import PageViewRestriction

from samvydat.mirror import selectors, services
from samvydat.mirror.paths import file_for
from samvydat.mirror.storage import live_root
from samvydat.news.models import NewsPage
from samvydat.weekly.models import CommentaryPage
from tests.mirror.files import changed_files, files_of, links_to, snapshot

pytestmark = pytest.mark.django_db


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
    assert not links_to(root, page_file)
    assert f"/{news.slug}/" not in (root / "en" / "feeds" / "all.rss").read_text()


def test_a_listing_that_got_shorter_loses_its_last_page(mirror_copy, django_capture_on_commit_callbacks):
    root = live_root(mirror_copy)
    news = NewsPage.objects.live().filter(locale__language_code="en").order_by("-date").first()
    index = news.get_parent().specific
    count = index.listing_queryset().count()
    assert count % 12 == 1, "the demo needs one item on the last page of the news for this test"
    last_page = root / file_for(index.url, f"page={count // 12 + 1}")
    assert last_page.is_file()

    with django_capture_on_commit_callbacks(execute=True):
        news.unpublish()

    assert not last_page.exists() and not last_page.parent.exists()
    assert not links_to(root, last_page)
    assert (root / file_for(index.url, f"page={count // 12}")).is_file()


def test_updates_need_a_live_mirror(tmp_path):
    with pytest.raises(services.MirrorError, match="export_mirror"):
        services.mirror_update(out=tmp_path / "none", addresses=["/en/"])


def test_restricting_a_page_takes_it_and_its_title_out_of_the_mirror(mirror_copy, django_capture_on_commit_callbacks):
    root = live_root(mirror_copy)
    news = NewsPage.objects.live().filter(locale__language_code="en").order_by("-date").first()
    page_file, home_file = root / file_for(news.url), root / file_for("/en/")
    title = html.escape(news.title)
    assert page_file.is_file() and title in home_file.read_text() and f"/{news.slug}/" in home_file.read_text()

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=news, restriction_type=PageViewRestriction.LOGIN)

    assert not page_file.exists()
    for name in ("/en/", news.get_parent().url, "/en/feeds/news.rss", "/en/feeds/all.json", "/sitemap.xml"):
        text = (root / file_for(name)).read_text()
        assert title not in text and f"/{news.slug}/" not in text, name
