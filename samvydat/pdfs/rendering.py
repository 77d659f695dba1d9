"""Page → HTML (a print template of its own) → PDF bytes, with WeasyPrint and only our own files.

Imported only when a PDF is made, so web and worker processes load WeasyPrint on first use.
"""

import threading
from urllib.parse import urljoin

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import Truncator
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from samvydat.core import dates
from samvydat.core.i18n import localize_all
from samvydat.weekly.models import WeeklyIssuePage

from .fetcher import STYLESHEET, LocalFilesFetcher
from .selectors import issue_commentaries, public_url

_fonts = threading.local()


def render_html(page) -> str:
    """The print version of a plan or weekly issue, in the page's language."""
    with translation.override(page.locale.language_code):
        return render_to_string(_template(page), _context(page))


def render_pdf(page, *, fetcher: LocalFilesFetcher | None = None) -> bytes:
    """The PDF of a plan or weekly issue. ``fetcher`` (made here if not given) records what was read."""
    url = public_url(page)
    fetcher = fetcher or LocalFilesFetcher(site_url=url)
    document = HTML(string=render_html(page), base_url=url, url_fetcher=fetcher)
    # Tagged (headings, lists, tables, links): readable with a screen reader.
    return document.write_pdf(font_config=_font_configuration(), pdf_tags=True)


def _font_configuration() -> FontConfiguration:
    """One font configuration per thread: the embedded fonts are registered once, not for every PDF."""
    if not hasattr(_fonts, "config"):
        _fonts.config = FontConfiguration()
    return _fonts.config


def _template(page) -> str:
    return "pdfs/weekly_issue.html" if isinstance(page, WeeklyIssuePage) else "pdfs/plan.html"


def _context(page) -> dict:
    url = public_url(page)
    section = page.get_parent()
    context = {
        "page": page,
        "language": page.locale.language_code,
        "source_url": url,
        "section_title": section.title if section else "",
        "site_name": str(settings.SITE_TITLE),
        "stylesheet_url": STYLESHEET.as_uri(),
        "generated": dates.local_date(timezone.localdate()),
    }
    if isinstance(page, WeeklyIssuePage):
        title = f"{page.title}: {page.week_label}"
        context.update(title=title, date_label=page.week_label, commentaries=_commentaries(page, url))
    else:
        title = page.title
        context.update(title=title, date_label=dates.local_date(page.date), sections=page.sections())
    context["running_title"] = Truncator(title).chars(80)
    return context


def _commentaries(issue, issue_url: str) -> list[dict]:
    commentaries = issue_commentaries(issue)
    with_topic = [commentary for commentary in commentaries if commentary.topic_id]
    topics = dict(zip([c.pk for c in with_topic], localize_all([c.topic for c in with_topic]), strict=True))
    return [
        {
            "page": commentary,
            "url": urljoin(issue_url, commentary.get_url() or ""),
            "topic": topics.get(commentary.pk),
            "trend": commentary.trend,
            "trend_label": commentary.get_trend_display() if commentary.trend else "",
            "authors": localize_all([link.person for link in commentary.authors.all()]),
        }
        for commentary in commentaries
    ]
