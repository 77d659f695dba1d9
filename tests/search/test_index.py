"""The index follows the pages: publishing, unpublishing, privacy, deleting, spelling variants, rebuilding."""

import pytest
from django.core.management import call_command
from wagtail.models import Page, PageViewRestriction

from samvydat.news.models import NewsPage
from samvydat.people.models import Person
from samvydat.search import services
from samvydat.search.engines import engine
from samvydat.search.models import SearchDocument
from samvydat.search.selectors import search
from samvydat.weekly.models import CommentaryPage

pytestmark = pytest.mark.django_db


def found(query, language="en", **options):
    return {document.page_id for document in search(query=query, language=language, **options).documents}


def test_every_page_below_the_root_is_indexed_once():
    pages = Page.objects.filter(depth__gt=1).count()
    assert SearchDocument.objects.count() == pages
    assert SearchDocument.objects.filter(public=True).count() == Page.objects.live().filter(depth__gt=1).count()


def test_publishing_a_change_updates_the_index(django_capture_on_commit_callbacks):
    page = NewsPage.objects.filter(locale__language_code="en").first()
    assert page.pk not in found("Zmitrokovich")
    page.title = "A visit by Zmitrokovich"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert page.pk in found("Zmitrokovich")
    assert page.pk in found("Змітраковіч")  # another script, another spelling


def test_unpublishing_hides_the_page_from_readers_but_not_from_editors(django_capture_on_commit_callbacks):
    page = NewsPage.objects.filter(locale__language_code="en", title__icontains="sanctions").first()
    word = page.title.split()[-1]
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert page.pk not in found(page.title)
    assert page.pk in found(page.title, public_only=False)
    assert SearchDocument.objects.get(page_id=page.pk).public is False
    assert word


def test_a_page_behind_a_password_is_not_public(django_capture_on_commit_callbacks):
    page = NewsPage.objects.filter(locale__language_code="en").first()
    with django_capture_on_commit_callbacks(execute=True):  # the restriction itself queues the re-indexing
        PageViewRestriction.objects.create(page=page, restriction_type="password", password="secret")
        page.save_revision().publish()
    assert SearchDocument.objects.get(page_id=page.pk).public is False
    assert page.pk not in found(page.title)


def test_deleting_a_page_removes_it_from_both_tables(django_capture_on_commit_callbacks):
    page = NewsPage.objects.filter(locale__language_code="en").first()
    title = page.title
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert not SearchDocument.objects.filter(page_id=page.pk).exists()
    assert page.pk not in found(title, public_only=False)
    engine().delete([page.pk])  # idempotent


def test_a_commentary_reindexes_its_issue(django_capture_on_commit_callbacks):
    commentary = CommentaryPage.objects.filter(locale__language_code="en").first()
    issue = commentary.get_parent()
    commentary.title = "Quarrymen of Mikashevichy"
    with django_capture_on_commit_callbacks(execute=True):
        commentary.save_revision().publish()
    assert {commentary.pk, issue.pk} <= found("Mikashevichy")


def test_new_spelling_variants_of_a_person_reach_the_pages(django_capture_on_commit_callbacks):
    person = Person.objects.get(slug="lukashenka", locale__language_code="en")
    assert not found("Lukaschenkow")
    person.aliases += "\nLukaschenkow"
    with django_capture_on_commit_callbacks(execute=True):
        person.save()
    total = search(query="Lukashenka", language="en").total
    assert total and search(query="Lukaschenkow", language="en").total == total


def test_rebuild_gives_the_same_index():
    before = {(d.page_id, d.title, d.public, d.url) for d in SearchDocument.objects.all()}
    results = [d.page_id for d in search(query="Лукашэнка", language="be").documents]
    call_command("search_index", "rebuild", verbosity=0)
    assert {(d.page_id, d.title, d.public, d.url) for d in SearchDocument.objects.all()} == before
    assert [d.page_id for d in search(query="Лукашэнка", language="be").documents] == results


def test_index_pages_drops_ids_that_no_longer_exist():
    assert services.index_pages(page_ids=[10**9]) == 0
    assert not SearchDocument.objects.filter(page_id=10**9).exists()


def test_weekly_issues_are_titled_with_their_week():
    titles = list(SearchDocument.objects.filter(kind="issue", language="be").values_list("title", flat=True))
    assert titles and all(":" in title and "20" in title for title in titles)


def test_the_sqlite_table_of_six_columns_is_converted_in_place():
    """Migration 0003: the older table (six columns, detail=column) becomes the current one with the same rows,
    each with its page's language, and searches (which now filter on that column) find the same pages."""
    from django.db import connection

    from samvydat.search.engines import FTS_TABLE, SQLITE

    if connection.vendor != "sqlite":
        pytest.skip("the conversion is SQLite's only")
    before = {lang: [d.page_id for d in search(query="Lukashenka", language=lang).documents] for lang in ("en", "be")}
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE old_rows AS SELECT rowid AS id, {SQLITE.OLD_COLUMNS} FROM {FTS_TABLE}")
        cursor.execute(f"DROP TABLE {FTS_TABLE}")
        cursor.execute(
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({SQLITE.OLD_COLUMNS}, "
            "tokenize = 'unicode61 remove_diacritics 0', detail = column)"
        )
        cursor.execute(f"INSERT INTO {FTS_TABLE} (rowid, {SQLITE.OLD_COLUMNS}) SELECT * FROM old_rows")
        rows = cursor.execute(f"SELECT count(*) FROM {FTS_TABLE}").fetchone()[0]
        SQLITE.recreate_keeping_rows(cursor)
        assert cursor.execute(f"SELECT count(*) FROM {FTS_TABLE}").fetchone()[0] == rows
        definition = cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [FTS_TABLE]).fetchone()[0]
    assert "detail = full" in definition and "language" in definition
    after = {lang: [d.page_id for d in search(query="Lukashenka", language=lang).documents] for lang in ("en", "be")}
    assert after == before and all(before.values())
    assert {d.language for d in SearchDocument.objects.filter(page_id__in=after["be"])} == {"be"}
