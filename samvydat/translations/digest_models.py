"""A translator's choice about the daily digest of outdated translations (``digest_services``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DigestPreference(models.Model):
    """No row: the digest is sent. Set in the admin's account settings ("Translation digest")."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_preference")
    send_digest = models.BooleanField(
        _("mail me the daily digest of outdated translations"),
        default=True,
        help_text=_("A list of the translations into your languages whose originals changed in the last day."),
    )

    class Meta:
        verbose_name = _("digest preference")
        verbose_name_plural = _("digest preferences")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.send_digest}"
