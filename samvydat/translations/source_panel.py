"""The source text shown read-only beside the editor of a translation ("Original: English").

Which source: the one the translation was made from (its ``TranslationBasis``), else the translation
group's source (the English version, or the oldest). Its published text when it is live, else its latest
draft. The text is plain text (``text.object_paragraphs``: markup dropped, captions and inline rows included),
so the template escapes it all: a source's text is never trusted as HTML.
"""

from django.urls import reverse
from wagtail.models import Page

from .models import TranslationBasis
from .offers import language_name
from .sources import basis_content_type, translation_source
from .text import object_paragraphs


def source_for_translation(page: Page) -> Page | None:
    """The page ``page`` is a translation of, or None (``page`` is an original, an alias or unsaved)."""
    if not isinstance(page, Page) or not page.pk or page.alias_of_id:
        return None
    basis = (
        TranslationBasis.objects.filter(
            content_type=basis_content_type(Page), translation_key=page.translation_key, locale_id=page.locale_id
        )
        .exclude(source_locale_id=page.locale_id)
        .first()
    )
    if basis is not None:
        made_from = Page.objects.filter(
            translation_key=page.translation_key, locale_id=basis.source_locale_id, alias_of__isnull=True
        ).first()
        if made_from is not None:
            return made_from.specific
    return translation_source(page)


def _grouped(paragraphs) -> list[tuple[str, list[str]]]:
    """Consecutive paragraphs of one field (or block) under one label."""
    groups: list[tuple[str, list[str]]] = []
    for label, text in paragraphs:
        if groups and groups[-1][0] == label:
            groups[-1][1].append(text)
        else:
            groups.append((label, [text]))
    return groups


def source_panel_context(page) -> dict:
    source = source_for_translation(page)
    if source is None:
        return {"source": None}
    shown = source if source.live else source.get_latest_revision_as_object()
    return {
        "source": source,
        "language": language_name(source.locale.language_code),
        "language_code": source.locale.language_code,
        "is_live": source.live,
        "groups": _grouped(object_paragraphs(shown)),
        "edit_url": reverse("wagtailadmin_pages:edit", args=[source.pk]),
        "live_url": source.get_url() if source.live else "",
    }
