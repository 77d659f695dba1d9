"""The mark on a draft made by machine translation (``translations.machine_drafts``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Revision


class MachineDraft(models.Model):
    """A page whose text a machine translation engine wrote. It stays marked as machine-made while its latest
    revision still holds exactly that text (``content_digest``): the first edit by a person lifts the mark."""

    page = models.OneToOneField(Page, on_delete=models.CASCADE, related_name="machine_draft")
    engine = models.CharField(_("engine"), max_length=32)
    source_language = models.CharField(max_length=8)
    source_revision = models.ForeignKey(Revision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    content_digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("machine-translated draft")
        verbose_name_plural = _("machine-translated drafts")

    def __str__(self) -> str:
        return f"{self.page_id} ({self.engine}, from {self.source_language})"
