"""Newsletter actions: subscribing, confirming, leaving, preparing and approving campaigns, bounces.

Every function is keyword-only and idempotent where a reader can repeat it (double clicks, replayed links).
Sending itself is in ``sending.py``.
"""

import datetime
import logging
import secrets
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from samvydat.core.i18n import own_language_q
from samvydat.core.selectors import for_readers
from samvydat.security import ratelimit

from . import crypto, rendering
from .addresses import address_index_form, address_normalise, mailbox_owner
from .models import Campaign, Delivery, Subscriber, Suppression, this_hour
from .tokens import BadToken, confirm_token, confirm_token_read, manage_token, manage_token_read

UNCONFIRMED_LIFETIME = datetime.timedelta(hours=48)
LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}
logger = logging.getLogger(__name__)


class CampaignStateError(Exception):
    """The campaign is not in a state that allows this action (the message says which)."""


def language_or_default(language: str | None) -> str:
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


def _index_of(address: str) -> str:
    return crypto.address_index(address_index_form(address))


def _suppressed(address: str) -> bool:
    return Suppression.objects.filter(digest=crypto.suppression_digest(address_index_form(address))).exists()


def confirmation_allowed(address: str) -> bool:
    """Count one confirmation mail against the caps; False when one is full (nothing is sent then).

    Per mailbox owner (``mailbox_owner``: ``a+1@x`` and ``a+2@x`` are one reader) per day, and on the whole site
    per hour, in the shared limits cache (``security.ratelimit``: keys are HMACs, gone after two windows).
    """
    if not ratelimit.limit_hit(
        scope="newsletter-confirmation-mailbox",
        key=mailbox_owner(address),
        limit=settings.NEWSLETTER_CONFIRMATIONS_PER_MAILBOX,
        window_seconds=24 * 3600,
    ):
        return False
    return ratelimit.limit_hit(
        scope="newsletter-confirmation", limit=settings.NEWSLETTER_CONFIRMATIONS_PER_HOUR, window_seconds=3600
    )


# --- Readers ---------------------------------------------------------------------------------------------


def subscriber_subscribe(*, email: str, language: str) -> None:
    """Ask for a subscription: a confirmation mail goes out, within the caps (``confirmation_allowed``).

    Returns nothing on purpose: the caller must answer the same whether the address was new, pending, subscribed,
    suppressed or over a cap. Raises ``InvalidAddress`` for an address we cannot use. Over a cap or suppressed,
    nothing is written.
    """
    address = address_normalise(email)
    language = language_or_default(language)
    if _suppressed(address) or not confirmation_allowed(address):
        return
    index = _index_of(address)
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email_index=index).first()
        if subscriber is None:
            try:
                with transaction.atomic():
                    subscriber = Subscriber.objects.create(
                        email_index=index, email_encrypted=crypto.address_encrypt(address), language=language
                    )
            except IntegrityError:  # the same address, submitted twice at once
                subscriber = Subscriber.objects.select_for_update().get(email_index=index)
        if subscriber.status != Subscriber.Status.CONFIRMED:
            subscriber.email_encrypted = crypto.address_encrypt(address)
            subscriber.language = language
            subscriber.requested_at = this_hour()
            subscriber.save(update_fields=["email_encrypted", "language", "requested_at"])
        from .tasks import confirmation_enqueue

        transaction.on_commit(partial(confirmation_enqueue, subscriber.pk), robust=True)


def confirmation_send(*, subscriber_id: int) -> bool:
    """Mail the confirmation link (or, to a confirmed reader, the manage link) in the reader's language.

    A permanent refusal (5xx) suppresses the address; what is logged is the reply code, never the address.
    """
    from .sending import mail_send

    subscribers_prune_unconfirmed()
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None or not subscriber.email_encrypted:
        return False
    already = subscriber.status == Subscriber.Status.CONFIRMED
    language = subscriber.language
    with translation.override(language):
        if already:
            subject = gettext("You are already subscribed to the samvydat newsletter")
            token = manage_token(public_id=subscriber.public_id, nonce=subscriber.manage_nonce)
            links = {"manage_url": rendering.link_prefix("newsletter:manage", language).replace("__TOKEN__", token)}
        else:
            subject = gettext("Confirm your subscription to the samvydat newsletter")
            token = confirm_token(public_id=subscriber.public_id, nonce=subscriber.confirm_nonce)
            links = {"confirm_url": rendering.link_prefix("newsletter:confirm", language).replace("__TOKEN__", token)}
        body = render_to_string("newsletter/mail/confirmation.txt", {"already_subscribed": already, **links})
    address = crypto.address_decrypt(subscriber.email_encrypted)
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.NEWSLETTER_FROM_EMAIL,
        to=[address],
        headers={
            "Auto-Submitted": "auto-replied",
            "Content-Language": language,
            "Message-ID": rendering.message_id_random(),  # not Django's, which names this machine and process
        },
    )
    outcome = mail_send(message)
    if outcome.accepted:
        return True
    logger.warning("newsletter: a confirmation mail was refused (%s)", outcome.error)
    if outcome.hard_bounce:
        address_suppress(email=address)
    return False


def subscribers_prune_unconfirmed(*, now: datetime.datetime | None = None) -> int:
    """Forget requests nobody confirmed within 48 hours (their addresses were never ours to keep)."""
    cutoff = (now or timezone.now()) - UNCONFIRMED_LIFETIME
    deleted, _detail = Subscriber.objects.filter(
        status=Subscriber.Status.PENDING, requested_at__lt=cutoff, deliveries__isnull=True
    ).delete()
    return deleted


def subscriber_by_confirm_token(token: str) -> Subscriber:
    claim = confirm_token_read(token)
    subscriber = Subscriber.objects.filter(public_id=claim.public_id, confirm_nonce=claim.nonce).first()
    if subscriber is None or not subscriber.email_encrypted:
        raise BadToken()
    return subscriber


def subscriber_by_manage_token(token: str) -> Subscriber | None:
    """The subscriber of a manage link; ``None`` when the link is genuine but the subscription has ended (the row
    is deleted on leaving); ``BadToken`` when the link is not ours."""
    claim = manage_token_read(token)
    return Subscriber.objects.filter(public_id=claim.public_id, manage_nonce=claim.nonce).first()


def subscriber_confirm(*, token: str) -> Subscriber:
    """Confirm a subscription (idempotent: a second click confirms nothing new). ``BadToken`` otherwise."""
    with transaction.atomic():
        subscriber = subscriber_by_confirm_token(token)
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.status == Subscriber.Status.PENDING:
            subscriber.status = Subscriber.Status.CONFIRMED
            subscriber.confirmed_at = this_hour()
            subscriber.manage_nonce = secrets.token_hex(8)  # links in mails of an earlier subscription stop working
            subscriber.save(update_fields=["status", "confirmed_at", "manage_nonce"])
        return subscriber


def subscriber_unsubscribe(*, token: str) -> None:
    """Leave (idempotent): the subscriber's row is deleted, pending deliveries skipped. ``BadToken`` for a link
    that is not ours; a genuine link of a subscription that already ended changes nothing."""
    with transaction.atomic():
        subscriber = subscriber_by_manage_token(token)
        if subscriber is not None:
            _subscriber_delete(subscriber)


def subscriber_language_change(*, token: str, language: str) -> Subscriber:
    with transaction.atomic():
        subscriber = subscriber_by_manage_token(token)
        if language not in LANGUAGE_CODES:
            raise ValueError("unknown language")
        if subscriber is None or subscriber.status != Subscriber.Status.CONFIRMED:
            raise BadToken()
        Subscriber.objects.filter(pk=subscriber.pk).update(language=language)
        subscriber.language = language
        return subscriber


def _subscriber_delete(subscriber: Subscriber) -> None:
    """Forget a subscriber: the row goes (blind index, encrypted address, times); deliveries keep their counts."""
    Delivery.objects.filter(subscriber=subscriber, status=Delivery.Status.PENDING).update(
        status=Delivery.Status.SKIPPED
    )
    Subscriber.objects.filter(pk=subscriber.pk).delete()


def address_suppress(*, email: str) -> bool:
    """Never mail this address again (a hard bounce): its subscriber row is deleted and only the suppression
    HMAC is kept. True if a subscriber was removed. ``InvalidAddress`` for an address we cannot use."""
    address = address_normalise(email)
    with transaction.atomic():
        Suppression.objects.get_or_create(digest=crypto.suppression_digest(address_index_form(address)))
        subscriber = Subscriber.objects.select_for_update().filter(email_index=_index_of(address)).first()
        if subscriber is None:
            return False
        _subscriber_delete(subscriber)
        return True


def suppression_lift(*, email: str) -> bool:
    """Let a suppressed address subscribe again (its owner asked the editors). True if it was suppressed.
    ``InvalidAddress`` for an address we cannot use."""
    address = address_normalise(email)
    digest = crypto.suppression_digest(address_index_form(address))
    deleted, _detail = Suppression.objects.filter(digest=digest).delete()
    return bool(deleted)


def bounce_record(*, email: str, hard: bool) -> bool:
    """A bounce report for an address; a hard bounce of a subscriber suppresses it. True if one was suppressed.

    Reports about addresses that are not subscribed are ignored (nothing is recorded about strangers).
    """
    try:
        address = address_normalise(email)
    except ValueError:
        return False
    if not hard or not Subscriber.objects.filter(email_index=_index_of(address)).exists():
        return False
    return address_suppress(email=address)


# --- Campaigns -------------------------------------------------------------------------------------------


def _translations_live(page):
    return [page, *for_readers(page.get_translations()).filter(own_language_q()).specific()]


def digest_prepare(*, issue_id: int) -> list[Campaign]:
    """One draft digest per language of a published issue; drafts are re-rendered, others left alone.

    Only the latest week gets a digest, so importing or correcting archive issues mails nobody.
    """
    from samvydat.weekly.models import WeeklyIssuePage

    issue = for_readers(WeeklyIssuePage.objects).filter(pk=issue_id).first()
    if issue is None:
        return []
    later = for_readers(WeeklyIssuePage.objects).filter(locale_id=issue.locale_id, week_start__gt=issue.week_start)
    if later.exists():  # an archive issue published (or corrected) late: readers get the current week only
        return []
    campaigns = []
    for version in _translations_live(issue):
        language = version.locale.language_code
        mail = rendering.digest_render(issue=version, language=language)
        with transaction.atomic():
            campaign, created = Campaign.objects.select_for_update().get_or_create(
                kind=Campaign.Kind.DIGEST,
                page=version,
                language=language,
                defaults={"subject": mail.subject, "html_body": mail.html, "text_body": mail.text},
            )
            if not created and campaign.status == Campaign.Status.DRAFT:
                campaign.subject, campaign.html_body, campaign.text_body = mail.subject, mail.html, mail.text
                campaign.save(update_fields=["subject", "html_body", "text_body"])
        campaigns.append(campaign)
    return campaigns


def page_campaigns_prepare(*, page) -> list[Campaign]:
    """Draft campaigns announcing a live page, one per live translation."""
    campaigns = []
    for version in _translations_live(page.specific):
        mail = rendering.page_render(page=version)
        campaigns.append(
            Campaign.objects.create(
                kind=Campaign.Kind.PAGE,
                page=version,
                language=version.locale.language_code,
                subject=mail.subject,
                html_body=mail.html,
                text_body=mail.text,
            )
        )
    return campaigns


def campaign_subject_change(*, campaign: Campaign, subject: str) -> Campaign:
    subject = rendering.subject_clean(subject)
    if not subject:
        raise CampaignStateError(gettext("The subject cannot be empty."))
    with transaction.atomic():
        updated = Campaign.objects.filter(pk=campaign.pk, status=Campaign.Status.DRAFT).update(subject=subject)
    if not updated:
        raise CampaignStateError(gettext("Only a draft can be changed."))
    campaign.subject = subject
    return campaign


def _transition(campaign: Campaign, *, allowed: set[str], message: str, **changes) -> Campaign:
    with transaction.atomic():
        updated = Campaign.objects.filter(pk=campaign.pk, status__in=allowed).update(**changes)
    if not updated:
        raise CampaignStateError(message)
    campaign.refresh_from_db()
    return campaign


def campaign_approve(*, campaign: Campaign, user) -> Campaign:
    return _transition(
        campaign,
        allowed={Campaign.Status.DRAFT},
        message=gettext("Only a draft can be approved."),
        status=Campaign.Status.APPROVED,
        approved_by=user,
        approved_at=timezone.now(),
    )


def campaign_schedule(*, campaign: Campaign, when: datetime.datetime) -> Campaign:
    if when <= timezone.now():
        raise CampaignStateError(gettext("Choose a time in the future."))
    campaign = _transition(
        campaign,
        allowed={Campaign.Status.APPROVED, Campaign.Status.SCHEDULED},
        message=gettext("Approve the campaign before scheduling it."),
        status=Campaign.Status.SCHEDULED,
        scheduled_at=when,
    )
    from .tasks import campaign_start_task

    if campaign_start_task.get_backend().supports_defer:
        transaction.on_commit(partial(campaign_start_task.using(run_after=when).enqueue, campaign.pk), robust=True)
    return campaign


def campaign_start(*, campaign_id: int, force: bool = False) -> Campaign | None:
    """Begin sending an approved campaign (or a scheduled one that is due, or ``force``d).

    Takes the snapshot of recipients: one delivery row per confirmed subscriber of the campaign's language,
    created in one statement. Idempotent: a second call finds the campaign already sending.
    """
    now = timezone.now()
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().filter(pk=campaign_id).first()
        if campaign is None:
            return None
        due = campaign.status == Campaign.Status.APPROVED or (
            campaign.status == Campaign.Status.SCHEDULED and (force or campaign.scheduled_at <= now)
        )
        if not due:
            return campaign
        _deliveries_create(campaign)
        campaign.status = Campaign.Status.SENDING
        campaign.started_at = now
        campaign.save(update_fields=["status", "started_at"])
    from .tasks import campaign_send_task

    campaign_send_task.enqueue(campaign.pk)
    return campaign


def _deliveries_create(campaign: Campaign) -> None:
    delivery, subscriber = Delivery._meta.db_table, Subscriber._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {delivery} (campaign_id, subscriber_id, status, attempts, last_error) "
            f"SELECT %s, id, %s, 0, '' FROM {subscriber} WHERE status = %s AND language = %s "
            "ON CONFLICT DO NOTHING",
            [campaign.pk, Delivery.Status.PENDING, Subscriber.Status.CONFIRMED, campaign.language],
        )


def campaign_pause(*, campaign: Campaign) -> Campaign:
    return _transition(
        campaign,
        allowed={Campaign.Status.SENDING},
        message=gettext("Only a campaign being sent can be paused."),
        status=Campaign.Status.PAUSED,
    )


def campaign_resume(*, campaign: Campaign) -> Campaign:
    campaign = _transition(
        campaign,
        allowed={Campaign.Status.PAUSED},
        message=gettext("Only a paused campaign can be resumed."),
        status=Campaign.Status.SENDING,
    )
    from .tasks import campaign_send_task

    transaction.on_commit(partial(campaign_send_task.enqueue, campaign.pk), robust=True)
    return campaign


def campaign_cancel(*, campaign: Campaign) -> Campaign:
    campaign = _transition(
        campaign,
        allowed={
            Campaign.Status.DRAFT,
            Campaign.Status.APPROVED,
            Campaign.Status.SCHEDULED,
            Campaign.Status.SENDING,
            Campaign.Status.PAUSED,
        },
        message=gettext("This campaign is already finished."),
        status=Campaign.Status.CANCELLED,
        finished_at=timezone.now(),
    )
    Delivery.objects.filter(campaign=campaign, status=Delivery.Status.PENDING).update(status=Delivery.Status.SKIPPED)
    return campaign
