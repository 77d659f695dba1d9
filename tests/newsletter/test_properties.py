"""Property-based: subscribe → confirm → unsubscribe is idempotent and never corrupts state, whatever the input."""

from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samvydat.newsletter import crypto, services
from samvydat.newsletter.addresses import InvalidAddress, address_index_form, address_normalise
from samvydat.newsletter.models import Subscriber
from samvydat.newsletter.tokens import BadToken, confirm_token, manage_token

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _caps_raised(settings):
    """Every example subscribes again and again: the caps on confirmation mails are not what this tests."""
    settings.NEWSLETTER_CONFIRMATIONS_PER_MAILBOX = 10**9
    settings.NEWSLETTER_CONFIRMATIONS_PER_HOUR = 10**9


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
ACTIONS = ["subscribe", "confirm", "unsubscribe", "confirm-tampered", "unsubscribe-tampered", "language"]

# What each action does to the subscription's state (None: no row, never or no longer), as a reader would expect.
MODEL = {
    "subscribe": {None: "pending", "pending": "pending", "confirmed": "confirmed"},
    "confirm": {None: None, "pending": "confirmed", "confirmed": "confirmed"},
    "unsubscribe": {None: None, "pending": None, "confirmed": None},
}


def state(address: str):
    row = Subscriber.objects.filter(email_index=crypto.address_index(address_index_form(address))).first()
    return (row.status if row else None), row


def apply(action: str, address: str, language: str) -> None:
    _status, row = state(address)
    try:
        if action == "subscribe":
            services.subscriber_subscribe(email=address, language=language)
        elif row is None:
            return
        elif action == "confirm":
            services.subscriber_confirm(token=confirm_token(public_id=row.public_id, nonce=row.confirm_nonce))
        elif action == "unsubscribe":
            services.subscriber_unsubscribe(token=manage_token(public_id=row.public_id, nonce=row.manage_nonce))
        elif action == "language":
            services.subscriber_language_change(
                token=manage_token(public_id=row.public_id, nonce=row.manage_nonce), language=language
            )
        elif action == "confirm-tampered":
            services.subscriber_confirm(token=confirm_token(public_id=row.public_id, nonce=row.confirm_nonce) + "x")
        elif action == "unsubscribe-tampered":
            token = manage_token(public_id=row.public_id, nonce=row.manage_nonce)
            services.subscriber_unsubscribe(token=token[:-3] + "abc")
    except BadToken:
        pass


@SETTINGS
@given(
    email=st.emails(),
    language=st.sampled_from(["en", "be", "ru"]),
    actions=st.lists(st.sampled_from(ACTIONS), max_size=8),
)
def test_any_sequence_of_reader_actions_matches_the_model_and_repeats_change_nothing(email, language, actions):
    try:
        address = address_normalise(email)
    except InvalidAddress:
        return  # hypothesis' emails() allows forms RFC 5321 servers refuse (e.g. 70-character local parts)
    with transaction.atomic():
        expected = None
        for action in actions:
            apply(action, address, language)
            expected = MODEL.get(action, {}).get(expected, expected)
            after_once = state(address)[0]
            assert after_once == expected, (action, actions)
            if action != "subscribe":  # a double click, a replayed link
                apply(action, address, language)
                assert state(address)[0] == after_once
            row = state(address)[1]
            if row is not None:
                assert crypto.address_decrypt(row.email_encrypted) == address
        transaction.set_rollback(True)


@SETTINGS
@given(email=st.text(max_size=400), language=st.text(max_size=12))
def test_any_form_input_gets_a_clear_answer_never_a_server_error(client, monkeypatch, email, language):
    monkeypatch.setattr(django_settings, "NEWSLETTER_SUBSCRIBE_GLOBAL_LIMIT", (10**9, 3600))
    with transaction.atomic():
        response = client.post("/en/newsletter/", {"email": email, "language": language})
        assert response.status_code in {302, 400}
        assert not response.cookies
        assert Subscriber.objects.count() <= 1
        transaction.set_rollback(True)


@SETTINGS
@given(token=st.text(min_size=1, max_size=300), view=st.sampled_from(["confirm", "manage", "unsubscribe"]))
def test_any_token_is_refused_cleanly(client, token, view):
    for method in (client.get, client.post):
        response = method(f"/en/newsletter/{view}/{quote(token, safe='')}/")
        assert response.status_code in {400, 404}, (token, response.status_code)
