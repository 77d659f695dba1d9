"""PostgreSQL: the GIN index of the full-text table without a pending list (fastupdate off), merged and analysed
(issue 18). Nothing to do on SQLite, whose FTS5 table is its own index."""

from django.db import migrations


def tidy(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from samvydat.search.engines import FTS_TABLE, POSTGRES

    with schema_editor.connection.cursor() as cursor:
        POSTGRES.create_index(cursor)
        cursor.execute(f"ALTER INDEX {FTS_TABLE}_vector SET (fastupdate = off)")
        cursor.execute(f"SELECT gin_clean_pending_list('{FTS_TABLE}_vector'::regclass)")
        cursor.execute(f"ANALYZE {FTS_TABLE}")


class Migration(migrations.Migration):
    dependencies = [("samvydat_search", "0004_search_settings")]

    operations = [migrations.RunPython(tidy, migrations.RunPython.noop)]
