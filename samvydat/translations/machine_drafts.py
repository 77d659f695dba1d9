"""A first draft of a translation written by a machine translation engine (``translations.engines``), offline by
default (Apertium, Belarusian ↔ Russian): no text leaves the server.

``machine_draft_create`` makes the draft translation of a page (``translations.services.translation_draft_create``)
or takes the existing unpublished one, translates every field that is still empty or still a copy of the source —
title, lead, promote texts, every text inside the StreamField blocks (headings, paragraphs with their markup and
links, lists, quotes, captions) one by one in a single engine call — and saves it as a new revision. The draft is
marked as machine-made (``MachineDraft``) until a person changes its text. Nothing is published.
"""

from __future__ import annotations

import copy
import hashlib
import html
import json
from dataclasses import dataclass, field

from django.db import models, transaction
from wagtail import blocks
from wagtail.coreutils import find_available_slug
from wagtail.fields import StreamField
from wagtail.models import Locale, Page

from samvydat.core.slugs import translation_slug_proposal

from . import engines
from .machine_models import MachineDraft
from .services import TranslationError, translation_draft_create

#: Page's own fields that hold text for readers (the rest of Page's fields are structure).
PAGE_TEXT_FIELDS = ("title", "seo_title", "search_description")
#: Text fields of samvydat's pages that are identifiers or addresses, never translated.
NOT_TEXT = frozenset({"slug", "package_key"})
#: Block types whose text is plain (escaped for the engine, unescaped after).
_PLAIN_BLOCKS = (blocks.CharBlock, blocks.TextBlock)


@dataclass
class MachineDraftResult:
    page: Page  # the draft translation (specific)
    created: bool  # a new draft, or an existing one filled in
    fields: list[str] = field(default_factory=list)  # the fields that got machine text


def machine_translation_available(*, source_language: str, target_language: str) -> bool:
    configured = engines.engine()
    return configured is not None and configured.supports(source_language, target_language)


def machine_translation_missing_hint() -> str:
    """What an operator installs or sets so that drafts can be made (shown in the admin)."""
    configured = engines.engine()
    if configured is None:
        return "MACHINE_TRANSLATION_ENGINE is empty: set it to apertium or libretranslate"
    return configured.install_hint()


@transaction.atomic
def machine_draft_create(*, source: Page, locale: Locale, user) -> MachineDraftResult:
    """The machine-drafted translation of ``source`` in ``locale`` (a draft; see the module docstring).

    Raises ``engines.MachineTranslationError`` when the engine cannot do the pair or fails (nothing is written),
    ``TranslationError`` when the translation is already published (a person's text is never overwritten),
    ``PermissionDenied`` from ``translation_draft_create``.
    """
    source = source.specific
    source_language, target_language = source.locale.language_code, locale.language_code
    configured = engines.engine()
    if configured is None or not configured.supports(source_language, target_language):
        raise engines.MachineTranslationError(
            f"no engine here translates {source_language} → {target_language} ({machine_translation_missing_hint()})"
        )
    existing = source.get_translation_or_none(locale)
    if existing is not None and existing.live:
        raise TranslationError(f"{existing} is published: edit it instead of drafting it again")
    created = existing is None
    if created:
        draft = translation_draft_create(source=source, locale=locale, user=user)
    else:
        draft = existing.specific.get_latest_revision_as_object()
    holders, segments = _untranslated(source=source, draft=draft)
    if not segments:
        return MachineDraftResult(page=draft, created=created)
    fragments = [s.text if s.is_html else html.escape(s.text, quote=False) for s in segments]
    translated = configured.translate_many(fragments, source=source_language, target=target_language)
    filled = _apply(draft, holders, segments, translated)
    title_slug = translation_slug_proposal(page=draft, title=draft.title, slug=draft.slug)
    if title_slug:
        draft.slug = find_available_slug(draft.get_parent(), title_slug, ignore_page_id=draft.pk)
    if not draft.live:
        draft.save()
    revision = draft.save_revision(user=user, log_action=True)
    MachineDraft.objects.update_or_create(
        page=draft,
        defaults={
            "engine": configured.name,
            "source_language": source_language,
            "source_revision": source.live_revision or source.latest_revision,
            "content_digest": content_digest(revision.as_object()),
        },
    )
    return MachineDraftResult(page=draft, created=created, fields=filled)


def is_machine_made(page: Page) -> MachineDraft | None:
    """The mark of ``page`` if its latest revision still holds the machine's text, else None."""
    mark = MachineDraft.objects.filter(page_id=page.pk).first()
    if mark is None:
        return None
    latest = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()  # fresh: not a stale object
    return mark if content_digest(latest) == mark.content_digest else None


def content_digest(page: Page) -> str:
    """A fingerprint of a page's text fields and blocks (without block ids)."""
    data = {name: _comparable(value) for name, value in _text_values(page).items()}
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


# --- fields and blocks ---------------------------------------------------------------------------------------
def _text_fields(page: Page) -> list[models.Field]:
    own = {f.name for f in Page._meta.get_fields()}
    found = []
    for model_field in page._meta.get_fields():
        if not getattr(model_field, "concrete", False) or model_field.name in NOT_TEXT:
            continue
        if model_field.name in own and model_field.name not in PAGE_TEXT_FIELDS:
            continue
        if isinstance(model_field, StreamField) or (
            isinstance(model_field, models.CharField | models.TextField)
            and model_field.editable
            and not model_field.choices
        ):
            found.append(model_field)
    return found


def _text_values(page: Page) -> dict:
    values = {}
    for model_field in _text_fields(page):
        value = getattr(page, model_field.name)
        values[model_field.name] = value.get_prep_value() if isinstance(model_field, StreamField) else (value or "")
    return values


def _comparable(value):
    if isinstance(value, dict):
        return {key: _comparable(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list):
        return [_comparable(item) for item in value]
    return value


@dataclass
class Segment:
    """One text to translate: ``container[key]`` in a deep copy of a source field's value."""

    container: dict | list
    key: object
    text: str
    is_html: bool


def _untranslated(*, source: Page, draft: Page) -> tuple[dict[str, dict], list[Segment]]:
    """The fields of the draft that are empty or still equal to the source's, each as a holder ``{"value": …}``
    with a deep copy of the source's value, and the texts inside them to translate."""
    source_values, draft_values = _text_values(source), _text_values(draft)
    holders: dict[str, dict] = {}
    segments: list[Segment] = []
    for model_field in _text_fields(source):
        name = model_field.name
        theirs, ours = source_values[name], draft_values.get(name)
        if not theirs or (ours and _comparable(ours) != _comparable(theirs)):
            continue  # nothing to translate, or a person's text already
        holder = holders[name] = {"value": copy.deepcopy(theirs)}
        if isinstance(model_field, StreamField):
            for item in holder["value"]:
                _collect(model_field.stream_block.child_blocks.get(item.get("type")), item, "value", segments)
        else:
            segments.append(Segment(holder, "value", theirs, False))
    return holders, segments


def _collect(block, container, key, segments: list[Segment]) -> None:
    value = container[key]
    if block is None or value in (None, ""):
        return
    if isinstance(block, blocks.RichTextBlock) and isinstance(value, str):
        segments.append(Segment(container, key, value, True))
    elif isinstance(block, _PLAIN_BLOCKS) and isinstance(value, str):
        segments.append(Segment(container, key, value, False))
    elif isinstance(block, blocks.StructBlock) and isinstance(value, dict):
        for child_name, child in block.child_blocks.items():
            if child_name in value:
                _collect(child, value, child_name, segments)
    elif isinstance(block, blocks.ListBlock) and isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
                _collect(block.child_block, item, "value", segments)
            else:
                _collect(block.child_block, value, index, segments)
    elif isinstance(block, blocks.StreamBlock) and isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                _collect(block.child_blocks.get(item.get("type")), item, "value", segments)


def _apply(draft: Page, holders: dict[str, dict], segments: list[Segment], translated: list[str]) -> list[str]:
    for segment, result in zip(segments, translated, strict=True):
        segment.container[segment.key] = result if segment.is_html else html.unescape(result)
    for name, holder in holders.items():
        setattr(draft, name, holder["value"])
    return list(holders)
