"""The translation statuses and the rule that decides between them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    MISSING = "missing", _("missing")
    OUTDATED = "outdated", _("outdated")
    CURRENT = "current", _("up to date")


def status_decide(*, exists: bool, basis_digest: str | None, source_digest: str | None) -> Status:
    """``missing`` without a translation; ``outdated`` when the words of the source changed since the basis.

    ``basis_digest`` is the fingerprint of the source's text the translation was made from (None: unknown,
    taken as up to date), ``source_digest`` the fingerprint of the source's published text now.
    """
    if not exists:
        return Status.MISSING
    if basis_digest and source_digest and basis_digest != source_digest:
        return Status.OUTDATED
    return Status.CURRENT
