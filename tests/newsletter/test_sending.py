"""Digests are prepared on publish, sent over real SMTP once per reader, in their language, with one-click exits."""

import re

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from wagtail.models import Page

from samvydat.newsletter import services
from samvydat.newsletter.models import Campaign, Delivery, Subscriber, Suppression
from samvydat.newsletter.rendering import message_id
from samvydat.newsletter.selectors import campaign_progress
from samvydat.newsletter.sending import campaign_send
from samvydat.pdfs.signals import pdfs_paused
from samvydat.weekly.models import WeeklyIssuePage

pytestmark = pytest.mark.django_db
BASE = "http://127.0.0.1:8000"


@pytest.fixture
def issue():
    """The latest demo issue, in English (with its be/ru translations live and commentaries)."""
    latest = WeeklyIssuePage.objects.live().filter(locale__language_code="en").order_by("-week_start").first()
    assert latest.commentaries() and latest.get_translations().live().count() == 2
    return latest


@pytest.fixture
def digests(issue, django_capture_on_commit_callbacks):
    """Publish the issue again, as an editor would, and return its digest campaigns by language."""
    with pdfs_paused(), django_capture_on_commit_callbacks(execute=True):
        issue.save_revision().publish()
    campaigns = Campaign.objects.filter(kind="digest", page__translation_key=issue.translation_key)
    return {campaign.language: campaign for campaign in campaigns}


def start(campaign: Campaign, user=None) -> Campaign:
    services.campaign_approve(campaign=campaign, user=user)
    return services.campaign_start(campaign_id=campaign.pk)


def test_publishing_an_issue_prepares_one_draft_digest_per_language(issue, digests):
    assert set(digests) == {"en", "be", "ru"}
    assert {campaign.status for campaign in digests.values()} == {"draft"}
    with translation.override("be"):
        be_commentaries = issue.get_translations().get(locale__language_code="be").specific.commentaries()
        first = be_commentaries[0]
        html, text = digests["be"].html_body, digests["be"].text_body
        assert first.title in html and first.title in text
        assert first.glance_topic.name in html
        assert str(first.get_trend_display()) in html and str(first.get_trend_display()) in text
        assert first.summary[:40] in html
    assert f"{BASE}/be/" in html and "<img" not in html
    assert set(re.findall(r'href="(https?://[^/"]+)', html)) == {BASE}  # no rewritten, no third-party links
    assert "prefers-color-scheme: dark" in html
    # Publishing again refreshes drafts rather than adding campaigns.
    count = Campaign.objects.count()
    issue.save_revision().publish()
    assert Campaign.objects.count() == count
    # An archive issue published again prepares nothing.
    older = WeeklyIssuePage.objects.live().filter(locale__language_code="en").order_by("week_start").first()
    assert services.digest_prepare(issue_id=older.pk) == []


def test_a_digest_reaches_each_confirmed_reader_once_in_their_language(client, smtp, digests, make_subscriber):
    readers = {make_subscriber(f"reader{n}@example.org", language="be") for n in range(3)}
    make_subscriber("english@example.org", language="en")
    make_subscriber("waiting@example.org", language="be", status="pending")
    campaign = start(digests["be"])
    campaign.refresh_from_db()
    assert campaign.status == "sent"
    assert sorted(address for message in smtp.messages for address in message.recipients) == [
        f"reader{n}@example.org" for n in range(3)
    ]
    assert campaign_progress(campaign).sent == len(readers) and campaign_progress(campaign).remaining == 0

    received = smtp.to("reader0@example.org")[0]
    message = received.message
    ids = {
        message_id(campaign_uuid=campaign.uuid, delivery_id=pk): pk
        for pk in campaign.deliveries.values_list("pk", flat=True)
    }
    assert received.message_id in ids  # deterministic (a resend after a crash carries the same one)…
    assert re.fullmatch(r"<[0-9a-f]{32}@localhost>", received.message_id)  # …naming neither campaign nor delivery
    assert campaign.uuid.hex not in received.message_id
    assert message["Content-Language"] == "be"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe_url = message["List-Unsubscribe"].strip("<>")
    assert unsubscribe_url.startswith(f"{BASE}/be/newsletter/unsubscribe/")
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert campaign.subject == message["Subject"]
    assert unsubscribe_url in text and unsubscribe_url in html and "__SAMVYDAT" not in html + text

    # RFC 8058 one-click: a cookie-less POST of "List-Unsubscribe=One-Click" to the header's URL.
    response = client.post(
        unsubscribe_url.removeprefix(BASE),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200 and not response.cookies
    assert Subscriber.objects.filter(pk__in=[reader.pk for reader in readers]).count() == 2  # the row is gone
    assert campaign_progress(campaign).sent == 3  # and the campaign's counts stay right

    # Sending again sends nothing twice.
    count = smtp.count
    assert campaign_send(campaign_id=campaign.pk) == "sent" and smtp.count == count


def test_temporary_failures_retry_with_backoff_and_permanent_ones_suppress(smtp, make_subscriber):
    ok = make_subscriber("fine@example.org")
    temp = make_subscriber("slow+temp@example.org")
    hard = make_subscriber("nobody+hard@example.org")
    dropped = make_subscriber("flaky+drop@example.org")
    campaign = Campaign.objects.create(language="en", subject="Note", html_body="<p>x</p>", text_body="x")
    campaign = start(campaign)
    by_subscriber = {delivery.subscriber_id: delivery for delivery in campaign.deliveries.all()}
    assert by_subscriber[ok.pk].status == "sent"
    assert by_subscriber[dropped.pk].status == "sent"  # the connection dropped; the sender reconnected
    failed = by_subscriber[None]  # the hard-bounced reader's row is deleted: its delivery keeps no link to it
    assert failed.status == "failed" and failed.last_error == "550 5.1.1" and failed.subscriber_id is None
    assert not Subscriber.objects.filter(pk=hard.pk).exists()  # suppressed: only the suppression HMAC is left
    assert Suppression.objects.count() == 1
    waiting = by_subscriber[temp.pk]
    assert waiting.status == "pending" and waiting.attempts == 1 and waiting.next_attempt_at > timezone.now()
    campaign.refresh_from_db()
    assert campaign.status == "sending"  # waiting for the retry
    # Later retries: still 451 each time, so after the last delay it fails (the reader is not suppressed).
    for attempt in range(2, 6):
        Delivery.objects.filter(pk=waiting.pk).update(next_attempt_at=timezone.now())
        campaign_send(campaign_id=campaign.pk)
        waiting.refresh_from_db()
        assert waiting.attempts == attempt
    assert waiting.status == "failed" and waiting.last_error == "451 4.3.0"
    assert Subscriber.objects.get(pk=temp.pk).status == "confirmed"
    campaign.refresh_from_db()
    assert campaign.status == "sent"
    progress = campaign_progress(campaign)
    assert (progress.sent, progress.failed, progress.remaining) == (2, 2, 0)


def test_the_smtp_server_being_down_leaves_everything_pending(settings, make_subscriber):
    from .smtp_sink import SmtpSink

    sink = SmtpSink().start()
    port = sink.port
    sink.stop()  # nothing listens there now
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    make_subscriber("patient@example.org")
    campaign = start(Campaign.objects.create(language="en", subject="Note", html_body="x", text_body="x"))
    assert campaign_progress(campaign).remaining == 1
    assert campaign_send(campaign_id=campaign.pk) == "smtp-unavailable"


def test_header_injection_through_the_subject_is_impossible(smtp, make_subscriber):
    make_subscriber("reader@example.org")
    campaign = Campaign.objects.create(language="en", subject="x", html_body="x", text_body="x")
    services.campaign_subject_change(campaign=campaign, subject="Hello\r\nBcc: victim@example.org")
    start(campaign)
    raw = smtp.messages[0].raw
    assert b"\r\nBcc:" not in raw and smtp.messages[0].message["Subject"] == "Hello Bcc: victim@example.org"
    assert smtp.messages[0].recipients == ["reader@example.org"]


def test_campaigns_from_any_page_one_per_live_translation(client, editor, log_in_editor):
    statement = Page.objects.live().type(_statement_model()).filter(locale__language_code="en").first().specific
    log_in_editor(client, editor)
    assert client.get(f"/admin/newsletter/from-page/{statement.pk}/").status_code == 200
    response = client.post(f"/admin/newsletter/from-page/{statement.pk}/")
    assert response.status_code == 302
    campaigns = Campaign.objects.filter(kind="page")
    languages = {
        statement.locale.language_code,
        *statement.get_translations().live().values_list("locale__language_code", flat=True),
    }
    assert set(campaigns.values_list("language", flat=True)) == languages
    assert all(campaign.subject and campaign.page_id for campaign in campaigns)


def _statement_model():
    from samvydat.statements.models import StatementPage

    return StatementPage


def test_editors_preview_test_approve_schedule_and_send(client, editor, log_in_editor, smtp, digests, make_subscriber):
    make_subscriber("reader@example.org", language="en")
    campaign = digests["en"]
    log_in_editor(client, editor)
    index = client.get("/admin/newsletter/")
    assert index.status_code == 200 and campaign.subject in index.content.decode()
    detail = client.get(f"/admin/newsletter/{campaign.pk}/")
    assert detail.status_code == 200 and "remaining 0" in detail.content.decode()
    preview = client.get(f"/admin/newsletter/{campaign.pk}/preview/")
    assert preview.content.decode() == campaign.html_body
    assert client.get(f"/admin/newsletter/{campaign.pk}/preview/?part=text").content.decode() == campaign.text_body

    action = f"/admin/newsletter/{campaign.pk}/"
    assert client.post(action + "send/").status_code == 302  # not approved yet: refused with a message
    assert Campaign.objects.get(pk=campaign.pk).status == "draft" and not smtp.messages

    client.post(action + "test/")
    assert [message.recipients for message in smtp.messages] == [["editor@example.org"]]
    assert smtp.messages[0].message["Subject"].startswith("[TEST] ")

    client.post(action + "approve/")
    assert Campaign.objects.get(pk=campaign.pk).status == "approved"
    client.post(action + "schedule/", {"when": "2001-01-01T10:00"})  # the past: refused
    assert Campaign.objects.get(pk=campaign.pk).status == "approved"
    client.post(action + "schedule/", {"when": "not a date"})
    client.post(
        action + "schedule/", {"when": (timezone.localtime() + timezone.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")}
    )
    assert Campaign.objects.get(pk=campaign.pk).status == "scheduled"
    client.post(action + "send/")
    assert Campaign.objects.get(pk=campaign.pk).status == "sent"
    assert [message.recipients for message in smtp.messages][1:] == [["reader@example.org"]]
    detail = client.get(f"/admin/newsletter/{campaign.pk}/").content.decode()
    assert "sent 1 · failed 0 · remaining 0 (of 1)" in detail
    assert (
        "reader@example.org" not in detail
        and "reader@example.org" not in client.get("/admin/newsletter/").content.decode()
    )
    assert client.post(action + "nonsense/").status_code == 302


def test_send_campaign_command_sends_scheduled_campaigns_that_are_due(smtp, make_subscriber, capsys):
    make_subscriber("reader@example.org")
    campaign = Campaign.objects.create(language="en", subject="Due", html_body="x", text_body="x", status="approved")
    services.campaign_schedule(campaign=campaign, when=timezone.now() + timezone.timedelta(minutes=5))
    call_command("send_campaign", "--due")
    assert Campaign.objects.get(pk=campaign.pk).status == "scheduled"  # not due yet
    Campaign.objects.filter(pk=campaign.pk).update(scheduled_at=timezone.now() - timezone.timedelta(seconds=1))
    call_command("send_campaign", "--due")
    assert Campaign.objects.get(pk=campaign.pk).status == "sent"
    assert "sent 1, failed 0, skipped 0, remaining 0" in capsys.readouterr().out
    assert len(smtp.messages) == 1


@pytest.mark.django_db
def test_editors_and_moderators_may_prepare_campaigns(django_user_model):
    """Wagtail's Editors and Moderators groups get the campaign permissions after migrate (newsletter/roles.py)."""
    from django.contrib.auth.models import Group

    for name in ("Editors", "Moderators"):
        editor = django_user_model.objects.create_user(username=f"newsletter-{name}", password="x" * 20)
        editor.groups.add(Group.objects.get(name=name))
        assert editor.has_perm("newsletter.change_campaign") and editor.has_perm("newsletter.add_campaign")
    outsider = django_user_model.objects.create_user(username="newsletter-nobody", password="x" * 20)
    outsider.groups.add(Group.objects.get(name="Authors"))
    assert not outsider.has_perm("newsletter.change_campaign")
