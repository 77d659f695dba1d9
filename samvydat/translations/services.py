"""Translating a page or a snippet: the draft in the target language, created from its source.

A page exists in a language only once a translation is published there. ``translation_draft_create`` makes
that translation as a draft: a copy of the source in the target locale's tree (same ``translation_key``),
never live, with the missing ancestors (e.g. the weekly issue of a commentary) created as drafts too.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from wagtail.coreutils import find_available_slug
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.signals import copy_for_translation_done

from .permissions import is_editor, translator_languages

SUBMIT_TRANSLATION = "simple_translation.submit_translation"


class TranslationError(Exception):
    """The translation cannot be created; ``str()`` says why, for the editor."""


class TranslationExistsError(TranslationError):
    def __init__(self, translation):
        super().__init__(f"{translation} already exists in {translation.locale.language_code}")
        self.translation = translation


def _check_locale(*, source, locale: Locale) -> None:
    if source.locale_id == locale.pk:
        raise TranslationError(f"{source} is already in {locale.language_code}")
    existing = source.get_translation_or_none(locale)
    if existing is not None:
        raise TranslationExistsError(existing)


def translation_parent_plan(*, source: Page, locale: Locale) -> tuple[Page, list[Page]]:
    """Where the translation of ``source`` goes in ``locale``.

    Returns the nearest ancestor of ``source`` that is translated into ``locale`` (its translation, the page
    that will hold the new drafts) and the source's ancestors below it that have no translation yet, top
    down: they are created as drafts first.
    """
    missing: list[Page] = []
    for ancestor in source.get_ancestors().filter(depth__gt=1).order_by("-depth").specific():
        translated = ancestor.get_translation_or_none(locale)
        if translated is not None:
            return translated, list(reversed(missing))
        missing.append(ancestor)
    raise TranslationError(f"{locale.language_code} has no home page to hold the translation of {source}")


def user_can_translate_page(*, user, source: Page, locale: Locale) -> bool:
    """Editors, and translators of ``locale``: may create pages where the translation would go."""
    if not user.has_perm(SUBMIT_TRANSLATION):
        return False
    try:
        parent, _missing = translation_parent_plan(source=source, locale=locale)
    except TranslationError:
        return False
    return parent.permissions_for_user(user).can_add_subpage()


def user_can_translate_snippet(*, user, model, locale: Locale | None = None) -> bool:
    """Who may add ``model`` snippets; into ``locale`` (when given) only editors and that language's translators.

    Translators may *edit* people and topics in any language (core/roles.py), but create translations only in
    their own.
    """
    if not (user.has_perm(SUBMIT_TRANSLATION) and ModelPermissionPolicy(model).user_has_permission(user, "add")):
        return False
    return locale is None or is_editor(user) or locale.language_code in translator_languages(user)


def _draft_copy(*, page: Page, parent: Page, locale: Locale, user) -> Page:
    """A never-live copy of ``page`` (its published version, else its latest draft) under ``parent``."""
    page = page.specific
    original = page if page.live else page.get_latest_revision_as_object()

    def to_locale(_original, _copy, _relation, child_object):
        if isinstance(child_object, TranslatableMixin):
            child_object.locale = locale

    update_attrs = {"locale": locale, "slug": find_available_slug(parent, original.slug)}
    # A page type may know part of its translation already (a week's title is the service's name).
    if (known := getattr(original, "translation_draft_attrs", None)) is not None:
        update_attrs.update(known(locale))
    copy = original.copy(
        to=parent,
        update_attrs=update_attrs,
        copy_revisions=False,
        keep_live=False,
        reset_translation_key=False,
        process_child_object=to_locale,
        user=user,
        log_action="wagtail.copy_for_translation",
    )
    copy_for_translation_done.send(sender=translation_draft_create, source_obj=page, target_obj=copy)
    return copy


@transaction.atomic
def translation_draft_create(*, source: Page, locale: Locale, user) -> Page:
    """Create the draft translation of ``source`` in ``locale`` and return it (specific, not live).

    The draft starts as a copy of the source (its live version, or its latest draft if it was never
    published) with the source's slug; ancestors missing in ``locale`` are created as drafts too. Nothing
    becomes visible to readers until someone publishes the translation. ``user`` is checked
    (``user_can_translate_page``) and recorded in the page history; ``None`` is for system callers.

    Raises ``TranslationExistsError`` (with ``.translation``) if ``source`` already has a version in
    ``locale``, ``TranslationError`` if it cannot be translated there, ``PermissionDenied``.
    """
    source = source.specific
    _check_locale(source=source, locale=locale)
    if user is not None and not user_can_translate_page(user=user, source=source, locale=locale):
        raise PermissionDenied("you may not create pages in this language")
    parent, missing = translation_parent_plan(source=source, locale=locale)
    for ancestor in missing:
        parent = _draft_copy(page=ancestor, parent=parent, locale=locale, user=user)
    return _draft_copy(page=source, parent=parent, locale=locale, user=user).specific


@transaction.atomic
def snippet_translation_create(*, source: TranslatableMixin, locale: Locale, user):
    """Create the translation of a snippet in ``locale`` as a copy of ``source`` and return it.

    Snippets have no drafts: until the translator edits it the copy reads like its source, which is also
    what pages of ``locale`` show while a snippet has no translation (``core.i18n.localize``).
    """
    _check_locale(source=source, locale=locale)
    if user is not None and not user_can_translate_snippet(user=user, model=type(source), locale=locale):
        raise PermissionDenied("you may not create these snippets")
    translated = source.copy_for_translation(locale)
    translated.save()
    copy_for_translation_done.send(sender=snippet_translation_create, source_obj=source, target_obj=translated)
    return translated
