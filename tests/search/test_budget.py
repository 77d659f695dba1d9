"""The search time budget interrupts a statement that is running, and leaves the connection usable."""

import pytest
from django.db import connection

from samvydat.search.budget import SearchTimeout, search_time_budget

pytestmark = pytest.mark.django_db

# Counts to a billion row by row: minutes of work unless something stops it.
ENDLESS = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) SELECT COUNT(*) FROM n"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite progress handler")
def test_a_running_statement_is_interrupted_at_the_deadline():
    with pytest.raises(SearchTimeout) as raised, search_time_budget(0.05), connection.cursor() as cursor:
        cursor.execute(ENDLESS)
    assert raised.value.seconds == 0.05
    with connection.cursor() as cursor:  # the handler is gone: the same statement, cut short, runs to its end
        cursor.execute(ENDLESS.replace("1000000000", "100000"))
        assert cursor.fetchone() == (100000,)


def test_no_statement_starts_after_the_deadline():
    with pytest.raises(SearchTimeout), search_time_budget(0), connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def test_statements_within_the_budget_run():
    with search_time_budget(30), connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
