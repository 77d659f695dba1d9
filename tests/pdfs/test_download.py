"""The download address: serves the uploaded, cached or freshly made PDF; no cookie; 404 for anything else."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from samvydat.news.models import NewsPage
from samvydat.pdfs import rendering
from samvydat.pdfs.models import GeneratedPDF
from samvydat.pdfs.templatetags.pdf_tags import pdf_download_url
from samvydat.plans.models import PlanPage
from samvydat.weekly.models import CommentaryPage, WeeklyIssuePage

from .helpers import make_plan, pdf_text

pytestmark = pytest.mark.django_db


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert "Set-Cookie" not in response.headers
    assert not response.cookies
    assert response["Content-Type"] == "application/pdf"
    return response, b"".join(response.streaming_content)


def test_issue_pdf_download_in_every_language(client):
    for language, title in [
        ("en", "Situation in Belarus"),
        ("be", "Сітуацыя ў Беларусі"),
        ("ru", "Ситуация в Беларуси"),
    ]:
        issue = WeeklyIssuePage.objects.get(locale__language_code=language, week_start="2021-02-08")
        url = pdf_download_url(issue)
        assert url == f"/{language}/pdf/{issue.pk}/"
        response, content = download(client, url)
        assert (
            response["Content-Disposition"] == f'attachment; filename="situation-in-belarus-2021-02-08.{language}.pdf"'
        )
        assert response["Content-Language"] == language
        assert title in pdf_text(content)


def test_download_is_served_from_the_cache(client, monkeypatch):
    issue = WeeklyIssuePage.objects.get(locale__language_code="be", week_start="2021-02-22")
    GeneratedPDF.objects.filter(page_id=issue.pk).delete()
    _, first = download(client, pdf_download_url(issue))
    assert GeneratedPDF.objects.filter(page_id=issue.pk).count() == 1

    def must_not_render(page, **kwargs):
        raise AssertionError("rendered again although the cached PDF is fresh")

    monkeypatch.setattr(rendering, "render_pdf", must_not_render)
    _, second = download(client, pdf_download_url(issue))
    assert second == first


def test_stale_pdf_is_made_again_on_download(client):
    """A publication whose task never ran (no worker): the download notices and makes the PDF again."""
    plan = make_plan(title="Старая назва")  # no on-commit callbacks run in this test: no task
    _, content = download(client, pdf_download_url(plan))
    assert "Старая назва" in pdf_text(content)
    plan.title = "Новая назва"
    plan.save_revision().publish()
    _, content = download(client, pdf_download_url(plan))
    assert "Новая назва" in pdf_text(content)
    assert GeneratedPDF.objects.filter(page_id=plan.pk).count() == 1


def test_missing_cached_file_is_made_again(client):
    plan = make_plan(title="План без файла")
    download(client, pdf_download_url(plan))
    generated = GeneratedPDF.objects.get(page_id=plan.pk)
    generated.file.storage.delete(generated.file.name)
    _, content = download(client, pdf_download_url(plan))
    assert "План без файла" in pdf_text(content)


def test_uploaded_pdf_overrides_the_generated_one(client):
    plan = PlanPage.objects.get(locale__language_code="be", package_key="plan-economy")
    with plan.pdf.file.open("rb") as handle:
        uploaded = handle.read()
    response, content = download(client, pdf_download_url(plan))
    assert content == uploaded
    assert response["Content-Disposition"].endswith('.be.pdf"')
    assert not GeneratedPDF.objects.filter(page_id=plan.pk).exists()
    # the plan page links to the uploaded PDF itself
    html = client.get(plan.url).content.decode()
    assert f'href="{plan.pdf.url}" download' in html


def test_pages_link_to_their_pdf(client):
    plan = make_plan(title="План са спасылкай")
    assert f'href="/be/pdf/{plan.pk}/" download' in client.get(plan.url).content.decode()
    issue = WeeklyIssuePage.objects.get(locale__language_code="ru", week_start="2021-02-08")
    html = client.get(issue.url).content.decode()
    assert f'href="/ru/pdf/{issue.pk}/" download' in html


def test_another_language_prefix_redirects_to_the_pages_own(client):
    issue = WeeklyIssuePage.objects.get(locale__language_code="ru", week_start="2021-02-08")
    response = client.get(f"/en/pdf/{issue.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/ru/pdf/{issue.pk}/"


def test_404_for_unknown_ids_other_page_types_and_unpublished_pages(client):
    news = NewsPage.objects.live().first()
    commentary = CommentaryPage.objects.live().first()
    unpublished = make_plan(title="Чарнавік", slug="draft-plan")
    unpublished.unpublish()
    for page_id in (10**9, news.pk, commentary.pk, unpublished.pk, 1):
        response = client.get(f"/be/pdf/{page_id}/")
        assert response.status_code == 404, page_id
        assert not response.cookies
    assert client.get("/be/pdf/not-a-number/").status_code == 404
    assert client.post(f"/be/pdf/{news.pk}/").status_code == 405


def test_404_for_pages_with_a_view_restriction(client):
    plan = make_plan(title="Закрыты план", slug="private-plan")
    restriction = PageViewRestriction.objects.create(page=plan, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.first()])
    assert client.get(pdf_download_url(plan)).status_code == 404
