"""A reader subscribes, confirms, changes language and leaves — without cookies, without enumeration."""

import re
import time

import pytest
from django.conf import settings as django_settings
from django.core import mail, signing
from django.core.cache import caches
from django.urls import reverse
from django.utils import translation

from samvydat.newsletter import crypto, services
from samvydat.newsletter.addresses import address_index_form
from samvydat.newsletter.models import Delivery, Subscriber
from samvydat.newsletter.tokens import confirm_token, manage_token

pytestmark = pytest.mark.django_db


def url(name: str, language: str = "en", **kwargs) -> str:
    with translation.override(language):
        return reverse(f"newsletter:{name}", kwargs=kwargs or None)


def subscriber_for(address: str) -> Subscriber:
    return Subscriber.objects.get(email_index=crypto.address_index(address_index_form(address)))


def link_in(message, view: str) -> str:
    match = re.search(rf"https?://\S+/newsletter/{view}/(\S+?)/", message.body)
    assert match, message.body
    return match.group(1)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    caches[django_settings.RATE_LIMIT_CACHE_ALIAS].clear()  # the site-wide cap on sign-ups (security.ratelimit)
    yield
    caches[django_settings.RATE_LIMIT_CACHE_ALIAS].clear()


@pytest.fixture
def subscribe(django_capture_on_commit_callbacks):
    """POST the subscribe form, running the tasks queued on commit (the test's transaction never commits)."""

    def post(client, address: str, language: str = "en", page_language: str = "en"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url("subscribe", page_language), {"email": address, "language": language})

    return post


def test_the_box_is_on_every_page_and_sets_no_cookie(client):
    response = client.get("/be/")
    html = response.content.decode()
    assert 'action="/be/newsletter/"' in html
    assert '<option value="be" lang="be" selected>' in html
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies


def test_subscribing_mails_a_confirmation_in_the_chosen_language_and_confirming_subscribes(client, subscribe):
    response = subscribe(client, "Reader@Example.org", language="be")
    assert response.status_code == 302 and response["Location"] == url("check_inbox")
    assert not response.cookies
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Reader@example.org"]
    assert message.extra_headers["Content-Language"] == "be"
    assert "/be/newsletter/confirm/" in message.body
    subscriber = subscriber_for("reader@example.org")
    assert subscriber.status == "pending" and subscriber.language == "be"

    token = link_in(message, "confirm")
    page = client.get(url("confirm", "be", token=token))
    assert page.status_code == 200 and subscriber_for("reader@example.org").status == "pending"  # GET only asks
    done = client.post(url("confirm", "be", token=token))
    assert done.status_code == 200 and subscriber_for("reader@example.org").status == "confirmed"
    assert not done.cookies
    again = client.post(url("confirm", "be", token=token))  # a double click
    assert again.status_code == 200 and subscriber_for("reader@example.org").status == "confirmed"


def test_the_answer_is_the_same_for_new_pending_and_subscribed_addresses(client, make_subscriber, subscribe):
    make_subscriber("known@example.org")
    answers = [subscribe(client, address) for address in ("new@example.org", "new@example.org", "known@example.org")]
    assert {(answer.status_code, answer["Location"]) for answer in answers} == {(302, url("check_inbox"))}
    # the confirmed reader is told they are subscribed (and how to manage it), not subscribed twice
    known = [message for message in mail.outbox if message.to == ["known@example.org"]]
    assert len(known) == 1 and "/newsletter/manage/" in known[0].body
    assert subscriber_for("known@example.org").status == "confirmed"


def test_at_most_three_confirmation_mails_per_address_per_day(client, subscribe):
    for _attempt in range(5):
        assert subscribe(client, "often@example.org").status_code == 302
    assert len(mail.outbox) == 3


def test_a_flood_of_sign_ups_meets_the_site_wide_cap_whatever_the_address(client, settings, subscribe):
    """nginx limits each client; behind it every post comes from 127.0.0.1, so the application caps the site."""
    settings.NEWSLETTER_SUBSCRIBE_GLOBAL_LIMIT = (2, 3600)
    codes = [subscribe(client, f"flood{number}@example.org").status_code for number in range(3)]
    assert codes == [302, 302, 429]
    assert len(mail.outbox) == 2  # the refused sign-up sent nothing


@pytest.mark.parametrize(
    "address",
    ["", "not-an-address", "a@b@c", "x" * 300 + "@example.org", "reader@example.org\r\nBcc: x@example.org"],
)
def test_bad_addresses_get_the_form_back_with_a_reason(client, address, subscribe):
    response = subscribe(client, address)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert not Subscriber.objects.exists() and not mail.outbox


def test_a_confirmation_link_expires_after_48_hours(client, make_subscriber, monkeypatch):
    subscriber = make_subscriber("late@example.org", status="pending")
    real_time = time.time
    monkeypatch.setattr(signing.time, "time", lambda: real_time() - 49 * 3600)
    token = confirm_token(public_id=subscriber.public_id, nonce=subscriber.confirm_nonce)
    monkeypatch.setattr(signing.time, "time", real_time)
    response = client.post(url("confirm", token=token))
    assert response.status_code == 400 and "expired" in response.content.decode()
    assert subscriber_for("late@example.org").status == "pending"


@pytest.mark.parametrize("view", ["confirm", "manage", "unsubscribe"])
def test_tampered_and_unknown_tokens_change_nothing(client, make_subscriber, view):
    subscriber = make_subscriber("kept@example.org")
    good = manage_token(public_id=subscriber.public_id, nonce=subscriber.manage_nonce)
    for token in (good[:-2] + "xx", "nonsense", "a" * 500, good.replace(subscriber.public_id, "0" * 16)):
        for method in (client.get, client.post):
            response = method(url(view, token=token))
            assert response.status_code == 400, (token, response.status_code)
            assert "Nothing was changed" in response.content.decode()
    assert subscriber_for("kept@example.org").status == "confirmed"


def test_manage_page_changes_the_language(client, make_subscriber):
    subscriber = make_subscriber("reader@example.org", language="en")
    token = manage_token(public_id=subscriber.public_id, nonce=subscriber.manage_nonce)
    assert client.get(url("manage", token=token)).status_code == 200
    assert client.post(url("manage", token=token), {"language": "xx"}).status_code == 400
    response = client.post(url("manage", token=token), {"language": "ru"})
    assert response.status_code == 200 and subscriber_for("reader@example.org").language == "ru"


def test_one_click_unsubscribe_erases_the_address_and_replays_change_nothing(client, make_subscriber):
    subscriber = make_subscriber("leaving@example.org")
    token = manage_token(public_id=subscriber.public_id, nonce=subscriber.manage_nonce)
    assert client.get(url("unsubscribe", token=token)).status_code == 200
    assert Subscriber.objects.get(pk=subscriber.pk).status == "confirmed"  # GET (a link scanner) only asks
    response = client.post(
        url("unsubscribe", token=token), "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200 and not response.cookies
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()  # the row, its blind index and times: gone
    replay = client.post(url("unsubscribe", token=token))  # a replay (a mail provider retrying): the same answer
    assert replay.status_code == 200 and "You have been unsubscribed" in replay.content.decode()
    for view in ("unsubscribe", "manage"):  # the link still opens a page that says so, not an error
        page = client.get(url(view, token=token))
        assert (
            page.status_code == 200 and "<form" not in page.content.decode().split("<main", 1)[-1].split("</main>")[0]
        )
    assert not Subscriber.objects.exists()


def test_resubscribing_makes_old_unsubscribe_links_stop_working(client, make_subscriber, subscribe):
    subscriber = make_subscriber("back@example.org")
    old = manage_token(public_id=subscriber.public_id, nonce=subscriber.manage_nonce)
    client.post(url("unsubscribe", token=old))
    subscribe(client, "back@example.org")
    client.post(url("confirm", token=link_in(mail.outbox[-1], "confirm")))
    assert subscriber_for("back@example.org").status == "confirmed"
    assert subscriber_for("back@example.org").public_id != subscriber.public_id  # a new subscription, a new row
    client.post(url("unsubscribe", token=old))  # the old link ends nothing but the old (ended) subscription
    assert subscriber_for("back@example.org").status == "confirmed"


def test_leaving_mid_send_skips_the_pending_delivery(make_subscriber):
    from samvydat.newsletter.models import Campaign

    subscriber = make_subscriber("midway@example.org")
    campaign = Campaign.objects.create(language="en", subject="s", html_body="h", text_body="t", status="sending")
    delivery = Delivery.objects.create(campaign=campaign, subscriber=subscriber)
    services.subscriber_unsubscribe(token=manage_token(public_id=subscriber.public_id, nonce=subscriber.manage_nonce))
    delivery.refresh_from_db()
    assert delivery.status == "skipped"


def test_unconfirmed_requests_are_forgotten_after_48_hours(make_subscriber):
    from django.utils import timezone

    stale = make_subscriber("stale@example.org", status="pending")
    Subscriber.objects.filter(pk=stale.pk).update(requested_at=timezone.now() - timezone.timedelta(hours=49))
    fresh = make_subscriber("fresh@example.org", status="pending")
    assert services.subscribers_prune_unconfirmed() == 1
    assert list(Subscriber.objects.values_list("pk", flat=True)) == [fresh.pk]
