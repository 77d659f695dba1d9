"""What a translation was made from: the source's revision (pages) and a snapshot of the source's text."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Revision


class TranslationBasis(models.Model):
    """The version of the source a translation (a page or a snippet in one locale) corresponds to.

    One row per translation, found by ``(content_type, translation_key, locale)`` so it survives the
    translation's page being moved or re-created by an import. ``content_type`` is Wagtail's base ``Page``
    for every page type, or the snippet's model. ``source_text`` is the source's text at that version
    (paragraphs, as ``translations.text.content_paragraphs`` gives them): snippets have no revisions, and
    page revisions can be purged, so the snapshot is what the "what changed" diff starts from.
    ``source_digest`` fingerprints the normalised source text; content packages carry it as ``translationOf``.
    """

    class Reason(models.TextChoices):
        SAVED = "saved", _("translation saved")
        CHECKED = "checked", _("checked, still up to date")
        IMPORTED = "imported", _("imported from a content package")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    translation_key = models.UUIDField(db_index=True)
    locale = models.ForeignKey(Locale, on_delete=models.CASCADE, related_name="+")
    source_locale = models.ForeignKey(Locale, on_delete=models.CASCADE, related_name="+")
    source_revision = models.ForeignKey(Revision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    source_digest = models.CharField(max_length=32, blank=True)
    source_text = models.JSONField(default=list, blank=True)
    reason = models.CharField(max_length=16, choices=Reason.choices, default=Reason.SAVED)
    recorded_at = models.DateTimeField()
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("translation basis")
        verbose_name_plural = _("translation bases")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "translation_key", "locale"], name="translation_basis_one_per_translation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.translation_key} {self.locale_id}"


class OutdatedNotice(models.Model):
    """A translation reported outdated in a daily digest, for one version of its source (sent once)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    translation_key = models.UUIDField()
    locale = models.ForeignKey(Locale, on_delete=models.CASCADE, related_name="+")
    source_digest = models.CharField(max_length=32)
    sent_at = models.DateTimeField()

    class Meta:
        verbose_name = _("outdated-translation notice")
        verbose_name_plural = _("outdated-translation notices")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "translation_key", "locale", "source_digest"],
                name="outdated_notice_once_per_source_version",
            )
        ]

    def __str__(self) -> str:
        return f"{self.translation_key} {self.locale_id} {self.source_digest}"


from .digest_models import DigestPreference  # noqa: E402, F401 (the daily digest: digest_services.py)
from .labelled_models import ShownInLanguage  # noqa: E402, F401 (labelled originals: labelled.py)
from .machine_models import MachineDraft  # noqa: E402, F401 (the machine-draft mark: machine_drafts.py)
