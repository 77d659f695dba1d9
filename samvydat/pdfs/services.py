"""Making, caching and serving the PDFs of plans and weekly issues."""

import logging
from dataclasses import dataclass

from anyascii import anyascii
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from wagtail.models import Locale, Page

from . import selectors
from .models import GeneratedPDF

logger = logging.getLogger(__name__)


@dataclass
class Download:
    """What the download view sends: an open file, its name for the reader, its size."""

    file: object
    filename: str
    size: int | None


def pdf_ensure(*, page) -> GeneratedPDF:
    """The cached PDF of ``page``, made (again) if it is missing, stale, or its file is gone."""
    key = selectors.source_key(page)
    cached = selectors.cached_pdf(page)
    if cached is not None and cached.source_key == key and cached.file and cached.file.storage.exists(cached.file.name):
        return cached
    from .rendering import render_pdf  # loads WeasyPrint

    return _store(page=page, key=key, content=render_pdf(page), previous=cached)


def _store(*, page, key: str, content: bytes, previous: GeneratedPDF | None) -> GeneratedPDF:
    language = page.locale.language_code
    stored = ContentFile(content, name=f"{page.pk}-{language}-{key[:12]}.pdf")
    values = {"source_key": key, "revision_id": page.live_revision_id, "source_published_at": page.last_published_at}
    old_name = previous.file.name if previous is not None and previous.file else None
    try:
        with transaction.atomic():
            generated, _created = GeneratedPDF.objects.select_for_update().get_or_create(
                page_id=page.pk, language=language, defaults={**values, "file": stored}
            )
            if not _created:
                old_name = generated.file.name or old_name
                for field, value in values.items():
                    setattr(generated, field, value)
                generated.file.save(stored.name, stored, save=False)
                generated.save()
    except IntegrityError:  # made at the same moment by another worker or request: theirs is as good
        return GeneratedPDF.objects.get(page_id=page.pk, language=language)
    if old_name and old_name != generated.file.name:
        _delete_file_on_commit(generated.file.storage, old_name)
    return generated


def _delete_file_on_commit(storage, name: str) -> None:
    transaction.on_commit(lambda: storage.delete(name), robust=True)


def pdf_discard(*, page_id: int) -> int:
    """Forget the cached PDFs of a page (and delete their files); return how many there were."""
    generated = list(GeneratedPDF.objects.filter(page_id=page_id))
    for item in generated:
        if item.file:
            _delete_file_on_commit(item.file.storage, item.file.name)
    GeneratedPDF.objects.filter(pk__in=[item.pk for item in generated]).delete()
    return len(generated)


def pdf_refresh(*, page_id: int) -> str:
    """Bring the cached PDF of a page in line with it (the publish task): "made", "fresh", "uploaded", "discarded"."""
    page = selectors.downloadable_page(page_id)
    if page is None:
        return "discarded" if pdf_discard(page_id=page_id) else "none"
    if selectors.uploaded_pdf(page) is not None:
        return "uploaded"
    cached = selectors.cached_pdf(page)
    before = (cached.pk, cached.source_key) if cached else None
    generated = pdf_ensure(page=page)
    return "fresh" if before == (generated.pk, generated.source_key) else "made"


def pdf_download(*, page) -> Download:
    """The file a reader downloads for ``page``: the uploaded PDF of a plan, else the generated one."""
    filename = pdf_filename(page)
    document = selectors.uploaded_pdf(page)
    if document is not None and document.file.storage.exists(document.file.name):
        return Download(file=document.file.open("rb"), filename=filename, size=document.file_size)
    generated = pdf_ensure(page=page)
    try:
        handle = generated.file.open("rb")
    except FileNotFoundError:  # replaced by a concurrent render a moment ago: take the new one
        generated = pdf_ensure(page=selectors.downloadable_page(page.pk) or page)
        handle = generated.file.open("rb")
    return Download(file=handle, filename=filename, size=generated.file.size)


def pdf_filename(page) -> str:
    """``situation-in-belarus-2021-02-08.be.pdf``: the title in the site's main language, the date, the language."""
    title = page.title
    source_locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if source_locale is not None and page.locale_id != source_locale.pk:
        source = Page.objects.filter(translation_key=page.translation_key, locale=source_locale).first()
        title = source.title if source is not None else title
    name = slugify(anyascii(title))[:60].strip("-") or "document"
    day = getattr(page, "week_start", None) or getattr(page, "date", None)
    if day:
        name = f"{name}-{day.isoformat()}"
    return f"{name}.{page.locale.language_code}.pdf"
