"""Template helpers for PDFs: the download address of a page, and strings for the print stylesheet."""

from django import template
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def pdf_download_url(page) -> str:
    """The address that serves the PDF of ``page`` (a plan or weekly issue), in the page's language."""
    with translation.override(page.locale.language_code):
        return reverse("pdf_download", kwargs={"page_id": page.pk})


def css_string(value) -> str:
    """``value`` as a quoted CSS string (safe inside a <style> element)."""
    escaped = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ").replace("<", "\\3C ")
    return f'"{escaped}"'


@register.filter(name="css_string")
def css_string_filter(value):
    return mark_safe(css_string(value))


@register.simple_tag
def page_counter_content():
    """CSS ``content`` for "Page 3 of 10" in the active language, with the page counters in place."""
    # Translators: the page numbers at the foot of every page of a PDF.
    template = gettext("Page %(page)s of %(pages)s")
    marker = "\x00"
    parts = (template % {"page": f"{marker}page{marker}", "pages": f"{marker}pages{marker}"}).split(marker)
    tokens = []
    for index, part in enumerate(parts):
        if index % 2:
            tokens.append(f"counter({part})")
        elif part:
            tokens.append(css_string(part))
    return mark_safe(" ".join(tokens))
