"""The full-text table, in the form the database engine needs (samvydat.search.engines)."""

from django.db import migrations


def create(apps, schema_editor):
    from samvydat.search.engines import POSTGRES, SQLITE

    engine = POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE
    with schema_editor.connection.cursor() as cursor:
        engine.create(cursor)


def drop(apps, schema_editor):
    from samvydat.search.engines import SQLITE

    with schema_editor.connection.cursor() as cursor:
        SQLITE.drop(cursor)


class Migration(migrations.Migration):
    dependencies = [("samvydat_search", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
