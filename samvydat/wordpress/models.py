from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedPost(models.Model):
    """A WordPress post already imported: the key of an idempotent re-import (site address + ``wp:post_id``)."""

    site = models.CharField(_("WordPress site"), max_length=255, help_text=_("The export's wp:base_site_url."))
    post_id = models.PositiveBigIntegerField(_("WordPress post id"))
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page"))
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("imported WordPress post")
        verbose_name_plural = _("imported WordPress posts")
        constraints = [models.UniqueConstraint(fields=["site", "post_id"], name="wordpress_post_once_per_site")]

    def __str__(self) -> str:
        return f"{self.site} #{self.post_id}"
