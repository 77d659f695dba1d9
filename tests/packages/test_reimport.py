"""Re-importing an unchanged package leaves the site untouched: no revision, no publish, no log entry, no task.

Replays issue 12: a second import of the same package made 134 revisions and queued 943 tasks.
"""

import shutil

import pytest
from django.conf import settings
from django_tasks.signals import task_enqueued
from wagtail.models import PageLogEntry, Revision

from samvydat.news.models import NewsPage
from samvydat.packages.services import package_import
from samvydat.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def enqueued():
    seen = []

    def record(sender, task_result, **kwargs):
        seen.append(task_result.task.name)

    task_enqueued.connect(record)
    yield seen
    task_enqueued.disconnect(record)


def site_counts() -> dict:
    return {
        "revisions": Revision.objects.count(),
        "log entries": PageLogEntry.objects.count(),
        "published": [p.last_published_at for p in NewsPage.objects.order_by("pk")],
        "people": [(p.pk, p.name, p.description) for p in Person.objects.order_by("pk")],
    }


def test_an_unchanged_demo_reimport_writes_nothing(enqueued):
    before = site_counts()
    report = package_import(path=settings.BASE_DIR / "demo")
    assert report.items > 100 and report.unchanged == report.items
    assert report.created == report.updated == 0
    assert site_counts() == before
    assert enqueued == []


def test_a_changed_item_alone_gets_a_revision(tmp_path, enqueued):
    package = tmp_path / "demo"
    shutil.copytree(settings.BASE_DIR / "demo", package)
    changed = next((package / "content" / "news").glob("*.en.md"))
    changed.write_text(changed.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    revisions = Revision.objects.count()
    report = package_import(path=package)
    assert (report.updated, report.unchanged) == (1, report.items - 1)
    assert Revision.objects.count() == revisions + 1
    page = NewsPage.objects.get(slug=changed.name.split(".")[0], locale__language_code="en")
    assert "One more sentence." in str(page.body.raw_data[-1]["value"])
    assert enqueued  # publishing the change does its work (search, mirror, PDFs …)
