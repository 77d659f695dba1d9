"""Searching the index: results, facets and counts for the search page, the suggestions and the admin.

One request runs two statements: the page of ranked results, and every facet count plus the total in one
``WITH … MATERIALIZED`` statement (the full-text match runs once for all the counts). Each facet is counted with
every *other* filter applied, so a reader sees how many results choosing a value would give.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection

from . import documents
from .analysis import analyse_query, expand_with_aliases
from .engines import DOCUMENT_TABLE, TermGroup, engine
from .models import Kind, SearchDocument

PERSON_TABLE = "samvydat_search_searchdocumentperson"
PER_PAGE = 10
MAX_PAGE = 1000  # deeper pages are refused (shown as the last page): nobody reads them, crawlers would
FACETS = ("kind", "topic", "year", "person")
SORTS = ("relevance", "date")


@dataclass(frozen=True)
class Filters:
    kind: str = ""
    topic: str = ""
    year: int | None = None
    person: str = ""

    def active(self) -> dict[str, object]:
        return {name: value for name in FACETS if (value := getattr(self, name))}


@dataclass
class FacetValue:
    value: str
    count: int
    label: str = ""


@dataclass
class Results:
    query: str
    language: str
    all_languages: bool
    filters: Filters
    sort: str
    total: int
    page: int
    num_pages: int
    documents: list[SearchDocument]
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    groups: tuple[TermGroup, ...] = ()

    @property
    def has_terms(self) -> bool:
        return bool(self.groups)


def term_groups(query: str, *, language: str) -> tuple[TermGroup, ...]:
    """The query's terms, each with the name keys its stored spelling variants add.

    Only keys of one-word spellings are added (surnames, places, acronyms): a query for *Lukashenko* should find
    *Лукашэнка*, not every page that mentions some *Aleksandr*.
    """
    alias_groups = documents.aliases()
    single = _one_word_keys(alias_groups)
    analysis = analyse_query(query, language=language)
    return tuple(
        TermGroup(
            term=term,
            extra_keys=tuple(k for k in expand_with_aliases([term.word], alias_groups) if k in single),
        )
        for term in analysis.terms
    )


_one_word_cache: dict[int, frozenset[str]] = {}


def _one_word_keys(alias_groups) -> frozenset[str]:
    """The keys of the stored spellings that are one word long."""
    found = _one_word_cache.get(id(alias_groups))
    if found is None:
        found = frozenset(
            next(iter(keyset))
            for entries in alias_groups.triggers.values()
            for keyset, _group in entries
            if len(keyset) == 1
        )
        _one_word_cache.clear()
        _one_word_cache[id(alias_groups)] = found
    return found


def search(
    *,
    query: str,
    language: str,
    all_languages: bool = False,
    filters: Filters = Filters(),
    sort: str = "relevance",
    page: int = 1,
    per_page: int = PER_PAGE,
    public_only: bool = True,
    with_facets: bool = True,
    prefix: bool = False,
) -> Results:
    groups = term_groups(query, language=language)
    sort = sort if sort in SORTS else "relevance"
    if not groups:
        sort = "date"
    base_sql, base_params, score_sql, score_params = _base(groups, language, all_languages, public_only, prefix)
    filter_sql, filter_params = _filters(filters, alias="d", exclude=None)

    facets: dict[str, list[FacetValue]] = {}
    if with_facets:
        total, facets = _counts(base_sql, base_params, filters)
    else:
        total = _count(base_sql + filter_sql, base_params + filter_params)
    num_pages = max(1, min(MAX_PAGE, -(-total // per_page)))
    page = min(max(1, page), num_pages)

    order = (
        "score DESC, d.date DESC NULLS LAST, d.page_id DESC"
        if sort == "relevance"
        else "d.date DESC NULLS LAST, d.page_id DESC"
    )
    sql = (
        f"SELECT d.page_id, {score_sql if groups else '0'} AS score {base_sql}{filter_sql} "
        f"ORDER BY {order} LIMIT %s OFFSET %s"
    )
    params = (score_params if groups else ()) + base_params + filter_params + (per_page, (page - 1) * per_page)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        ranked = cursor.fetchall()
    by_id = SearchDocument.objects.in_bulk([page_id for page_id, _ in ranked])
    found = [by_id[page_id] for page_id, _ in ranked if page_id in by_id]
    return Results(
        query=query,
        language=language,
        all_languages=all_languages,
        filters=filters,
        sort=sort,
        total=total,
        page=page,
        num_pages=num_pages,
        documents=found,
        facets=facets,
        groups=groups,
    )


_SHOWN_HERE = (
    "SELECT s.page_id FROM translations_showninlanguage s "
    "JOIN wagtailcore_locale l ON l.id = s.locale_id WHERE l.language_code = %s"
)


def _originals_shown(language: str) -> bool:
    from samvydat.translations.models import ShownInLanguage

    return ShownInLanguage.objects.filter(locale__language_code=language).exists()


def ranked_page_ids(
    *, query: str, language: str, all_languages: bool = False, any_word: bool = False, limit: int = PER_PAGE
) -> list[int]:
    """The ids of the ``limit`` public pages that match ``query`` best, best first (the content API's search).

    The same analysis and index as ``search``; ``any_word``: a page needs only one of the query's words. A query
    without any searchable word matches nothing.
    """
    groups = term_groups(query, language=language)
    if not groups:
        return []
    base_sql, base_params, score_sql, score_params = _base(groups, language, all_languages, True, False, any_word)
    sql = f"SELECT d.page_id {base_sql} ORDER BY {score_sql} DESC, d.page_id DESC LIMIT %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, base_params + score_params + (limit,))
        return [page_id for (page_id,) in cursor.fetchall()]


def _base(groups, language, all_languages, public_only, prefix, any_group=False):
    """``FROM … WHERE …`` selecting the matching documents ``d`` before facet filters."""
    conditions, params = [], []
    if groups:
        # The FTS5 engine narrows to the language inside the match: not when originals are shown here too.
        narrow = not all_languages and not _originals_shown(language)
        match = engine().match(groups, prefix_last=prefix, language=language if narrow else "", any_group=any_group)
        source = match.join
        conditions.append(match.where)
        params += match.params
        score_sql, score_params = match.score, match.score_params
    else:
        source = f"{DOCUMENT_TABLE} d"
        score_sql, score_params = "0", ()
    if public_only:
        conditions.append("d.public = %s")
        params.append(True)
    if not all_languages:
        # Its own pages, and originals an editor shows here labelled with their language (translations.labelled).
        conditions.append(f"(d.language = %s OR d.page_id IN ({_SHOWN_HERE}))")
        params += [language, language]
    where = f" WHERE {' AND '.join(conditions)}" if conditions else " WHERE 1 = 1"
    return f"FROM {source}{where}", tuple(params), score_sql, score_params


def _filters(filters: Filters, *, alias: str, exclude: str | None) -> tuple[str, tuple]:
    sql, params = [], []
    for name, value in filters.active().items():
        if name == exclude:
            continue
        if name == "person":
            sql.append(f" AND {alias}.page_id IN (SELECT document_id FROM {PERSON_TABLE} WHERE slug = %s)")
        else:
            sql.append(f" AND {alias}.{name} = %s")
        params.append(value)
    return "".join(sql), tuple(params)


def _count(sql_from: str, params: tuple) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) {sql_from}", params)
        return cursor.fetchone()[0]


def _counts(base_sql: str, base_params: tuple, filters: Filters) -> tuple[int, dict[str, list[FacetValue]]]:
    parts, params = [], list(base_params)
    for name in ("kind", "topic", "year"):
        where, these = _filters(filters, alias="m", exclude=name)
        column = "CAST(m.year AS TEXT)" if name == "year" else f"m.{name}"
        parts.append(
            f"SELECT '{name}' AS facet, {column} AS value, COUNT(*) AS n FROM m WHERE m.{name} IS NOT NULL"
            f"{where} GROUP BY m.{name}"
        )
        params += these
    where, these = _filters(filters, alias="m", exclude="person")
    parts.append(
        f"SELECT 'person' AS facet, p.slug AS value, COUNT(*) AS n FROM m JOIN {PERSON_TABLE} p "
        f"ON p.document_id = m.page_id WHERE 1 = 1{where} GROUP BY p.slug"
    )
    params += these
    where, these = _filters(filters, alias="m", exclude=None)
    parts.append(f"SELECT 'total' AS facet, '' AS value, COUNT(*) AS n FROM m WHERE 1 = 1{where}")
    params += these
    sql = f"WITH m AS MATERIALIZED (SELECT d.page_id, d.kind, d.topic, d.year {base_sql}) " + " UNION ALL ".join(parts)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    total = 0
    facets: dict[str, list[FacetValue]] = {name: [] for name in FACETS}
    for facet, value, count in rows:
        if facet == "total":
            total = count
        elif value not in ("", None):
            facets[facet].append(FacetValue(value=str(value), count=count))
    facets["kind"].sort(key=lambda f: list(Kind.values).index(f.value) if f.value in Kind.values else 99)
    facets["year"].sort(key=lambda f: f.value, reverse=True)
    facets["topic"].sort(key=lambda f: (-f.count, f.value))
    facets["person"].sort(key=lambda f: (-f.count, f.value))
    return total, facets
