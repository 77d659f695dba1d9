"""Delete the cross-locale aliases made while the page tree was synced; keep what editors made (aliases.py)."""

from django.db import migrations


def retire(apps, schema_editor):
    from samvydat.translations.aliases import cross_locale_aliases_retire

    cross_locale_aliases_retire(apps, schema_editor)


class Migration(migrations.Migration):
    # Every model that points at pages, so that deleting an alias deletes what hangs on it.
    dependencies = [
        ("translations", "0002_machinedraft"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("core", "0002_page_url_path_index"),
        ("people", "0001_initial"),
        ("news", "0004_newspage_comments_open"),
        ("plans", "0002_alter_planpage_date"),
        ("weekly", "0004_commentarypage_comments_open"),
        ("discussions", "0004_discussionpage_comments_open_and_more"),
        ("statements", "0002_alter_statementpage_date"),
        ("comments", "0002_decided_at_hour"),
        ("newsletter", "0001_initial"),
        ("pdfs", "0001_initial"),
        ("samvydat_search", "0003_fulltext_positions"),
    ]

    operations = [migrations.RunPython(retire, migrations.RunPython.noop, elidable=True)]
