"""The PDFs themselves: Cyrillic text in our embedded fonts, page numbers, the source address, every
commentary of an issue, the numbered sections of a plan; bad input; nothing fetched from the network."""

import socket

import pytest
from django.conf import settings
from django.utils import translation
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

from samvydat.core.dates import week_range
from samvydat.pdfs import rendering
from samvydat.pdfs.fetcher import FONT_DIR, LocalFilesFetcher
from samvydat.pdfs.rendering import render_pdf
from samvydat.pdfs.selectors import public_url
from samvydat.plans.models import PlanPage
from samvydat.weekly.models import CommentaryPage, WeeklyIssuePage

from .helpers import make_plan, page_count, pdf_fonts, pdf_page_png, pdf_text

pytestmark = pytest.mark.django_db


def page_numbers(language: str, page: int, pages: int) -> str:
    with translation.override(language):
        return translation.gettext("Page %(page)s of %(pages)s") % {"page": page, "pages": pages}


def test_belarusian_plan_has_its_title_sections_source_and_page_numbers():
    plan = PlanPage.objects.get(locale__language_code="be", package_key="plan-economy")
    content = render_pdf(plan)
    assert content.startswith(b"%PDF-")
    text = pdf_text(content)
    assert "План НАУ па эканоміцы" in text
    for section in plan.sections():
        assert f"{section['number']}. {section['title']}" in text
    pages = page_count(content)
    assert pages >= 2
    assert page_numbers("be", 1, pages) in text
    assert page_numbers("be", pages, pages) in text
    assert public_url(plan) in text
    assert "20 студзеня 2021" in text


def test_russian_issue_has_every_commentary_with_topic_trend_and_body():
    issue = WeeklyIssuePage.objects.get(locale__language_code="ru", week_start="2021-02-08")
    content = render_pdf(issue)
    text = pdf_text(content)
    assert "Ситуация в Беларуси: 8–14 февраля 2021" in text
    commentaries = list(CommentaryPage.objects.child_of(issue).live().select_related("topic"))
    assert len(commentaries) >= 3
    with translation.override("ru"):
        for commentary in commentaries:
            assert " ".join(commentary.title.split()) in text
            assert commentary.topic.name in text
            assert str(commentary.get_trend_display()) in text
            first_words = " ".join(commentary.summary.split()[:6])
            assert first_words in text
    pages = page_count(content)
    assert page_numbers("ru", pages, pages) in text
    assert public_url(issue) in text


def test_english_issue_date_range_is_english():
    issue = WeeklyIssuePage.objects.get(locale__language_code="en", week_start="2021-02-08")
    text = pdf_text(render_pdf(issue))
    assert "Situation in Belarus: February 8 – February 14, 2021" in text
    assert "Page 1 of" in text


def test_every_font_is_ours_and_embedded(monkeypatch):
    monkeypatch.setattr(rendering, "_fonts", type(rendering._fonts)())  # a fresh font set-up: fonts are read again
    fetcher = LocalFilesFetcher(site_url=settings.WAGTAILADMIN_BASE_URL)
    issue = WeeklyIssuePage.objects.get(locale__language_code="be", week_start="2021-02-08")
    fonts = pdf_fonts(render_pdf(issue, fetcher=fetcher))
    assert fonts, "no font in the PDF"
    for name, embedded in fonts.items():
        # "/ABCDEF+Samvydat-Serif": a subset of our own font, never one installed on the machine
        assert name.split("+")[-1].startswith("Samvydat-"), name
        assert embedded, name
    assert {name.split("+")[-1] for name in fonts} >= {"Samvydat-Serif", "Samvydat-Sans-Bold"}
    font_files = {url.rsplit("/", 1)[-1] for url in fetcher.fetched if url.startswith(FONT_DIR.as_uri())}
    assert {"DejaVuSerif.ttf", "DejaVuSans-Bold.ttf"} <= font_files
    assert fetcher.refused == []


def test_plan_with_an_empty_body_still_makes_a_pdf():
    plan = make_plan(title="Пусты план", body=[])
    text = pdf_text(render_pdf(plan))
    assert "Пусты план" in text
    with translation.override("be"):
        assert translation.gettext("The text of this plan has not been published yet.") in text


def test_week_without_commentaries_still_makes_a_pdf():
    index = WeeklyIssuePage.objects.filter(locale__language_code="ru").first().get_parent()
    issue = WeeklyIssuePage(
        title="Ситуация в Беларуси", slug="2030-01-07", week_start="2030-01-07", week_end="2030-01-13"
    )
    index.add_child(instance=issue)
    issue.save_revision().publish()
    issue.refresh_from_db()
    text = pdf_text(render_pdf(issue))
    with translation.override("ru"):
        assert week_range(issue.week_start, issue.week_end) in text
        assert translation.gettext("No commentary has been published for this week yet.") in text


def test_nothing_is_fetched_from_another_host(monkeypatch):
    """Images come from media on disk; an address on another host in the body is refused, never requested."""
    attempts = []

    def no_network(self, address, *args, **kwargs):
        attempts.append(address)
        raise OSError("network access during a PDF render")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    image = get_image_model().objects.first()
    assert image is not None, "the demo has images"
    body = [
        ("heading", {"text": "Выявы і спасылкі", "level": "2"}),
        ("image", {"image": image, "alt": "", "caption": "Подпіс", "credit": ""}),
        ("paragraph", RichText('<p>Тэкст <img src="https://tracker.example.org/pixel.png"> і далей.</p>')),
        ("links", {"title": "Спасылкі", "items": [{"label": "Сайт", "url": "https://example.org/"}]}),
        ("video", {"url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "title": "Відэа", "transcript": None}),
    ]
    plan = make_plan(title="План з выявай", body=body)
    fetcher = LocalFilesFetcher(site_url=settings.WAGTAILADMIN_BASE_URL)
    content = render_pdf(plan, fetcher=fetcher)
    assert "План з выявай" in pdf_text(content)
    assert attempts == []
    assert fetcher.refused == ["https://tracker.example.org/pixel.png"]
    assert any("/media/images/" in url for url in fetcher.fetched), fetcher.fetched


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/font.ttf",
        "http://127.0.0.1:8000/be/plans/",  # a page of our own site: only /static/ and /media/ are read
        "http://127.0.0.1:8000/media/../../../../etc/passwd",
        "http://127.0.0.1:8000/static/../../etc/passwd",
        "file:///etc/passwd",
        "ftp://example.org/file",
    ],
)
def test_fetcher_refuses_anything_but_our_files(url):
    fetcher = LocalFilesFetcher(site_url="http://127.0.0.1:8000")
    with pytest.raises(ValueError):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_fetcher_reads_our_fonts_static_and_media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "a.png").write_bytes(b"\x89PNG")
    fetcher = LocalFilesFetcher(site_url="http://127.0.0.1:8000")
    assert fetcher.fetch((FONT_DIR / "DejaVuSerif.ttf").as_uri()).read()[:4] == b"\x00\x01\x00\x00"
    assert fetcher.fetch("http://127.0.0.1:8000/media/images/a.png").read() == b"\x89PNG"
    assert b"samvydat" in fetcher.fetch("http://127.0.0.1:8000/static/css/samvydat.css").read().lower()


@pytest.mark.parametrize(("model", "language"), [(PlanPage, "be"), (WeeklyIssuePage, "ru")])
def test_first_page_renders_to_png(model, language, tmp_path):
    """Render page 1 to PNG (60 dpi): not blank. Look at the files with an image viewer when changing the layout."""
    from PIL import Image

    page = model.objects.filter(locale__language_code=language).order_by("pk").first()
    png = pdf_page_png(render_pdf(page), tmp_path / f"{model.__name__.lower()}-{language}")
    with Image.open(png) as image:
        assert image.width < image.height  # A4 portrait
        grey = image.convert("L")
        dark = sum(grey.histogram()[:128])
        assert dark > 0.01 * image.width * image.height


def test_commentary_without_topic_or_rating_still_makes_a_pdf():
    issue = WeeklyIssuePage.objects.get(locale__language_code="be", week_start="2021-03-01")
    commentary = CommentaryPage(title="Каментарый без тэмы", slug="no-topic", date=issue.week_end, topic=None, trend="")
    commentary.body = [("paragraph", RichText("<p>Тэкст без ацэнкі.</p>"))]
    issue.add_child(instance=commentary)
    commentary.save_revision().publish()
    text = pdf_text(render_pdf(issue))
    assert "Каментарый без тэмы" in text
    assert "Тэкст без ацэнкі." in text
    with translation.override("be"):
        assert translation.gettext("Not rated") in text
