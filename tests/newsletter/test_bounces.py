"""Hard bounces suppress an address, from a mailbox of DSNs or from the relay's webhook; soft ones do not."""

import json
import mailbox
from email.message import EmailMessage

import pytest
from django.core.management import CommandError, call_command

from samvydat.newsletter import crypto
from samvydat.newsletter.bounces import bounces_from_message
from samvydat.newsletter.models import Subscriber, Suppression

pytestmark = pytest.mark.django_db


def dsn(recipient: str, *, action: str = "failed", status: str = "5.1.1") -> bytes:
    """A delivery status notification as a relay writes it (RFC 3464)."""
    return (
        "From: MAILER-DAEMON@relay.example\r\nTo: news@samvydat.example\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"\r\n\r\n'
        "--b1\r\nContent-Type: text/plain\r\n\r\nThis is the mail system. Your message could not be delivered.\r\n"
        "--b1\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; relay.example\r\n\r\n"
        f"Final-Recipient: rfc822; {recipient}\r\nAction: {action}\r\nStatus: {status}\r\n"
        "Diagnostic-Code: smtp; 550 5.1.1 user unknown\r\n\r\n--b1--\r\n"
    ).encode()


def test_a_dsn_is_read_as_hard_or_soft():
    import email
    from email import policy

    parsed = email.message_from_bytes(dsn("Gone@Example.org"), policy=policy.default)
    (bounce,) = bounces_from_message(parsed)
    assert (bounce.address, bounce.hard, bounce.status) == ("Gone@Example.org", True, "5.1.1")
    delayed = email.message_from_bytes(dsn("a@example.org", action="delayed", status="4.4.1"), policy=policy.default)
    assert [bounce.hard for bounce in bounces_from_message(delayed)] == [False]
    plain = EmailMessage()
    plain.set_content("just a reply")
    assert bounces_from_message(plain) == []


@pytest.mark.parametrize("kind", ["mbox", "maildir"])
def test_the_command_suppresses_hard_bounces_from_a_mailbox(tmp_path, make_subscriber, capsys, kind):
    gone = make_subscriber("gone@example.org")
    late = make_subscriber("late@example.org")
    path = tmp_path / ("bounces.mbox" if kind == "mbox" else "Maildir")
    box = mailbox.mbox(path) if kind == "mbox" else mailbox.Maildir(path)
    for message in (
        dsn("Gone@example.org"),
        dsn("late@example.org", action="delayed", status="4.2.2"),
        dsn("x@nowhere.example"),
    ):
        box.add(message)
    plain = EmailMessage()
    plain["Subject"] = "A reader's reply"
    plain.set_content("thanks")
    box.add(plain.as_bytes())
    box.flush()
    call_command("newsletter_bounces", str(path), "--delete")
    assert "3 bounce report(s), 2 hard bounce(s), 1 address(es) suppressed." in capsys.readouterr().out
    assert not Subscriber.objects.filter(pk=gone.pk).exists()
    assert Suppression.objects.filter(digest=crypto.suppression_digest("gone@example.org")).exists()
    assert Suppression.objects.count() == 1  # nothing recorded about the stranger x@nowhere.example
    assert Subscriber.objects.get(pk=late.pk).status == "confirmed"
    reopened = mailbox.mbox(path) if kind == "mbox" else mailbox.Maildir(path)
    assert len(reopened) == 1  # only the reader's reply is left


def test_the_command_says_when_the_mailbox_is_missing(tmp_path):
    with pytest.raises(CommandError, match="no such Maildir or mbox"):
        call_command("newsletter_bounces", str(tmp_path / "nothing"))


def post(client, body, secret="s3cret-webhook-token", **headers):
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(
        "/newsletter/bounces/",
        data,
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}", **headers},
    )


def test_the_webhook_needs_the_shared_secret_and_suppresses_hard_bounces(client, settings, make_subscriber):
    settings.NEWSLETTER_WEBHOOK_SECRET = "s3cret-webhook-token"
    gone = make_subscriber("gone@example.org")
    soft = make_subscriber("soft@example.org")
    events = {"events": [{"email": "GONE@example.org", "type": "hard"}, {"email": "soft@example.org", "type": "soft"}]}
    assert post(client, events, secret="wrong").status_code == 401
    assert client.post("/newsletter/bounces/", json.dumps(events), content_type="application/json").status_code == 401
    assert Subscriber.objects.get(pk=gone.pk).status == "confirmed"
    for bad in ("not json", {"events": "x"}, {"events": [{"type": "hard"}]}, [1, 2], {"events": [1]}):
        response = post(client, bad)
        assert response.status_code == 400 and "expected" in response.json()["error"]
    response = post(client, events)
    assert response.status_code == 200 and response.json() == {"received": 2, "suppressed": 1}
    assert not Subscriber.objects.filter(pk=gone.pk).exists() and Suppression.objects.count() == 1
    assert Subscriber.objects.get(pk=soft.pk).status == "confirmed"
    assert post(client, {"events": [{"email": "not an address", "type": "hard"}]}).json()["suppressed"] == 0
    assert client.get("/newsletter/bounces/").status_code == 405


def test_without_a_configured_secret_the_webhook_is_closed(client, settings):
    settings.NEWSLETTER_WEBHOOK_SECRET = ""
    assert post(client, {"events": []}, secret="").status_code == 401
