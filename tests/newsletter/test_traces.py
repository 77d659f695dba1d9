"""Attacks on the traces the newsletter leaves (issue 12): replies naming the reader, exact times, rows kept after
leaving, Message-IDs naming the server, confirmation floods through plus-addressing."""

import logging
import os
import re
import socket

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks.signals import task_finished

from samvydat.newsletter import crypto, services
from samvydat.newsletter.addresses import addresses_scrubbed, mailbox_owner
from samvydat.newsletter.models import Campaign, Delivery, Subscriber, Suppression
from samvydat.newsletter.sending import smtp_reply_summary
from samvydat.newsletter.tasks import confirmation_send_task
from samvydat.newsletter.tokens import manage_token

pytestmark = pytest.mark.django_db
CANARY = "Canary.Refused+x@Bounce-Land.example"
REFUSAL = "550 5.1.1 <{address}>: Recipient address rejected: User unknown in virtual mailbox table"


def no_canary(caplog) -> bool:
    """Nothing our side logged names the canary (aiosmtpd's own log, ``mail.log``, is the test server's)."""
    text = "\n".join(record.getMessage() for record in caplog.records if record.name != "mail.log").lower()
    return not any(form in text for form in ("canary.refused", "bounce-land.example", "canary"))


def logged(caplog) -> str:
    return "\n".join(record.getMessage() for record in caplog.records if record.name != "mail.log")


@pytest.fixture
def refusing(smtp):
    smtp.rcpt_replies["canary"] = REFUSAL
    return smtp


@pytest.fixture
def sign_up(client, settings, django_capture_on_commit_callbacks):
    """POST the subscribe form as many clients would (the site-wide sign-up cap is not what is tested here)."""
    settings.NEWSLETTER_SUBSCRIBE_GLOBAL_LIMIT = (10**9, 3600)

    def post(address: str, language: str = "en"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/en/newsletter/", {"email": address, "language": language})
        assert response.status_code == 302
        return response

    return post


# --- 1. SMTP replies name the recipient -----------------------------------------------------------------------
def test_reply_summaries_keep_codes_only():
    assert smtp_reply_summary(550, b"5.1.1 <a@b.example>: user unknown") == "550 5.1.1"
    assert smtp_reply_summary(451, "4.7.1 Greylisted, see http://x/?r=a@b.example") == "451 4.7.1"
    assert smtp_reply_summary(554, b"Message from a@b.example rejected") == "554"
    assert addresses_scrubbed("{'a.b+c@X.example': (550, b'<a.b+c@X.example>')} z@[192.0.2.1]") == (
        "{'<address>': (550, b'<<address>>')} <address>"
    )


def test_a_refusal_that_names_the_reader_stores_and_logs_only_its_code(refusing, make_subscriber, caplog):
    caplog.set_level(logging.DEBUG)
    canary = make_subscriber(CANARY)
    make_subscriber("fine@example.org")
    campaign = Campaign.objects.create(language="en", subject="s", html_body="h", text_body="t")
    services.campaign_approve(campaign=campaign, user=None)
    services.campaign_start(campaign_id=campaign.pk)
    (failed,) = Delivery.objects.filter(campaign=campaign, status="failed")
    assert failed.last_error == "550 5.1.1"
    assert not Subscriber.objects.filter(pk=canary.pk).exists()
    assert Suppression.objects.filter(digest=crypto.suppression_digest(CANARY.lower())).exists()
    assert no_canary(caplog)
    assert refusing.to("fine@example.org")


def test_a_refused_confirmation_raises_nothing_and_logs_no_address(refusing, sign_up, caplog):
    caplog.set_level(logging.DEBUG)
    sign_up(CANARY)
    assert not refusing.messages
    assert "550 5.1.1" in logged(caplog) and no_canary(caplog)
    assert not Subscriber.objects.exists()  # a 5xx: the request is dropped and the address suppressed
    assert Suppression.objects.count() == 1
    sign_up(CANARY)  # asked again: no mail is tried towards a suppressed address
    assert not Subscriber.objects.exists()


def test_any_error_in_a_task_is_stored_without_the_address(settings, make_subscriber, monkeypatch):
    """Whatever fails inside a task, the traceback django-tasks stores names no address."""
    reader = make_subscriber("reader@example.org", status="pending")

    def boom(**kwargs):
        raise RuntimeError("could not reach <reader@example.org> at all")

    monkeypatch.setattr(services, "confirmation_send", boom)
    result = confirmation_send_task.enqueue(reader.pk)
    assert result.status == "FAILED"
    traceback = "".join(error.traceback for error in result.errors)
    assert "NewsletterTaskError" in traceback and "could not reach <<address>> at all" in traceback
    assert "reader@example.org" not in traceback


# --- 2. Exact times ---------------------------------------------------------------------------------------
def test_a_readers_times_and_the_queued_confirmation_say_only_the_hour(client, settings, sign_up):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    sign_up("hours@example.org")
    subscriber = Subscriber.objects.get()
    assert (subscriber.requested_at.minute, subscriber.requested_at.second, subscriber.requested_at.microsecond) == (
        0,
        0,
        0,
    )
    (row,) = DBTaskResult.objects.filter(task_path__endswith="confirmation_send_task")
    assert (row.enqueued_at.minute, row.enqueued_at.second, row.enqueued_at.microsecond) == (0, 0, 0)
    # The worker runs it (as db_worker does) and the finished row, with its exact start and end, is deleted.
    row.claim("worker")
    row.set_successful(row.task.call(*row.task_result.args))
    task_finished.send(sender=type(row.task.get_backend()), task_result=row.task_result)
    assert not DBTaskResult.objects.filter(pk=row.pk).exists()
    token = re.search(r"/newsletter/confirm/(\S+?)/", mail.outbox[0].body).group(1)
    client.post(f"/en/newsletter/confirm/{token}/")
    confirmed = Subscriber.objects.get()
    assert confirmed.status == "confirmed"
    assert (confirmed.confirmed_at.minute, confirmed.confirmed_at.second, confirmed.confirmed_at.microsecond) == (
        0,
        0,
        0,
    )


# --- 3. Rows kept after leaving ----------------------------------------------------------------------------
def test_leaving_leaves_no_row_and_a_bounce_only_an_hmac_under_its_own_key(settings, make_subscriber, capsys):
    leaving = make_subscriber("leaving@example.org")
    services.subscriber_unsubscribe(token=manage_token(public_id=leaving.public_id, nonce=leaving.manage_nonce))
    index = crypto.address_index("leaving@example.org")
    assert not Subscriber.objects.filter(email_index=index).exists() and not Suppression.objects.exists()

    make_subscriber("bounced@example.org")
    assert services.bounce_record(email="bounced@example.org", hard=True)
    (suppression,) = Suppression.objects.all()
    assert not Subscriber.objects.exists()
    assert [field.name for field in Suppression._meta.concrete_fields] == ["id", "digest"]  # no date, no language
    assert suppression.digest != crypto.address_index("bounced@example.org")  # not the blind index
    assert suppression.digest == crypto.suppression_digest("bounced@example.org")
    services.subscriber_subscribe(email="bounced@example.org", language="en")
    assert not Subscriber.objects.exists()  # suppressed: no row, no mail
    call_command("newsletter_unsuppress", "Bounced@example.org")
    assert "Suppression lifted." in capsys.readouterr().out and not Suppression.objects.exists()
    services.subscriber_subscribe(email="bounced@example.org", language="en")
    assert Subscriber.objects.get().status == "pending"
    Subscriber.objects.all().delete()
    services.bounce_record(email="bounced@example.org", hard=True)  # only subscribers' bounces are recorded
    assert not Suppression.objects.exists()
    make_subscriber("bounced@example.org")
    services.bounce_record(email="bounced@example.org", hard=True)
    # Destroying the suppression key forgets it: with another key, the address is a stranger again.
    settings.NEWSLETTER_SUPPRESSION_KEY = "another-key-" + "x" * 32
    services.subscriber_subscribe(email="bounced@example.org", language="en")
    assert Subscriber.objects.filter(status="pending").count() == 1


# --- 4. Message-IDs and EHLO naming the server --------------------------------------------------------------
def test_message_ids_and_ehlo_name_the_mail_domain_not_this_machine(settings, smtp, sign_up, make_subscriber):
    settings.NEWSLETTER_FROM_EMAIL = "samvydat <news@samvydat.example>"
    sign_up("reader@example.org")
    make_subscriber("weekly@example.org")
    campaign = Campaign.objects.create(language="en", subject="s", html_body="h", text_body="t")
    services.campaign_approve(campaign=campaign, user=None)
    services.campaign_start(campaign_id=campaign.pk)
    ids = [message.message_id for message in smtp.messages]
    assert len(ids) == 2
    fqdn, pid = socket.getfqdn(), str(os.getpid())
    deliveries = [str(pk) for pk in Delivery.objects.values_list("pk", flat=True)]
    for value in ids:
        assert re.fullmatch(r"<[0-9a-f]{32}@samvydat\.example>", value), value
        assert fqdn not in value and pid not in value and not any(f".{pk}@" in value for pk in deliveries)
    assert smtp.helo_names == {"samvydat.example"}


# --- 5. Confirmation floods --------------------------------------------------------------------------------
def test_mailbox_owners():
    assert mailbox_owner("Ann.Lee+news@GoogleMail.com") == mailbox_owner("annlee@gmail.com") == "annlee@gmail.com"
    assert mailbox_owner("a+1@x.example") == mailbox_owner("A+2@X.example") == "a@x.example"
    assert mailbox_owner("a.b@x.example") != mailbox_owner("ab@x.example")  # dots matter elsewhere


def test_plus_addressing_does_not_multiply_the_confirmations_of_one_mailbox(smtp, sign_up):
    for number in range(60):
        sign_up(f"victim+{number}@example.org")
    sign_up("v.i.c.t.i.m+x@gmail.com")
    sign_up("victim@googlemail.com")
    assert len(smtp.to("victim+0@example.org")) == 1
    assert len([m for m in smtp.messages if m.recipients[0].endswith("@example.org")]) == 3
    assert len([m for m in smtp.messages if "mail.com" in m.recipients[0]]) == 2
    assert Subscriber.objects.count() == 5  # over the cap nothing is written either


def test_the_site_wide_hourly_cap_holds_whatever_the_mailboxes(settings, smtp, sign_up):
    settings.NEWSLETTER_CONFIRMATIONS_PER_HOUR = 10
    for number in range(60):
        sign_up(f"stranger{number}@example.org")
    assert len(smtp.messages) == 10
