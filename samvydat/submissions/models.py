"""Readers' submissions ("Send us information"): everything a reader wrote or sent is encrypted.

In clear are only: the day it arrived, the language of the page, what kind of submission the reader chose,
the handlers' status, and for files their cleaned type and size. Files live in ``SUBMISSIONS_ROOT`` under
random names, encrypted (``crypto``); the database row holds the encrypted original name.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SubmissionKind(models.TextChoices):
    INFORMATION = "information", _("Information or a tip")
    MUSEUM = "museum", _("An item for the museum of the protests")


class SubmissionStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("Being looked at")
    DONE = "done", _("Done")


class Submission(models.Model):
    received_on = models.DateField(_("received on"))
    language = models.CharField(_("language"), max_length=8)
    kind = models.CharField(_("kind"), max_length=16, choices=SubmissionKind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=SubmissionStatus.choices, default=SubmissionStatus.NEW
    )
    text_encrypted = models.TextField(editable=False)
    contact_encrypted = models.TextField(blank=True, editable=False)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-received_on", "-pk"]
        permissions = [("handle_submission", "Can read and handle readers' submissions")]

    def __str__(self) -> str:
        return f"#{self.pk} ({self.received_on})"


class SubmissionFile(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="files")
    name_encrypted = models.TextField(editable=False)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(help_text=_("Bytes, after metadata was removed."))
    stored_as = models.CharField(max_length=64, unique=True, editable=False)

    class Meta:
        verbose_name = _("submitted file")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"file #{self.pk} of submission #{self.submission_id}"
