"""The text of a page revision or a snippet as paragraphs, its normalised words and their fingerprint.

A *paragraph* is ``(label, text)``: the field (and block) it comes from and its plain text, markup removed.
What counts as a change for translators is the sequence of words: Unicode NFKC, case-folded, split on
everything that is not a letter or a digit. Whitespace, punctuation, typography (quotes, dashes, soft
hyphens), letter case, markup and how the text is cut into paragraphs are cosmetic; any added, removed or
changed word or number is a real change (docs/translation.md).
"""

import hashlib
import json
import re
import unicodedata
from html import unescape
from html.parser import HTMLParser

from django.db import models
from modelcluster.models import get_all_child_relations
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

Paragraph = tuple[str, str]

#: Page fields that are not text to translate (addresses, keys, SEO plumbing of Wagtail's own).
_SKIPPED_FIELDS = {"slug", "url_path", "draft_title", "package_key", "locale", "translation_key"}
_PAGE_FIELDS_KEPT = {"title", "seo_title", "search_description"}
_BLOCK_BREAKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "br", "div", "tr", "pre"}
_WORD = re.compile(r"\w+")
#: Soft hyphens, zero-width spaces and joiners (Cf) and combining marks left after NFKC (stress accents).
_INVISIBLE = {"Cf", "Mn"}


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCK_BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _BLOCK_BREAKS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def html_paragraphs(html: str) -> list[str]:
    """The paragraphs of a piece of rich text, as plain text (tags dropped, entities decoded)."""
    parser = _TextParser()
    parser.feed(html or "")
    parser.close()
    lines = "".join(parser.parts).split("\n")
    return [" ".join(line.split()) for line in lines if line.strip()]


def _plain(text: str) -> list[str]:
    return [" ".join(line.split()) for line in unescape(str(text)).split("\n\n") if line.strip()]


def _is_text_field(field) -> bool:
    if field.name in _SKIPPED_FIELDS or not getattr(field, "editable", False) or getattr(field, "choices", None):
        return False
    if isinstance(field, (models.URLField, models.EmailField, models.SlugField)):
        return False
    return isinstance(field, (models.CharField, models.TextField, RichTextField, StreamField))


def text_fields(model) -> list:
    """The fields of ``model`` whose text is translated, in declaration order."""
    fields = [f for f in model._meta.concrete_fields if _is_text_field(f)]
    if issubclass(model, Page):
        own = {f.name for f in Page._meta.concrete_fields}
        fields = [f for f in fields if f.name not in own or f.name in _PAGE_FIELDS_KEPT]
        fields.sort(key=lambda f: f.name != "title")
    return fields


def _block_paragraphs(block, value, label: str) -> list[Paragraph]:
    if value in (None, ""):
        return []
    if isinstance(block, blocks.RichTextBlock):
        return [(label, text) for text in html_paragraphs(value if isinstance(value, str) else str(value))]
    if isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
        return [(label, text) for text in _plain(value)]
    if isinstance(block, blocks.StructBlock) and isinstance(value, dict):
        found = []
        for name, child in block.child_blocks.items():
            found += _block_paragraphs(child, value.get(name), f"{label} · {child.label}")
        return found
    if isinstance(block, blocks.ListBlock) and isinstance(value, list):
        found = []
        for item in value:
            item_value = item["value"] if isinstance(item, dict) and "value" in item and "type" in item else item
            found += _block_paragraphs(block.child_block, item_value, label)
        return found
    if isinstance(block, blocks.StreamBlock) and isinstance(value, list):
        found = []
        for item in value:
            if not isinstance(item, dict) or item.get("type") not in block.child_blocks:
                continue
            child = block.child_blocks[item["type"]]
            found += _block_paragraphs(child, item.get("value"), f"{label} · {child.label}")
        return found
    return []


def _stream_raw(value) -> list:
    if isinstance(value, str):
        try:
            value = json.loads(value or "[]")
        except ValueError:
            return []
    if hasattr(value, "raw_data"):
        value = list(value.raw_data)
    return value if isinstance(value, list) else []


def _field_paragraphs(field, value) -> list[Paragraph]:
    label = str(field.verbose_name).capitalize()
    if isinstance(field, StreamField):
        return _block_paragraphs(field.stream_block, _stream_raw(value), label)
    if isinstance(field, RichTextField):
        return [(label, text) for text in html_paragraphs(value or "")]
    return [(label, text) for text in _plain(value or "")]


def _inline_relations(model) -> list:
    """The page's inline objects editors write (participants' introductions), not Wagtail's editorial comments."""
    return [r for r in get_all_child_relations(model) if not r.related_model.__module__.startswith("wagtail.")]


def content_paragraphs(model, data: dict) -> list[Paragraph]:
    """Paragraphs of one object of ``model`` given as field name → value (a revision's ``content`` or an object)."""
    found: list[Paragraph] = []
    for field in text_fields(model):
        found += _field_paragraphs(field, data.get(field.name))
    if issubclass(model, Page):
        for relation in _inline_relations(model):
            child_model = relation.related_model
            for row in data.get(relation.get_accessor_name()) or []:
                if isinstance(row, dict):
                    for field in text_fields(child_model):
                        found += _field_paragraphs(field, row.get(field.name))
    return found


def object_paragraphs(obj) -> list[Paragraph]:
    """Paragraphs of a saved object (a snippet, or a page as it is now in the database)."""
    model = type(obj)
    data = {field.name: getattr(obj, field.name) for field in text_fields(model)}
    if isinstance(obj, Page):
        for relation in _inline_relations(model):
            name = relation.get_accessor_name()
            child_fields = text_fields(relation.related_model)
            data[name] = [{f.name: getattr(row, f.name) for f in child_fields} for row in getattr(obj, name).all()]
    return content_paragraphs(model, data)


def words(paragraphs: list[Paragraph]) -> list[str]:
    """The normalised words of some paragraphs; equal lists mean the change between them was cosmetic."""
    found: list[str] = []
    for _label, text in paragraphs:
        text = unicodedata.normalize("NFKC", text).casefold()
        text = "".join(ch for ch in text if unicodedata.category(ch) not in _INVISIBLE)
        found += _WORD.findall(text)
    return found


def digest(paragraphs: list[Paragraph]) -> str:
    """A fingerprint of the words (16 hex digits): equal for cosmetic variants of one text, different otherwise."""
    return hashlib.sha256(" ".join(words(paragraphs)).encode()).hexdigest()[:16]
