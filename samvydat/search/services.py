"""Keeping the search index in step with the pages. Called by tasks (``tasks.py``) and ``manage.py search_index``."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from django.db import connection, connections, transaction
from wagtail.models import Page

from . import documents
from .engines import engine
from .models import SearchDocument, SearchDocumentPerson

BATCH_SIZE = 500


def index_pages(*, page_ids: Iterable[int]) -> int:
    """(Re)index these pages; ids of pages that no longer exist are removed. Returns how many were indexed."""
    ids = sorted(set(page_ids))
    written = 0
    context = documents.Context()
    for start in range(0, len(ids), BATCH_SIZE):
        chunk = ids[start : start + BATCH_SIZE]
        entries = documents.entries(chunk, context)
        _write(entries)
        missing = set(chunk) - {entry.page_id for entry in entries}
        if missing:
            remove_pages(page_ids=missing)
        written += len(entries)
    return written


def remove_pages(*, page_ids: Iterable[int]) -> None:
    ids = list(page_ids)
    with transaction.atomic():
        engine().delete(ids)
        SearchDocument.objects.filter(page_id__in=ids).delete()


def index_rebuild(
    *,
    progress: Callable[[int, int], None] | None = None,
    batch_size: int = BATCH_SIZE,
    workers: int | None = None,
) -> int:
    """Index every page from scratch (after a bulk load, or when the analysis changed). Returns the page count.

    Large rebuilds analyse in ``workers`` processes (default: one per core when there are more than
    ``PARALLEL_FROM`` pages and the database is a file or a server) while this process writes.
    """
    ids = list(Page.objects.filter(depth__gt=1).order_by("pk").values_list("pk", flat=True))
    with transaction.atomic():
        engine().clear()
        SearchDocument.objects.all().delete()
    documents.forget_aliases()
    chunks = [ids[start : start + batch_size] for start in range(0, len(ids), batch_size)]
    if workers is None:
        workers = (os.cpu_count() or 1) if len(ids) > PARALLEL_FROM and not _in_memory_database() else 1
    done = 0
    try:
        for entries in _analysed(chunks, workers=workers):
            _write(entries, fresh=True)
            done += len(entries)
            if progress:
                progress(done, len(ids))
    finally:
        engine().optimise()  # PostgreSQL: (re)builds the index the cleared table lacks, even after a failure
    return len(ids)


PARALLEL_FROM = 5_000


def _in_memory_database() -> bool:
    name = str(connection.settings_dict.get("NAME") or "")
    return connection.vendor == "sqlite" and (name == ":memory:" or "mode=memory" in name or not name)


def _analysed(chunks: list[list[int]], *, workers: int) -> Iterator[list[documents.Entry]]:
    """The entries of each chunk of page ids, analysed here or in forked worker processes."""
    if workers <= 1 or len(chunks) < 2:
        context = documents.Context()
        for chunk in chunks:
            yield documents.entries(chunk, context)
        return
    connections.close_all()  # each process opens its own connection
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        yield from pool.map(_entries_in_worker, chunks)


_worker_context: documents.Context | None = None


def _entries_in_worker(chunk: list[int]) -> list[documents.Entry]:
    global _worker_context
    if _worker_context is None:
        _worker_context = documents.Context()
    return documents.entries(chunk, _worker_context)


def _write(entries: list[documents.Entry], *, fresh: bool = False) -> None:
    if not entries:
        return
    ids = [entry.page_id for entry in entries]
    rows = [
        SearchDocument(
            page_id=e.page_id,
            language=e.language,
            kind=e.kind,
            public=e.public,
            title=e.title,
            url=e.url,
            date=e.date,
            year=e.date.year if e.date else None,
            topic=e.topic,
            topic_name=e.topic_name,
            trend=e.trend,
            summary=e.summary,
            text=e.text,
        )
        for e in entries
    ]
    people = [
        SearchDocumentPerson(document_id=e.page_id, slug=slug, name=name) for e in entries for slug, name in e.people
    ]
    with transaction.atomic():
        if not fresh:
            SearchDocument.objects.filter(page_id__in=ids).delete()
        SearchDocument.objects.bulk_create(rows)
        SearchDocumentPerson.objects.bulk_create(people)
        engine().write([(e.page_id, e.indexed) for e in entries])
