"""Index Wagtail's page url_path: HomePage.route finds a page by its path in one indexed query."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS samvydat_page_url_path ON wagtailcore_page (url_path)",
            "DROP INDEX IF EXISTS samvydat_page_url_path",
        )
    ]
