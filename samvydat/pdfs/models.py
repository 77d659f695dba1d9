"""The cache of generated PDFs: one file per page (a page is in one language)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class GeneratedPDF(models.Model):
    """The PDF made from a plan or weekly issue, and what it was made from.

    ``source_key`` fingerprints everything the PDF shows (the page's live revision and, for an issue, its
    live commentaries' revisions, plus the layout version): when it no longer matches, the PDF is stale.
    """

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page"))
    language = models.CharField(_("language"), max_length=16)
    file = models.FileField(_("file"), upload_to="pdfs/", max_length=255)
    source_key = models.CharField(max_length=64)
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("made from revision"),
    )
    source_published_at = models.DateTimeField(_("page published at"), null=True, blank=True)
    generated_at = models.DateTimeField(_("generated at"), auto_now=True)

    class Meta:
        verbose_name = _("generated PDF")
        verbose_name_plural = _("generated PDFs")
        constraints = [models.UniqueConstraint(fields=["page", "language"], name="pdfs_one_per_page_language")]

    def __str__(self) -> str:
        return f"{self.file.name} ({self.language})"
