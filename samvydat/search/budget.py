"""A time budget for one search: the database abandons the query when it runs out, so a costly search cannot hold a
worker for minutes.

``search_time_budget()`` wraps the statements of one search (the search page, its suggestions and the content API
use it alike). The budget is ``settings.SEARCH_TIME_BUDGET_SECONDS``.

- SQLite: a progress handler, called every ``_SQLITE_STEPS`` virtual-machine steps, interrupts the statement once the
  deadline has passed (``sqlite3`` raises ``OperationalError("interrupted")``); the handler is removed afterwards.
- PostgreSQL: ``SET LOCAL statement_timeout`` inside a transaction of its own (the server cancels the statement).
- Both: no statement starts once the deadline has passed (``connection.execute_wrapper``).

Either way, an ``OperationalError`` raised after the deadline becomes ``SearchTimeout``, which callers answer with a
clear "try a more specific search" (never the "database lost" 503 of ``resilience``). An ``OperationalError`` raised
before the deadline is a real database fault and passes through unchanged.
"""

from __future__ import annotations

import contextlib
import math
import time
from collections.abc import Iterator

from django.conf import settings
from django.db import OperationalError, connection, transaction

DEFAULT_SECONDS = 3.0
RETRY_AFTER_SECONDS = 10  # what the answer to a cut search suggests
_SQLITE_STEPS = 1_000


class SearchTimeout(Exception):
    """The search ran out of its time budget and was abandoned."""

    def __init__(self, seconds: float):
        super().__init__(f"search abandoned after its time budget of {seconds:g} s")
        self.seconds = seconds


def budget_seconds() -> float:
    return float(getattr(settings, "SEARCH_TIME_BUDGET_SECONDS", DEFAULT_SECONDS))


@contextlib.contextmanager
def search_time_budget(seconds: float | None = None) -> Iterator[None]:
    """Run the block's database statements within ``seconds`` (default: the setting); ``SearchTimeout`` if not."""
    seconds = budget_seconds() if seconds is None else seconds
    deadline = time.monotonic() + seconds

    def no_statement_after_the_deadline(execute, sql, params, many, context):
        if time.monotonic() >= deadline:
            raise SearchTimeout(seconds)
        return execute(sql, params, many, context)

    try:
        if connection.vendor == "sqlite":
            with _sqlite_deadline(deadline), connection.execute_wrapper(no_statement_after_the_deadline):
                yield
        elif connection.vendor == "postgresql":
            with transaction.atomic():
                with connection.cursor() as cursor:
                    milliseconds = max(1, math.ceil(seconds * 1000))
                    cursor.execute("SELECT set_config('statement_timeout', %s, true)", [f"{milliseconds}ms"])
                with connection.execute_wrapper(no_statement_after_the_deadline):
                    yield
        else:
            with connection.execute_wrapper(no_statement_after_the_deadline):
                yield
    except OperationalError as exc:
        if time.monotonic() >= deadline:
            raise SearchTimeout(seconds) from exc
        raise


@contextlib.contextmanager
def _sqlite_deadline(deadline: float) -> Iterator[None]:
    connection.ensure_connection()
    raw = connection.connection

    def past_deadline() -> int:
        return 1 if time.monotonic() >= deadline else 0

    raw.set_progress_handler(past_deadline, _SQLITE_STEPS)
    try:
        yield
    finally:
        raw.set_progress_handler(None, 0)
