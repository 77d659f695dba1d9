"""PostgreSQL answers a selective search through the GIN index, never by testing every row of the FTS table.

Issue 18: after a rebuild nothing refreshed the statistics nor merged the GIN index's pending list, and every
query read the whole table (a Seq Scan, twice: facets and ranking). The plans read here are those of the very
statements the search page sends."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samvydat.search.engines import FTS_TABLE, IndexedText, engine
from samvydat.search.models import SearchDocument
from samvydat.search.selectors import search
from samvydat.search.services import index_rebuild

pytestmark = pytest.mark.django_db

SELECTIVE = "Lukashenka"  # a few dozen of the demo's English pages, not most of them


FIRST_FILLER, FILLER = 10**8, 3_000


def add_documents_without_the_word(count: int) -> None:
    """The demo is too small for an index to pay (PostgreSQL rightly reads a few pages whole): grow the table
    as incremental updates would, with documents that do not contain the word. Their pages do not exist (the keys
    are checked at commit) and they are removed before the test ends."""
    filler = IndexedText(
        title_words="week report",
        title_stems="week report",
        title_keys="",
        body_words="the week in review economy prices elections",
        body_stems="week review economi price election",
        name_keys="",
        language="en",
    )
    for start in range(0, count, 250):
        ids = range(FIRST_FILLER + start, FIRST_FILLER + min(start + 250, count))
        SearchDocument.objects.bulk_create(
            SearchDocument(page_id=i, language="en", kind="news", public=True, title="Week report") for i in ids
        )
        engine().write([(i, filler) for i in ids])


def remove_the_added_documents() -> None:
    ids = range(FIRST_FILLER, FIRST_FILLER + FILLER)
    engine().delete(ids)
    SearchDocument.objects.filter(page_id__in=ids).delete()


def plans_of_the_search(query: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        results = search(query=query, language="en")
    assert results.total > 0
    statements = [q["sql"] for q in captured.captured_queries if FTS_TABLE in q["sql"]]
    assert statements, "the search did not read the full-text table"
    plans = []
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(f"EXPLAIN {sql}")
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
    return plans


def test_a_selective_query_reads_the_fts_table_through_its_gin_index_after_a_rebuild():
    if connection.vendor != "postgresql":
        pytest.skip("the GIN index and its plans are PostgreSQL's; on SQLite the FTS5 table is its own index")
    index_rebuild()
    try:
        add_documents_without_the_word(FILLER)
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s", [FTS_TABLE])
            definitions = " ".join(row[0] for row in cursor.fetchall())
        plans = plans_of_the_search(SELECTIVE)
    finally:  # the test case checks the keys before its rollback
        remove_the_added_documents()
    assert "gin" in definitions and "fastupdate=off" in definitions
    for plan in plans:
        assert not re.search(rf"Seq Scan on {FTS_TABLE}\b", plan), plan
        assert f"Bitmap Index Scan on {FTS_TABLE}_vector" in plan, plan
