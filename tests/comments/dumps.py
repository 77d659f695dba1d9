"""The whole database as text, as an attacker with a copy of it would see it."""

from django.db import connection


def database_dump() -> str:
    """Every row of every table as text: SQLite's own dump, or PostgreSQL's COPY (what pg_dump writes)."""
    if connection.vendor == "sqlite":
        return "\n".join(connection.connection.iterdump())
    chunks = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        tables = [row[0] for row in cursor.fetchall()]
        raw = cursor.cursor
        for table in tables:
            chunks.append(f"COPY {table} FROM stdin;")  # as pg_dump writes it
            with raw.copy(f'COPY "{table}" TO STDOUT') as copy:
                chunks.extend(bytes(block).decode("utf-8", "replace") for block in copy)
    return "\n".join(chunks)
