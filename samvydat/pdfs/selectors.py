"""Which pages have a PDF, what a PDF is made from, and the cached file."""

import hashlib
import json
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, PageViewRestriction

from samvydat.core.selectors import for_readers
from samvydat.plans.models import PlanPage
from samvydat.weekly.models import CommentaryPage, WeeklyIssuePage

from .models import GeneratedPDF

#: The page types that can be downloaded as a PDF.
PDF_MODELS = (PlanPage, WeeklyIssuePage)
#: Bump when the templates or the stylesheet change, so every cached PDF is made again.
LAYOUT_VERSION = 1


def public_url(page) -> str:
    """The page's address on the public site (``BASE_URL``), printed on every page of its PDF."""
    return urljoin(settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/", page.get_url() or "")


def downloadable_page(page_id: int) -> PlanPage | WeeklyIssuePage | None:
    """The live plan or weekly issue with this id, if the public may read it; else None."""
    types = ContentType.objects.get_for_models(*PDF_MODELS).values()
    page = Page.objects.live().filter(pk=page_id, content_type__in=types).select_related("locale").first()
    if page is None:
        return None
    restricted = PageViewRestriction.objects.filter(page__path__in=_ancestor_paths(page)).exists()
    return None if restricted else page.specific


def _ancestor_paths(page: Page) -> list[str]:
    return [page.path[:end] for end in range(Page.steplen, len(page.path) + 1, Page.steplen)]


def uploaded_pdf(page):
    """The PDF an editor uploaded for a plan (it overrides the generated one), or None."""
    document = getattr(page, "pdf", None)
    return document if document is not None and document.file else None


def source_key(page) -> str:
    """A fingerprint of what the PDF of ``page`` shows; it changes whenever the PDF must be made again."""
    parts = [LAYOUT_VERSION, page.pk, page.live_revision_id, str(page.last_published_at), public_url(page)]
    if isinstance(page, WeeklyIssuePage):
        parts.append(
            list(
                for_readers(CommentaryPage.objects.child_of(page))
                .order_by("path")
                .values_list("pk", "live_revision_id", "last_published_at")
            )
        )
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


def issue_commentaries(issue) -> list[CommentaryPage]:
    """The live commentaries of a weekly issue in page order, with their topic and authors."""
    return list(
        for_readers(CommentaryPage.objects.child_of(issue))
        .select_related("topic")
        .prefetch_related("authors__person")
        .order_by("path")
    )


def cached_pdf(page) -> GeneratedPDF | None:
    return GeneratedPDF.objects.filter(page_id=page.pk, language=page.locale.language_code).first()
