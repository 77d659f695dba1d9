"""An original shown, labelled with its real language, in another language's listings (``translations.labelled``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page


class ShownInLanguage(models.Model):
    """An editor's deliberate choice: ``page`` (an original) appears in ``locale``'s listings, feeds and search,
    marked "In English" with ``lang`` set to its own language, linking to its own address. It ends when a
    translation into ``locale`` is published (the translation takes its place)."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="shown_in_languages")
    locale = models.ForeignKey(Locale, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("original shown in another language")
        verbose_name_plural = _("originals shown in other languages")
        constraints = [models.UniqueConstraint(fields=["page", "locale"], name="shown_in_language_once")]

    def __str__(self) -> str:
        return f"{self.page_id} → {self.locale_id}"
