"""The full-text part of the index, per database engine: an FTS5 table on SQLite, a ``tsvector`` on PostgreSQL.

Both store the same analysed fields (``documents.IndexedText``) under the page id and answer the same query: every
query term must match as an exact word, a stem or a name key (``analysis.Term``). What differs is only syntax:

=================  =========================================  ===========================================
                   SQLite (FTS5, ``bm25``)                    PostgreSQL (``tsvector`` + GIN, ``ts_rank``)
=================  =========================================  ===========================================
title+people words column ``title_words``, weight 10          lexemes weighted A (1.0)
body words         column ``body_words``, weight 2            lexemes weighted B (0.4)
stems              ``title_stems`` 5, ``body_stems`` 1        lexemes weighted C (0.2)
title name keys    ``title_keys``, weight 2                   lexemes weighted C (0.2)
body name keys     ``name_keys``, weight 0.5                  lexemes weighted D (0.05)
=================  =========================================  ===========================================

Every term is a run of ``[a-z0-9]`` or Cyrillic letters (``analysis.tokenize``), so quoting it cannot be escaped
from; it is quoted anyway.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import connection

from .analysis import Term

FTS_TABLE = "samvydat_search_fts"
DOCUMENT_TABLE = "samvydat_search_searchdocument"

SQLITE_WEIGHTS = (10.0, 5.0, 2.0, 2.0, 1.0, 0.5, 0.0)  # title words, stems, keys; body words, stems, keys; language
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")
POSTGRES_WEIGHTS = "{0.05, 0.2, 0.4, 1.0}"  # D, C, B, A (ts_rank's order)


@dataclass(frozen=True, slots=True)
class IndexedText:
    """The analysed fields of one page: space-separated terms from ``analysis.analyse``."""

    title_words: str
    title_stems: str
    title_keys: str
    body_words: str
    body_stems: str
    name_keys: str  # the body's, with the spellings of everyone the page mentions
    language: str = ""  # the page's language code (SQLite: a column the match can filter on)


@dataclass(frozen=True, slots=True)
class TermGroup:
    """One query word and its alternatives: any of them may match (name-variant expansions add keys)."""

    term: Term
    extra_keys: tuple[str, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(k for k in (self.term.name_key, *self.extra_keys) if k))


class Engine:
    vendor = ""

    def create(self, cursor) -> None:
        raise NotImplementedError

    def drop(self, cursor) -> None:
        cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")

    #: The INSERT of one row (page id first) and the values it takes from an ``IndexedText``.
    insert_sql = ""

    def insert_values(self, page_id: int, text: IndexedText) -> tuple:
        raise NotImplementedError

    def write(self, rows: Sequence[tuple[int, IndexedText]]) -> None:
        """Replace the rows of these pages."""
        if not rows:
            return
        self.delete(page_id for page_id, _ in rows)
        with connection.cursor() as cursor:
            cursor.executemany(self.insert_sql, [self.insert_values(page_id, text) for page_id, text in rows])

    def delete(self, page_ids: Iterable[int]) -> None:
        ids = list(page_ids)
        with connection.cursor() as cursor:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                cursor.execute(
                    f"DELETE FROM {FTS_TABLE} WHERE {self.id_column} IN ({', '.join(['%s'] * len(chunk))})", chunk
                )

    def clear(self) -> None:
        """Empty the table by making it again, so that a rebuild also brings in a change of its columns."""
        with connection.cursor() as cursor:
            self.drop(cursor)
            self.create(cursor)

    def match(
        self, groups: Sequence[TermGroup], *, prefix_last: bool = False, language: str = "", any_group: bool = False
    ) -> Match:
        """SQL pieces selecting the documents that match every group (``any_group``: at least one), and their score
        (higher is better). ``language``: only documents in that language are wanted (the caller filters on it
        too)."""
        raise NotImplementedError

    #: How a term is written as an exact word, a stem and a name key ({term}; {star}: the prefix mark, if any).
    word_syntax = stem_syntax = key_syntax = ""
    any_of = all_of = ""

    def expression(self, groups: Sequence[TermGroup], *, prefix_last: bool = False, any_group: bool = False) -> str:
        """The engine's match expression: every group (``any_group``: any), each as any of its word, stem and name
        keys."""
        parts = []
        for position, group in enumerate(groups):
            star = "*" if prefix_last and position == len(groups) - 1 else ""
            term = group.term
            alternatives = [self.word_syntax.format(term=term.word, star=star)]
            if term.stem:  # even when it is the word itself: "sanction" must meet the stem of "sanctions"
                alternatives.append(self.stem_syntax.format(term=term.stem, star=star))
            alternatives += [self.key_syntax.format(term=key) for key in group.keys]
            parts.append("(" + self.any_of.join(alternatives) + ")")
        return (self.any_of if any_group else self.all_of).join(parts)

    def optimise(self) -> None:
        """Tidy the full-text structures after a large rebuild."""


@dataclass(frozen=True, slots=True)
class Match:
    """``FROM {join}`` joins the full-text table to the documents ``d``; ``where`` takes ``params`` and ``score``
    ``score_params``."""

    join: str
    where: str
    score: str
    params: tuple
    score_params: tuple = ()


class SQLiteEngine(Engine):
    vendor = "sqlite"
    id_column = "rowid"

    OLD_COLUMNS = "title_words, title_stems, title_keys, body_words, body_stems, name_keys"
    COLUMNS = OLD_COLUMNS + ", language"

    def create(self, cursor, *, table: str = FTS_TABLE) -> None:
        # detail=full (positions kept): bm25() then reads term counts from the index; with detail=column it has to
        # tokenize every matching row again, which made ranking 1,000+ matches cost ~0.4 ms each. The language
        # column lets the match itself keep one language, so that only those rows are ranked and joined.
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5({self.COLUMNS}, "
            "tokenize = 'unicode61 remove_diacritics 0', detail = full)"
        )

    def recreate_keeping_rows(self, cursor) -> None:
        """Migration 0003: re-create the table of six columns (``detail=column``) with the current definition,
        copying its rows and taking each page's language from the documents."""
        fresh = f"{FTS_TABLE}_new"
        cursor.execute(f"DROP TABLE IF EXISTS {fresh}")
        self.create(cursor, table=fresh)
        old = ", ".join(f"f.{column.strip()}" for column in self.OLD_COLUMNS.split(","))
        cursor.execute(
            f"INSERT INTO {fresh} (rowid, {self.COLUMNS}) SELECT f.rowid, {old}, d.language "
            f"FROM {FTS_TABLE} f JOIN {DOCUMENT_TABLE} d ON d.page_id = f.rowid"
        )
        cursor.execute(f"DROP TABLE {FTS_TABLE}")
        cursor.execute(f"ALTER TABLE {fresh} RENAME TO {FTS_TABLE}")
        cursor.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('optimize')")

    insert_sql = f"INSERT INTO {FTS_TABLE} (rowid, {COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"

    def insert_values(self, page_id, text):
        t = text
        return (
            page_id,
            t.title_words,
            t.title_stems,
            t.title_keys,
            t.body_words,
            t.body_stems,
            t.name_keys,
            t.language,
        )

    word_syntax = '{{title_words body_words}} : "{term}"{star}'
    stem_syntax = '{{title_stems body_stems}} : "{term}"{star}'
    key_syntax = '{{title_keys name_keys}} : "{term}"'
    any_of, all_of = " OR ", " AND "

    def match(self, groups, *, prefix_last=False, language="", any_group=False):
        weights = ", ".join(str(w) for w in SQLITE_WEIGHTS)
        expression = self.expression(groups, prefix_last=prefix_last, any_group=any_group)
        if language and _LANGUAGE_CODE.match(language):
            expression = f'({expression}) AND language : "{language}"'
        return Match(
            # CROSS JOIN: SQLite must run the full-text match first, never probe it once per document
            join=f"{FTS_TABLE} CROSS JOIN {DOCUMENT_TABLE} d ON d.page_id = {FTS_TABLE}.rowid",
            where=f"{FTS_TABLE} MATCH %s",
            score=f"-bm25({FTS_TABLE}, {weights})",
            params=(expression,),
        )

    def optimise(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('optimize')")


class PostgresEngine(Engine):
    vendor = "postgresql"
    id_column = "page_id"

    #: ANALYZE the full-text and document tables after this many rows written by incremental updates, so that the
    #: planner's statistics follow the index without waiting for autovacuum.
    ANALYZE_EVERY = 500

    def __init__(self) -> None:
        self._written_since_analyze = 0

    def create(self, cursor, *, index: bool = True) -> None:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {FTS_TABLE} ("
            f"page_id integer PRIMARY KEY CONSTRAINT {FTS_TABLE}_page_id_fkey REFERENCES {DOCUMENT_TABLE} (page_id) ON DELETE CASCADE "
            "DEFERRABLE INITIALLY DEFERRED, "
            "vector tsvector NOT NULL)"
        )
        if index:
            self.create_index(cursor)

    def create_index(self, cursor) -> None:
        # fastupdate = off: every insert goes into the GIN tree itself. With the default (on) new rows wait in a
        # pending list that each query scans row by row until VACUUM (autovacuum, if it ever runs) merges it.
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {FTS_TABLE}_vector ON {FTS_TABLE} USING gin (vector) WITH (fastupdate = off)"
        )

    def clear(self) -> None:
        """Empty the table without its index: a rebuild writes the rows first and ``optimise`` then builds the
        index in one pass (much faster than growing it row by row)."""
        with connection.cursor() as cursor:
            self.drop(cursor)
            self.create(cursor, index=False)

    def write(self, rows):
        super().write(rows)
        self._written_since_analyze += len(rows)
        if self._written_since_analyze >= self.ANALYZE_EVERY:
            self.analyze()

    def analyze(self) -> None:
        # ANALYZE (unlike VACUUM) may run inside a transaction, so this is safe from any caller
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {FTS_TABLE}")
            cursor.execute(f"ANALYZE {DOCUMENT_TABLE}")
        self._written_since_analyze = 0

    def optimise(self) -> None:
        """After a rebuild or a bulk load: the index exists (built now if the rebuild left the table without it),
        any pending list left by an index made with fastupdate on is merged, and the statistics are fresh."""
        with connection.cursor() as cursor:
            # the page_id key is checked at commit; CREATE INDEX refuses a table with checks pending (inside an
            # outer transaction), so they are made now
            cursor.execute(f"SET CONSTRAINTS {FTS_TABLE}_page_id_fkey IMMEDIATE")
            cursor.execute(f"SET CONSTRAINTS {FTS_TABLE}_page_id_fkey DEFERRED")
            self.create_index(cursor)
            cursor.execute(f"ALTER INDEX {FTS_TABLE}_vector SET (fastupdate = off)")
            cursor.execute(f"SELECT gin_clean_pending_list('{FTS_TABLE}_vector'::regclass)")
        self.analyze()

    insert_sql = (
        f"INSERT INTO {FTS_TABLE} (page_id, vector) VALUES (%s, "
        "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B') || "
        "setweight(to_tsvector('simple', %s), 'C') || setweight(to_tsvector('simple', %s), 'D'))"
    )

    def insert_values(self, page_id, text):
        t = text
        return (page_id, t.title_words, t.body_words, f"{t.title_stems} {t.title_keys} {t.body_stems}", t.name_keys)

    word_syntax = "'{term}':{star}AB"
    stem_syntax = "'{term}':{star}C"
    key_syntax = "'{term}':CD"
    any_of, all_of = " | ", " & "

    def match(self, groups, *, prefix_last=False, language="", any_group=False):
        query = self.expression(
            groups, prefix_last=prefix_last, any_group=any_group
        )  # the language: d.language, by the caller
        return Match(
            join=f"{FTS_TABLE} f JOIN {DOCUMENT_TABLE} d ON d.page_id = f.page_id",
            where="f.vector @@ %s::tsquery",
            score=f"ts_rank('{POSTGRES_WEIGHTS}', f.vector, %s::tsquery)",
            params=(query,),
            score_params=(query,),
        )


def engine() -> Engine:
    return POSTGRES if connection.vendor == "postgresql" else SQLITE


SQLITE = SQLiteEngine()
POSTGRES = PostgresEngine()
