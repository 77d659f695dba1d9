"""Slugs in the language of a page: a Latin transliteration of its title.

Belarusian uses Łacinka without diacritics (``belorthography``: «Сітуацыя ў Беларусі» → ``situacyja-u-bielarusi``);
other languages use ``anyascii`` («Ситуация в Беларуси» → ``situatsiya-v-belarusi``). Slugs stay ASCII, so an
address survives being copied through any messenger and typed on any keyboard.
"""

from anyascii import anyascii
from belorthography import Orthography, convert
from django.utils.text import slugify

MAX_LENGTH = 80


def slug_in_language(text: str, language_code: str) -> str:
    """An ASCII slug for ``text`` written in ``language_code``; empty when nothing of it can be spelled."""
    if language_code == "be":
        text = convert(text, Orthography.OFFICIAL, Orthography.LATIN_NO_DIACTRIC)
    slug = slugify(anyascii(text))[:MAX_LENGTH].strip("-")
    return slug


def is_copied_slug(slug: str, copied_from: set[str]) -> bool:
    """True if ``slug`` is one of ``copied_from`` or one of them with Wagtail's ``-2``, ``-3``… suffix."""
    if slug in copied_from:
        return True
    stem, _dash, number = slug.rpartition("-")
    return bool(stem) and number.isdigit() and stem in copied_from


def translation_slug_proposal(*, page, title: str, slug: str) -> str | None:
    """The slug a never-published translation should get now that its title is ``title``, or None.

    A translation starts with its source's slug (``translations.services.translation_draft_create``). Once the
    translator changes the title and has not chosen a slug of their own, the slug follows the new title in the
    page's language, as it does for a new page. Published pages keep their address.
    """
    if page.pk is None or page.first_published_at is not None or page.alias_of_id:
        return None
    others = list(page.get_translations(inclusive=False).values_list("slug", "title"))
    if not others or title in {other_title for _slug, other_title in others}:
        return None
    if slug != page.slug or not is_copied_slug(slug, {other_slug for other_slug, _title in others}):
        return None
    proposal = slug_in_language(title, page.locale.language_code)
    return proposal or None
