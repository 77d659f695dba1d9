"""Where readers find the site when it is blocked: mirror addresses and the onion address (site settings).

Editors keep them in Settings → "Mirrors and onion address". Each address has a note per language ("works from
Belarus without a VPN", …), shown on the "how to reach us" page of every language, live and mirrored.
"""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Orderable

#: The languages notes are written in (the site's languages; a missing note falls back to English).
NOTE_LANGUAGES = ("en", "be", "ru")


def validate_onion_address(value: str) -> None:
    """An http(s) address whose host is a v3 onion service (56 base32 characters + ``.onion``)."""
    URLValidator(schemes=["http", "https"])(value)
    host = value.split("://", 1)[1].split("/", 1)[0].split(":", 1)[0].lower()
    label = host.removesuffix(".onion").rsplit(".", 1)[-1]
    if (
        not host.endswith(".onion")
        or len(label) != 56
        or not all(c in "abcdefghijklmnopqrstuvwxyz234567" for c in label)
    ):
        raise ValidationError(_("Enter the address of a v3 onion service, e.g. http://<56 letters and digits>.onion/"))


class Notes(models.Model):
    """A short note in each language."""

    note_en = models.TextField(_("note (English)"), blank=True)
    note_be = models.TextField(_("note (Belarusian)"), blank=True)
    note_ru = models.TextField(_("note (Russian)"), blank=True)

    class Meta:
        abstract = True

    def note(self, language: str | None = None) -> str:
        """The note in ``language`` (the active one by default), else the English note."""
        language = (language or translation.get_language() or "en").split("-")[0]
        if language in NOTE_LANGUAGES:
            return getattr(self, f"note_{language}") or self.note_en
        return self.note_en


@register_setting(icon="globe")
class MirrorSettings(Notes, BaseGenericSetting, ClusterableModel):
    """The onion address and the list of current mirrors; the notes introduce the "how to reach us" page."""

    onion_address = models.CharField(
        _("onion address"),
        max_length=200,
        blank=True,
        validators=[validate_onion_address],
        help_text=_("The Tor onion service of the site, e.g. http://…56 characters….onion/ (sent as Onion-Location)."),
    )

    panels = [
        FieldPanel("onion_address"),
        MultiFieldPanel(
            [FieldPanel("note_en"), FieldPanel("note_be"), FieldPanel("note_ru")], heading=_("Introduction")
        ),
        InlinePanel("addresses", label=_("Mirror addresses")),
    ]

    class Meta:
        verbose_name = _("mirrors and onion address")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    @property
    def onion_origin(self) -> str:
        """``http://abc….onion`` (no trailing slash), or "" when none is set."""
        return self.onion_address.strip().rstrip("/")


class MirrorAddress(Notes, Orderable):
    """One place the mirror is served from (another host, an IPFS gateway, …), with what readers should know."""

    settings = ParentalKey(MirrorSettings, on_delete=models.CASCADE, related_name="addresses")
    url = models.URLField(_("address"), max_length=500)
    active = models.BooleanField(_("listed"), default=True, help_text=_("Untick when the address is blocked or gone."))

    panels = [
        FieldPanel("url"),
        FieldPanel("active"),
        FieldPanel("note_en"),
        FieldPanel("note_be"),
        FieldPanel("note_ru"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("mirror address")
        verbose_name_plural = _("mirror addresses")

    def __str__(self) -> str:
        return self.url


class MirrorPushRecord(models.Model):
    """The last push to one target (``MIRROR_TARGETS``): when it worked, how long, how much, what went wrong.

    Holds the target's name only: its address and credentials stay in the environment (docs/security.md).
    """

    target = models.CharField(_("target"), max_length=60, unique=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("last success"), null=True, blank=True)
    seconds = models.FloatField(_("duration (seconds)"), default=0)
    bytes = models.BigIntegerField(_("bytes sent"), default=0)
    transferred = models.PositiveIntegerField(_("files sent"), default=0)
    deleted = models.PositiveIntegerField(_("files deleted"), default=0)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["target"]
        verbose_name = _("mirror push")
        verbose_name_plural = _("mirror pushes")

    def __str__(self) -> str:
        return self.target

    @property
    def ok(self) -> bool:
        return not self.error and self.last_success_at is not None
