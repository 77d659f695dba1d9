"""The admin needs a password and a second factor: enrolment, codes, recovery codes, reset."""

import pytest
from django.contrib.auth.hashers import identify_hasher, make_password
from django.core.management import call_command
from django.test import override_settings
from django_otp.plugins.otp_static.models import StaticToken
from wagtail.models import ModelLogEntry

from samvydat.accounts import crypto, services
from samvydat.accounts.models import SealedTOTPDevice as TOTPDevice
from samvydat.settings import base

from .conftest import code_for

pytestmark = pytest.mark.django_db

ADMIN_URLS = ["/admin/", "/admin/pages/", "/admin/images/", "/admin/users/", "/admin/reports/site-history/"]


def actions_for(user):
    return list(ModelLogEntry.objects.for_instance(user).order_by("timestamp").values_list("action", flat=True))


def test_passwords_are_hashed_with_argon2():
    assert base.PASSWORD_HASHERS[0] == "samvydat.accounts.hashers.Argon2idHasher"  # Argon2id, 19 MiB
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        assert identify_hasher(make_password("a-long-editor-password-123")).algorithm == "argon2"


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_a_password_alone_opens_no_admin_page(client, editor, sign_in, url):
    sign_in(editor.username)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/2fa/enrol/")


def test_the_icon_sprite_loads_before_the_second_factor(client, editor, sign_in):
    """The admin's script fetches the sprite on the enrol page too; a redirect would inject a second 2FA form."""
    sign_in(editor.username)
    response = client.get("/admin/sprite/")
    assert response.status_code == 200 and b"<svg" in response.content and b"login-form" not in response.content


@pytest.mark.parametrize(("fetch_dest", "next_kept"), [("document", True), ("empty", False), ("image", False)])
def test_only_a_page_the_editor_opened_becomes_the_next_address(client, editor, sign_in, fetch_dest, next_kept):
    sign_in(editor.username)
    response = client.get("/admin/pages/", headers={"Sec-Fetch-Dest": fetch_dest})
    assert response.status_code == 302
    assert ("next=%2Fadmin%2Fpages%2F" in response["Location"]) is next_kept


def test_enrolment_shows_a_server_made_qr_code_and_the_key(client, editor, sign_in):
    sign_in(editor.username)
    response = client.get("/admin/2fa/enrol/?next=/admin/pages/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<svg role="img"' in html and "<script" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    assert services.totp_secret_text(device=device) in html


def test_enrolment_confirms_a_code_and_shows_recovery_codes_once(client, editor, sign_in):
    sign_in(editor.username)
    client.get("/admin/2fa/enrol/")
    device = TOTPDevice.objects.get(user=editor, confirmed=False)

    response = client.post("/admin/2fa/enrol/", {"code": code_for(device), "next": "/admin/pages/"})
    assert response.status_code == 302 and response["Location"].startswith("/admin/2fa/recovery-codes/")
    shown = client.get(response["Location"])
    codes = shown.context["codes"]
    assert len(codes) == services.RECOVERY_CODE_COUNT == len(set(codes))
    assert all(code in shown.content.decode() for code in codes)
    assert client.get("/admin/2fa/recovery-codes/").status_code == 302  # shown once
    assert client.get("/admin/pages/").status_code == 200
    assert "samvydat.two_factor.enrol" in actions_for(editor)


def test_wrong_codes_are_refused_and_then_throttled(client, editor, sign_in):
    sign_in(editor.username)
    client.get("/admin/2fa/enrol/")
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    wrong = client.post("/admin/2fa/enrol/", {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert wrong.status_code == 200 and "That code is not right" in wrong.content.decode()
    right_but_too_soon = client.post("/admin/2fa/enrol/", {"code": code_for(device)})
    assert "Too many wrong codes" in right_but_too_soon.content.decode()
    assert client.get("/admin/pages/").status_code == 302
    assert not TOTPDevice.objects.filter(user=editor, confirmed=True).exists()


def enrolled(user) -> tuple[TOTPDevice, list[str]]:
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return device, services.recovery_codes_replace(user=user, logged=False)


def test_an_enrolled_editor_must_enter_a_code(client, editor, sign_in):
    device, _codes = enrolled(editor)
    sign_in(editor.username)
    response = client.get("/admin/pages/")
    assert response["Location"] == "/admin/2fa/verify/?next=%2Fadmin%2Fpages%2F"
    assert client.post("/admin/2fa/verify/", {"code": "12345"}).status_code == 200  # wrong: the form again
    response = client.post("/admin/2fa/verify/", {"code": code_for(device), "next": "/admin/pages/"})
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_a_used_code_cannot_be_replayed(client, editor, sign_in):
    device, _codes = enrolled(editor)
    code = code_for(device)
    sign_in(editor.username)
    assert client.post("/admin/2fa/verify/", {"code": code}).status_code == 302
    client.post("/admin/logout/")
    sign_in(editor.username)
    assert client.post("/admin/2fa/verify/", {"code": code}).status_code == 200
    assert client.get("/admin/").status_code == 302


def test_a_recovery_code_works_once(client, editor, sign_in):
    _device, codes = enrolled(editor)
    sign_in(editor.username)
    response = client.post("/admin/2fa/verify/", {"code": codes[0].upper(), "next": "/admin/"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert StaticToken.objects.filter(device__user=editor).count() == len(codes) - 1
    assert "samvydat.two_factor.recovery_code_used" in actions_for(editor)

    client.post("/admin/logout/")
    sign_in(editor.username)
    assert client.post("/admin/2fa/verify/", {"code": codes[0]}).status_code == 200
    assert client.get("/admin/").status_code == 302


def test_new_recovery_codes_replace_the_old_ones(client, editor, log_in_editor):
    _device, old = enrolled(editor)
    log_in_editor(client, editor)
    assert client.get("/admin/2fa/").status_code == 200
    response = client.post("/admin/2fa/recovery-codes/new/")
    new = client.get(response["Location"]).context["codes"]
    stored = set(StaticToken.objects.filter(device__user=editor).values_list("token", flat=True))
    assert stored == {crypto.recovery_code_digest(code) for code in new}
    assert not stored & {crypto.recovery_code_digest(code) for code in old}
    assert "samvydat.two_factor.recovery_codes" in actions_for(editor)


def test_an_administrator_resets_a_lost_phone(client, editor, sign_in):
    enrolled(editor)
    call_command("two_factor_reset", editor.username, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert not StaticToken.objects.filter(device__user=editor).exists()
    assert "samvydat.two_factor.reset" in actions_for(editor)
    sign_in(editor.username)
    assert client.get("/admin/")["Location"].startswith("/admin/2fa/enrol/")


def test_the_next_parameter_cannot_leave_the_site(client, editor, log_in_editor):
    log_in_editor(client, editor)
    response = client.get("/admin/2fa/verify/?next=https://evil.example/")
    assert response["Location"] == "/admin/"


def test_the_log_in_editor_fixture_passes_the_second_factor(client, editor, log_in_editor):
    log_in_editor(client, editor)
    assert client.get("/admin/pages/").status_code == 200
