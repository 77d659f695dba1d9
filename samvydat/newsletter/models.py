"""Subscribers (addresses encrypted, found by a blind index), suppressions, campaigns, one delivery per recipient."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

LANGUAGES = [(code, name) for code, name in settings.LANGUAGES]


def _nonce() -> str:
    return secrets.token_hex(8)


def _public_id() -> str:
    return secrets.token_hex(8)


def this_hour():
    """Now, rounded down to the hour: when a reader asked or confirmed is kept no finer than that (like comments)."""
    return timezone.now().replace(minute=0, second=0, microsecond=0)


class Subscriber(models.Model):
    """A reader's subscription. Holds only what sending needs: the address (encrypted), a language, a state.

    The address is never stored in clear: ``email_encrypted`` is a Fernet token, ``email_index`` an HMAC of the
    lower-cased address (keys outside the database). Leaving deletes the row: nothing answers "was this address
    ever subscribed?". A hard bounce deletes it too and leaves only a ``Suppression``.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for confirmation")
        CONFIRMED = "confirmed", _("confirmed")

    public_id = models.CharField(max_length=16, unique=True, default=_public_id, editable=False)
    email_index = models.CharField(max_length=64, unique=True, editable=False)
    email_encrypted = models.TextField(blank=True, editable=False)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGES)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    confirm_nonce = models.CharField(max_length=16, default=_nonce, editable=False)
    manage_nonce = models.CharField(max_length=16, default=_nonce, editable=False)
    # The hour the reader last asked to subscribe (unconfirmed requests are deleted 48 hours later) and confirmed.
    requested_at = models.DateTimeField(default=this_hour)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        indexes = [models.Index(fields=["status", "language"], name="newsletter_sub_status_lang")]

    def __str__(self) -> str:
        return f"{self.public_id} ({self.language}, {self.status})"


class Suppression(models.Model):
    """An address that must not be mailed again (a hard bounce): only an HMAC of it, under its own key.

    ``digest`` is ``crypto.suppression_digest`` (``NEWSLETTER_SUPPRESSION_KEY``, kept outside the database): no
    date, no language, no link to a subscriber or a campaign. Destroying the key forgets every suppression.
    """

    digest = models.CharField(max_length=64, unique=True, editable=False)

    class Meta:
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppressed addresses")

    def __str__(self) -> str:
        return self.digest[:12]


class Campaign(models.Model):
    """One mailing in one language: its rendered mail, its approval, its schedule and its sending state."""

    class Kind(models.TextChoices):
        DIGEST = "digest", _("weekly digest")
        PAGE = "page", _("page")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        APPROVED = "approved", _("approved")
        SCHEDULED = "scheduled", _("scheduled")
        SENDING = "sending", _("sending")
        PAUSED = "paused", _("paused")
        SENT = "sent", _("sent")
        CANCELLED = "cancelled", _("cancelled")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PAGE)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGES)
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("page")
    )
    subject = models.CharField(_("subject"), max_length=200)
    html_body = models.TextField(_("HTML body"), editable=False)
    text_body = models.TextField(_("plain-text body"), editable=False)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    scheduled_at = models.DateTimeField(_("scheduled for"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # Only one sender works on a campaign at a time: it holds the lease and renews it after every batch.
    lease_owner = models.CharField(max_length=32, blank=True, editable=False)
    lease_until = models.DateTimeField(null=True, blank=True, editable=False)
    # When the one queued watchdog (or retry) task of this campaign is due: never more than one is pending.
    wakeup_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "language", "kind"],
                condition=models.Q(kind="digest"),
                name="newsletter_one_digest_per_issue_language",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject} [{self.language}]"

    @property
    def is_editable(self) -> bool:
        return self.status in {self.Status.DRAFT, self.Status.APPROVED, self.Status.SCHEDULED}


class Delivery(models.Model):
    """One campaign to one subscriber. Marked ``sent`` only after the SMTP server accepted the message."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        SKIPPED = "skipped", _("skipped (unsubscribed or suppressed)")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="deliveries")
    # Emptied when the reader leaves or bounces (their row is deleted); the campaign's counts stay right.
    subscriber = models.ForeignKey(
        Subscriber, null=True, blank=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # The SMTP reply code and enhanced status of a failure ("550 5.1.1"): never the server's text, which names
    # the recipient.
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "subscriber"], name="newsletter_one_delivery_per_recipient")
        ]
        indexes = [models.Index(fields=["campaign", "status", "id"], name="newsletter_delivery_queue")]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.subscriber_id}: {self.status}"
