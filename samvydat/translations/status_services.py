"""Translation status: recording what a translation was made from, and marking it checked (docs/translation.md)."""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page

from .models import TranslationBasis
from .selectors import revision_paragraphs, status_changed
from .sources import basis_content_type, translation_source
from .text import digest, object_paragraphs


def _source_now(source) -> tuple:
    """(revision, paragraphs) of the source as readers see it (pages: its live revision, else its latest)."""
    if isinstance(source, Page):
        revision = source.live_revision or source.latest_revision
        if revision is not None:
            return revision, revision_paragraphs(revision)
    return None, object_paragraphs(source)


@transaction.atomic
def translation_basis_record(
    *,
    translation,
    reason: str = TranslationBasis.Reason.SAVED,
    user=None,
    source_digest: str | None = None,
) -> TranslationBasis | None:
    """Record that ``translation`` corresponds to its source as published now.

    ``source_digest`` (from a content package's ``translationOf``) names the version of the source the
    translation was made from; when it is not the source's text now, the basis keeps only that fingerprint
    (the older text is not in this database), and the translation shows as outdated.
    Returns None for a source, an alias, or an object without translations.
    """
    source = translation_source(translation)
    if source is None:
        return None
    revision, paragraphs = _source_now(source)
    now = digest(paragraphs)
    if source_digest and source_digest != now:
        revision, paragraphs, now = None, [], source_digest
    basis, _created = TranslationBasis.objects.update_or_create(
        content_type=basis_content_type(type(translation)),
        translation_key=translation.translation_key,
        locale_id=translation.locale_id,
        defaults={
            "source_locale_id": source.locale_id,
            "source_revision": revision,
            "source_digest": now,
            "source_text": [list(p) for p in paragraphs],
            "reason": reason,
            "recorded_at": timezone.now(),
            "checked_by": user if reason == TranslationBasis.Reason.CHECKED else None,
        },
    )
    status_changed()
    return basis


@transaction.atomic
def translation_mark_checked(*, translation, user) -> TranslationBasis | None:
    """ "Checked, still up to date": the translation now corresponds to the source as published, unedited."""
    basis = translation_basis_record(translation=translation, reason=TranslationBasis.Reason.CHECKED, user=user)
    if basis is not None:
        log(instance=translation, action="samvydat.translation_checked", user=user)
    return basis
