"""Sending a campaign: crash-safe, resumable, one sender per campaign at a time.

How a crash can neither skip nor double a reader:

* Recipients are rows (``Delivery``), created once per (campaign, subscriber) when sending starts.
* A row is marked ``sent`` only after the SMTP server accepted its message; outcomes are committed per batch
  (``NEWSLETTER_BATCH_SIZE``). A sender killed mid-batch leaves those rows ``pending``: they are sent again by the
  next sender. Only messages accepted since the last commit (the "in flight" batch) can arrive twice, and they
  carry the same deterministic Message-ID, so clients and relays can recognise the copy.
* The sender holds a lease on the campaign (``lease_owner``/``lease_until``) renewed after every batch. A task that
  finds a live lease does nothing; one that finds an expired lease (its holder died) takes over.
* With the database task backend, every sender queues a *watchdog*: the same task again, due when its lease would
  expire. If the sender died, the watchdog resumes the campaign on whichever worker runs it next; if the sender is
  alive, the watchdog re-queues itself; if the campaign is finished, it ends. A campaign has at most one such
  wake-up pending (``Campaign.wakeup_at``): a request for a later one than is already queued adds nothing, so a
  delivery waiting for its retry cannot make the watchdogs multiply.

What is stored or logged of an SMTP reply is its code and enhanced status ("550 5.1.1"): servers name the
recipient in the text (``550 5.1.1 <reader@example.org>: user unknown``).
"""

import contextlib
import datetime
import logging
import re
import secrets
import smtplib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parseaddr

from django.conf import settings
from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone

from . import crypto
from .addresses import addresses_scrubbed
from .models import Campaign, Delivery, Subscriber
from .rendering import MessageFactory, mail_domain, message_id, message_id_random
from .selectors import CampaignProgress, campaign_progress

logger = logging.getLogger(__name__)

RETRY_DELAYS = [60, 300, 1800, 7200]  # seconds after the 1st, 2nd, 3rd, 4th temporary failure; then it failed
SMTP_TIMEOUT = 30
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
_ENHANCED_STATUS = re.compile(rb"\s*([245]\.\d{1,3}\.\d{1,3})(?![\d.])")


class TransportDown(Exception):
    """The SMTP server cannot be reached: stop this run, retry later."""


@dataclass
class Outcome:
    accepted: bool
    permanent: bool = False  # no retry
    error: str = ""
    hard_bounce: bool = False  # the server refused the address for good: suppress it


class SmtpTransport:
    """One reused SMTP connection; reconnects once when the server dropped it."""

    def __init__(self):
        self.connection: smtplib.SMTP | None = None

    def open(self) -> None:
        try:
            # EHLO names the mail domain, not this machine (smtplib would send its FQDN).
            connection = smtplib.SMTP(
                settings.EMAIL_HOST, settings.EMAIL_PORT, local_hostname=mail_domain(), timeout=SMTP_TIMEOUT
            )
            if settings.EMAIL_USE_TLS:
                connection.starttls()
            if settings.EMAIL_HOST_USER:
                connection.login(settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD)
        except (OSError, smtplib.SMTPException) as error:
            reason = addresses_scrubbed(f"{type(error).__name__}: {error}")
            raise TransportDown(f"{settings.EMAIL_HOST}:{settings.EMAIL_PORT}: {reason}") from None
        self.connection = connection

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.quit()
            except (OSError, smtplib.SMTPException):
                self.connection.close()
            self.connection = None

    def send(self, sender: str, recipient: str, message: bytes) -> Outcome:
        for attempt in (1, 2):
            if self.connection is None:
                self.open()
            try:
                self.connection.sendmail(sender, [recipient], message)
                return Outcome(accepted=True)
            except smtplib.SMTPRecipientsRefused as error:
                code, text = next(iter(error.recipients.values()))
                return _reply_outcome(code, text)
            except (smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as error:
                return _reply_outcome(error.smtp_code, error.smtp_error)
            except (TimeoutError, smtplib.SMTPServerDisconnected, ConnectionError, OSError):
                self.connection = None  # dropped: reconnect and try this message once more
                if attempt == 2:
                    return Outcome(accepted=False, error="connection lost")
            except smtplib.SMTPResponseException as error:
                return _reply_outcome(error.smtp_code, error.smtp_error)
            except smtplib.SMTPException as error:
                return Outcome(accepted=False, error=f"SMTP error ({type(error).__name__})")
        return Outcome(accepted=False, error="connection lost")


class DjangoTransport:
    """For development (console backend) and tests without SMTP: hands the message to Django's mail backend."""

    def __init__(self):
        from django.core.mail import get_connection

        self.connection = get_connection()

    def open(self) -> None:
        self.connection.open()

    def close(self) -> None:
        self.connection.close()

    def send(self, sender: str, recipient: str, message: bytes) -> Outcome:
        from .mailing import RawEmailMessage

        self.connection.send_messages([RawEmailMessage(raw=message, from_email=sender, to=[recipient])])
        return Outcome(accepted=True)


def transport_for_settings():
    if settings.EMAIL_BACKEND == SMTP_BACKEND:
        return SmtpTransport()
    return DjangoTransport()


def mail_send(message) -> Outcome:
    """Send one mail Django built (a confirmation) and say what became of it; never raises for a refusal.

    Over ``SmtpTransport`` when mail goes over SMTP, so a refusal comes back as codes rather than as an exception
    whose text names the recipient (Django's SMTP backend raises ``SMTPRecipientsRefused({address: reply})``).
    """
    if settings.EMAIL_BACKEND != SMTP_BACKEND:
        message.send()
        return Outcome(accepted=True)
    sender = parseaddr(message.from_email)[1]
    raw = message.message().as_bytes(linesep="\r\n")
    transport = SmtpTransport()
    try:
        return transport.send(sender, message.to[0], raw)
    except TransportDown as error:
        return Outcome(accepted=False, error=f"SMTP unavailable ({error})"[:300])
    finally:
        transport.close()


def smtp_reply_summary(code: int, text: bytes | str = b"") -> str:
    """The reply code and, when the text starts with one, the enhanced status code: ``"550 5.1.1"``; nothing else
    of the server's text, which usually names the recipient."""
    if isinstance(text, str):
        text = text.encode("utf-8", "replace")
    enhanced = _ENHANCED_STATUS.match(text or b"")
    return f"{code} {enhanced.group(1).decode()}" if enhanced else str(code)


def _reply_outcome(code: int, text) -> Outcome:
    permanent = 500 <= code < 600
    return Outcome(accepted=False, permanent=permanent, error=smtp_reply_summary(code, text), hard_bounce=permanent)


@dataclass
class RunResult:
    state: str
    progress: CampaignProgress | None = None
    sent_now: int = 0
    notes: list[str] = field(default_factory=list)


def _lease_take(campaign_id: int, owner: str) -> bool:
    now = timezone.now()
    until = now + datetime.timedelta(seconds=settings.NEWSLETTER_LEASE_SECONDS)
    free = Q(lease_until__isnull=True) | Q(lease_until__lt=now) | Q(lease_owner=owner)
    return bool(
        Campaign.objects.filter(free, pk=campaign_id, status=Campaign.Status.SENDING).update(
            lease_owner=owner, lease_until=until
        )
    )


def _lease_renew(campaign_id: int, owner: str) -> bool:
    until = timezone.now() + datetime.timedelta(seconds=settings.NEWSLETTER_LEASE_SECONDS)
    return bool(
        Campaign.objects.filter(pk=campaign_id, lease_owner=owner, status=Campaign.Status.SENDING).update(
            lease_until=until
        )
    )


def _lease_release(campaign_id: int, owner: str) -> None:
    Campaign.objects.filter(pk=campaign_id, lease_owner=owner).update(lease_owner="", lease_until=None)


def _wakeup_request(campaign_id: int, *, delay: float) -> bool:
    """Make sure the send task runs again within ``delay`` seconds (only backends that can defer: not 'immediate').

    At most one wake-up is pending per campaign (``wakeup_at``): if one is due sooner, nothing is queued; only an
    earlier one replaces it (the later task, when it runs, finds a wake-up pending and queues nothing more).
    True if a task was queued.
    """
    from .tasks import campaign_send_task

    if not campaign_send_task.get_backend().supports_defer:
        return False
    when = timezone.now() + datetime.timedelta(seconds=delay)
    with transaction.atomic():
        queued = (
            Campaign.objects.filter(pk=campaign_id)
            .filter(Q(wakeup_at__isnull=True) | Q(wakeup_at__gt=when))
            .update(wakeup_at=when)
        )
        if queued:
            campaign_send_task.using(run_after=when).enqueue(campaign_id)
    return bool(queued)


def _wakeup_arrived(campaign_id: int) -> None:
    """The wake-up that was due has come (this run is it, or does its work): a new one may be queued."""
    Campaign.objects.filter(pk=campaign_id, wakeup_at__lte=timezone.now()).update(wakeup_at=None)


def campaign_send(
    *,
    campaign_id: int,
    on_progress: Callable[[CampaignProgress], None] | None = None,
    watchdog: bool = True,
) -> str:
    """Send what remains of a campaign; returns the state it left the campaign in (for logs and the command)."""
    owner = secrets.token_hex(8)
    if watchdog:
        _wakeup_arrived(campaign_id)
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None or campaign.status != Campaign.Status.SENDING:
        return campaign.status if campaign else "missing"
    if watchdog:
        # Queued before anything else: if this process dies at any point from here on, the watchdog resumes.
        _wakeup_request(campaign_id, delay=settings.NEWSLETTER_LEASE_SECONDS + 1)
    if not _lease_take(campaign_id, owner):
        return "busy"
    transport = transport_for_settings()
    try:
        return _send_batches(campaign, owner=owner, transport=transport, on_progress=on_progress)
    except TransportDown as error:
        logger.warning("campaign %s: SMTP unavailable (%s); retrying later", campaign_id, addresses_scrubbed(error))
        return "smtp-unavailable"
    finally:
        transport.close()
        _lease_release(campaign_id, owner)


def _send_batches(campaign: Campaign, *, owner: str, transport, on_progress) -> str:
    factory = MessageFactory(campaign)
    batch_size = max(1, settings.NEWSLETTER_BATCH_SIZE)
    rate = settings.NEWSLETTER_RATE
    interval = 1.0 / rate if rate > 0 else 0.0
    next_send = time.monotonic()
    while True:
        if not _lease_renew(campaign.pk, owner):
            return Campaign.objects.filter(pk=campaign.pk).values_list("status", flat=True).first() or "missing"
        now = timezone.now()
        batch = list(
            Delivery.objects.filter(campaign=campaign, status=Delivery.Status.PENDING)
            .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
            .select_related("subscriber")
            .only(
                "id",
                "subscriber",
                "attempts",
                "subscriber__id",
                "subscriber__status",
                "subscriber__email_encrypted",
                "subscriber__public_id",
                "subscriber__manage_nonce",
            )
            .order_by("id")[:batch_size]
        )
        if not batch:
            return _finish_or_wait(campaign)
        outcomes: list[tuple[Delivery, Outcome | None, str]] = []
        try:
            for delivery in batch:
                subscriber = delivery.subscriber
                if (
                    subscriber is None
                    or subscriber.status != Subscriber.Status.CONFIRMED
                    or not subscriber.email_encrypted
                ):
                    outcomes.append((delivery, None, ""))
                    continue
                try:
                    recipient = crypto.address_decrypt(subscriber.email_encrypted)
                except crypto.InvalidToken:
                    error = "the address cannot be decrypted with the configured keys"
                    outcomes.append((delivery, Outcome(accepted=False, permanent=True, error=error), ""))
                    continue
                manage_url, unsubscribe_url = factory.links(
                    public_id=subscriber.public_id, nonce=subscriber.manage_nonce
                )
                raw = factory.build(
                    recipient=recipient,
                    message_id=message_id(campaign_uuid=campaign.uuid, delivery_id=delivery.pk),
                    manage_url=manage_url,
                    unsubscribe_url=unsubscribe_url,
                    date=now,
                )
                if interval:
                    pause = next_send - time.monotonic()
                    if pause > 0:
                        time.sleep(pause)
                    next_send = max(next_send, time.monotonic()) + interval
                outcomes.append((delivery, transport.send(factory.sender, recipient, raw), recipient))
        finally:
            # What the server accepted is recorded even when the connection went down mid-batch.
            _outcomes_record(outcomes)
        if on_progress:
            on_progress(campaign_progress(campaign))


def _outcomes_record(outcomes: list[tuple["Delivery", Outcome | None, str]]) -> None:
    now = timezone.now()
    sent = [delivery.pk for delivery, outcome, _recipient in outcomes if outcome and outcome.accepted]
    skipped = [delivery.pk for delivery, outcome, _recipient in outcomes if outcome is None]
    with transaction.atomic():
        if sent:
            Delivery.objects.filter(pk__in=sent).update(status=Delivery.Status.SENT, sent_at=now, last_error="")
        if skipped:
            Delivery.objects.filter(pk__in=skipped, status=Delivery.Status.PENDING).update(
                status=Delivery.Status.SKIPPED
            )
        for delivery, outcome, recipient in outcomes:
            if outcome is None or outcome.accepted:
                continue
            attempts = delivery.attempts + 1
            if outcome.permanent or attempts > len(RETRY_DELAYS):
                Delivery.objects.filter(pk=delivery.pk).update(
                    status=Delivery.Status.FAILED, attempts=attempts, last_error=outcome.error
                )
                if outcome.hard_bounce and recipient:
                    from .addresses import InvalidAddress
                    from .services import address_suppress

                    # An address stored before today's rules may not normalise: the failure is recorded anyway.
                    with contextlib.suppress(InvalidAddress):
                        address_suppress(email=recipient)
            else:
                delay = datetime.timedelta(seconds=RETRY_DELAYS[attempts - 1])
                Delivery.objects.filter(pk=delivery.pk).update(
                    attempts=attempts, next_attempt_at=now + delay, last_error=outcome.error
                )


def _finish_or_wait(campaign: Campaign) -> str:
    waiting = Delivery.objects.filter(campaign=campaign, status=Delivery.Status.PENDING).aggregate(
        next=Min("next_attempt_at")
    )["next"]
    if waiting is not None:
        _wakeup_request(campaign.pk, delay=max(1.0, (waiting - timezone.now()).total_seconds()))
        return "waiting"
    Campaign.objects.filter(pk=campaign.pk, status=Campaign.Status.SENDING).update(
        status=Campaign.Status.SENT, finished_at=timezone.now()
    )
    return Campaign.Status.SENT


def campaign_send_test(*, campaign: Campaign, recipient: str) -> Outcome:
    """One copy of a campaign to an editor, marked [TEST]; its links lead to an explanation, not to a reader."""
    from .addresses import address_normalise

    address = address_normalise(recipient)
    factory = MessageFactory(campaign, subject_prefix="[TEST] ")
    manage_url, unsubscribe_url = factory.links(public_id="test", nonce="test")
    raw = factory.build(
        recipient=address,
        message_id=message_id_random(),
        manage_url=manage_url,
        unsubscribe_url=unsubscribe_url,
    )
    transport = transport_for_settings()
    try:
        return transport.send(factory.sender, address, raw)
    finally:
        transport.close()
