"""PDFs are made on publish (a task, run in place by the test settings' immediate backend) and cached;
a commentary's publication remakes its issue's PDF; unpublishing forgets it."""

import pytest
from django.core.files.storage import default_storage
from django.utils.text import slugify
from django_tasks.signals import task_enqueued
from wagtail.rich_text import RichText

from samvydat.pdfs.models import GeneratedPDF
from samvydat.pdfs.selectors import source_key
from samvydat.pdfs.services import pdf_ensure, pdf_filename, pdf_refresh
from samvydat.plans.models import PlanPage
from samvydat.weekly.models import CommentaryPage, WeeklyIssuePage

from .helpers import make_plan, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def enqueued():
    """The page ids of the PDF tasks queued during the test."""
    queued = []

    def receiver(sender, task_result, **kwargs):
        if task_result.task.name == "pdf_refresh_task":
            queued.append(task_result.args[0])

    task_enqueued.connect(receiver)
    yield queued
    task_enqueued.disconnect(receiver)


def test_publishing_a_plan_queues_and_makes_its_pdf(django_capture_on_commit_callbacks, enqueued):
    with django_capture_on_commit_callbacks(execute=True):
        plan = make_plan(title="План на публікацыю")
    assert enqueued == [plan.pk]
    generated = GeneratedPDF.objects.get(page=plan)
    plan.refresh_from_db()
    assert generated.language == "be"
    assert generated.revision_id == plan.live_revision_id
    assert generated.source_key == source_key(plan)
    assert default_storage.exists(generated.file.name)
    with generated.file.open("rb") as handle:
        assert "План на публікацыю" in pdf_text(handle.read())


def test_republishing_remakes_the_pdf_and_deletes_the_old_file(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        plan = make_plan(title="Першая версія")
    first = GeneratedPDF.objects.get(page=plan)
    old_name = first.file.name
    plan.title = "Другая версія"
    with django_capture_on_commit_callbacks(execute=True):
        plan.save_revision().publish()
    second = GeneratedPDF.objects.get(page=plan)
    assert second.pk == first.pk
    assert second.file.name != old_name
    assert not default_storage.exists(old_name)
    with second.file.open("rb") as handle:
        assert "Другая версія" in pdf_text(handle.read())


def test_publishing_a_commentary_remakes_its_issue_pdf(django_capture_on_commit_callbacks, enqueued):
    issue = WeeklyIssuePage.objects.get(locale__language_code="be", week_start="2021-02-15")
    before = pdf_ensure(page=issue).source_key
    commentary = CommentaryPage.objects.child_of(issue).live().first()
    commentary.title = "Новы загаловак каментарыя"
    commentary.body = [("paragraph", RichText("<p>Абноўлены тэкст.</p>"))]
    with django_capture_on_commit_callbacks(execute=True):
        commentary.save_revision().publish()
    assert enqueued == [issue.pk]
    generated = GeneratedPDF.objects.get(page=issue)
    assert generated.source_key != before
    with generated.file.open("rb") as handle:
        text = pdf_text(handle.read())
    assert "Новы загаловак каментарыя" in text
    assert "Абноўлены тэкст." in text


def test_unpublishing_a_commentary_remakes_the_issue_without_it(django_capture_on_commit_callbacks):
    issue = WeeklyIssuePage.objects.get(locale__language_code="ru", week_start="2021-02-15")
    pdf_ensure(page=issue)
    commentary = CommentaryPage.objects.child_of(issue).live().first()
    with django_capture_on_commit_callbacks(execute=True):
        commentary.unpublish()
    with GeneratedPDF.objects.get(page=issue).file.open("rb") as handle:
        assert " ".join(commentary.title.split()) not in pdf_text(handle.read())


def test_unpublishing_a_plan_forgets_its_pdf(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        plan = make_plan(title="Часовы план")
    name = GeneratedPDF.objects.get(page=plan).file.name
    with django_capture_on_commit_callbacks(execute=True):
        plan.unpublish()
    assert not GeneratedPDF.objects.filter(page_id=plan.pk).exists()
    assert not default_storage.exists(name)


def test_a_plan_with_an_uploaded_pdf_is_not_generated(django_capture_on_commit_callbacks, enqueued):
    plan = PlanPage.objects.get(locale__language_code="ru", package_key="plan-economy")
    assert plan.pdf is not None
    with django_capture_on_commit_callbacks(execute=True):
        plan.save_revision().publish()
    assert enqueued == [plan.pk]
    assert not GeneratedPDF.objects.filter(page_id=plan.pk).exists()
    assert pdf_refresh(page_id=plan.pk) == "uploaded"


def test_refresh_makes_once_then_finds_it_fresh():
    issue = WeeklyIssuePage.objects.get(locale__language_code="en", week_start="2021-02-22")
    GeneratedPDF.objects.filter(page_id=issue.pk).delete()
    assert pdf_refresh(page_id=issue.pk) == "made"
    assert pdf_refresh(page_id=issue.pk) == "fresh"
    assert pdf_refresh(page_id=10**9) == "none"


def test_filenames():
    """The title in the site's main language (English), the date or first day of the week, the language."""
    issue = WeeklyIssuePage.objects.get(locale__language_code="be", week_start="2021-02-08")
    assert pdf_filename(issue) == "situation-in-belarus-2021-02-08.be.pdf"
    plan = PlanPage.objects.get(locale__language_code="ru", package_key="plan-economy")
    english = PlanPage.objects.get(locale__language_code="en", package_key="plan-economy")
    assert pdf_filename(plan) == f"{slugify(english.title)}-2021-01-20.ru.pdf"
    only_belarusian = make_plan(title="План без перакладу: «Эканоміка»")
    assert pdf_filename(only_belarusian) == "plan-bez-perakladu-ekanomika-2021-03-01.be.pdf"


def test_publishing_can_be_paused(django_capture_on_commit_callbacks, enqueued):
    from samvydat.pdfs.signals import pdfs_paused

    with pdfs_paused(), django_capture_on_commit_callbacks(execute=True):
        plan = make_plan(title="План без PDF пакуль")
    assert enqueued == []
    assert not GeneratedPDF.objects.filter(page_id=plan.pk).exists()
