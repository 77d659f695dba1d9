"""SQLite: the full-text table keeps term positions (``detail=full``), so that ranking reads counts from the index
instead of tokenizing every match again, and gets a ``language`` column the match filters on (samvydat.search.engines).
The rows are copied, each page's language taken from its document; nothing to rebuild."""

from django.db import migrations


def keep_positions(apps, schema_editor):
    from samvydat.search.engines import SQLITE

    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        SQLITE.recreate_keeping_rows(cursor)


class Migration(migrations.Migration):
    dependencies = [("samvydat_search", "0002_fulltext_table")]

    operations = [migrations.RunPython(keep_positions, migrations.RunPython.noop)]
