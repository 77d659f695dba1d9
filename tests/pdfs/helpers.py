"""Reading the PDFs the tests make: text (pdftotext, else pypdf), embedded fonts (pypdf), a page as PNG."""

import datetime
import io
import shutil
import subprocess
from pathlib import Path

from pypdf import PdfReader
from wagtail.rich_text import RichText

from samvydat.plans.models import PlanIndexPage, PlanPage
from tests.conftest import skip_or_fail


def pdf_text(content: bytes) -> str:
    """The text of a PDF, via poppler's pdftotext when installed (as in CI), else pypdf."""
    if shutil.which("pdftotext"):
        result = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True
        )
        text = result.stdout.decode()
    else:
        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())


def pdf_fonts(content: bytes) -> dict[str, bool]:
    """Every font used on any page of the PDF → whether its font file is embedded."""
    fonts = {}
    for page in PdfReader(io.BytesIO(content)).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            file_keys = {"/FontFile", "/FontFile2", "/FontFile3"}
            fonts[str(font["/BaseFont"])] = bool(file_keys & set(descriptor["/FontDescriptor"].keys()))
    return fonts


def page_count(content: bytes) -> int:
    return len(PdfReader(io.BytesIO(content)).pages)


def pdf_page_png(content: bytes, out: Path, *, page: int = 1) -> Path:
    """Page ``page`` as a PNG at 60 dpi (pdftoppm), to look at."""
    if not shutil.which("pdftoppm"):
        skip_or_fail("pdftoppm (Debian package poppler-utils) is not installed")
    source = out.with_suffix(".pdf")
    source.write_bytes(content)
    prefix = out.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page), "-singlefile", source, prefix], check=True
    )
    return prefix.with_suffix(".png")


def make_plan(*, language: str = "be", title: str = "Тэставы план", body=None, slug: str = "test-plan") -> PlanPage:
    """A published plan without an uploaded PDF, under the plans index of ``language``."""
    index = PlanIndexPage.objects.get(locale__language_code=language)
    plan = PlanPage(title=title, slug=slug, date=datetime.date(2021, 3, 1), summary="", body=body or [])
    index.add_child(instance=plan)
    plan.save_revision().publish()
    return plan


def long_body(sections: int, paragraphs: int = 4) -> list:
    """A plan body of numbered sections, each with a few paragraphs, a list and a quote."""
    sentence = (
        "Пераходны ўрад павінен забяспечыць стабільнасць фінансавай сістэмы, абараніць дэпазіты і "
        "падтрымаць людзей, якія страцілі працу за свае погляды. "
    )
    body = []
    for number in range(1, sections + 1):
        body.append(("heading", {"text": f"Раздзел {number}", "level": "2"}))
        for _ in range(paragraphs):
            body.append(("paragraph", RichText(f"<p>{sentence * 3}</p>")))
        items = "".join(f"<li>{sentence}</li>" for _ in range(3))
        body.append(("paragraph", RichText(f"<ol>{items}</ol>")))
        body.append(("quote", {"text": sentence, "attribution": "НАУ"}))
    return body
