"""The admin's "forgot password" form cannot be used to flood an editor's mailbox or the mail server."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import caches
from django.test import override_settings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_limits():
    caches["limits"].clear()
    yield
    caches["limits"].clear()


def _ask_for_reset(client, email: str):
    response = client.post("/admin/password_reset/", {"email": email})
    assert response.status_code == 302  # the same answer whether a mail went out or not
    return response


def test_twenty_reset_requests_send_three_mails(client, editor):
    for _ in range(20):
        _ask_for_reset(client, editor.email)
    assert len(mail.outbox) == 3
    assert all(message.to == [editor.email] for message in mail.outbox)


@override_settings(PASSWORD_RESET_MAILS_PER_SITE=(5, 3600))
def test_requests_for_many_mailboxes_are_capped_on_the_whole_site(client):
    users = [
        get_user_model().objects.create_user(f"reset-{n}", f"reset-{n}@example.org", "a-long-editor-password-123")
        for n in range(20)
    ]
    for user in users:
        _ask_for_reset(client, user.email)
    assert len(mail.outbox) == 5


def test_a_reset_link_forged_with_secret_key_still_meets_the_second_factor(client, editor):
    """With SECRET_KEY and a copy of the database, an attacker computes a valid reset link (documented, not
    preventable); the new password alone opens no admin page, because the second factor's key is not SECRET_KEY."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from .test_two_factor import enrolled

    enrolled(editor)
    uid, token = urlsafe_base64_encode(force_bytes(editor.pk)), default_token_generator.make_token(editor)
    form = client.get(f"/admin/password_reset/confirm/{uid}/{token}/", follow=True)
    assert form.status_code == 200
    new_password = "attacker-chosen-password-991"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password})
    assert done.status_code == 302
    editor.refresh_from_db()
    assert editor.check_password(new_password)  # the forged link worked
    client.post("/admin/login/", {"username": editor.username, "password": new_password})
    assert client.get("/admin/pages/")["Location"].startswith("/admin/2fa/verify/")
