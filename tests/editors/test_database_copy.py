"""A copy of the database (a backup, a seized disk, a dump) must not sign anyone in or give away a second factor.

Each test signs an editor in through the real forms, then reads the whole database as text, as an attacker with a
copy would, and replays what it finds.
"""

import importlib
import os
from binascii import hexlify

import pytest
from cryptography.fernet import Fernet
from django.apps import apps as django_apps
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client, override_settings
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from samvydat.accounts import checks, crypto, selectors, services
from samvydat.accounts.models import SealedTOTPDevice
from tests.comments.dumps import database_dump

from .conftest import PASSWORD, code_for

pytestmark = pytest.mark.django_db


def _verified_client(editor) -> tuple[Client, list[str]]:
    """An editor signed in with password and authenticator code; returns the client and their recovery codes."""
    device = services.totp_device_pending(user=editor)
    device.confirmed = True
    device.save()
    codes = services.recovery_codes_replace(user=editor, logged=False)
    client = Client()
    client.post("/admin/login/", {"username": editor.username, "password": PASSWORD})
    assert client.post("/admin/2fa/verify/", {"code": code_for(device)}).status_code == 302
    assert client.get("/admin/pages/").status_code == 200
    return client, codes


def test_a_session_key_read_from_the_database_signs_no_one_in(editor):
    client, _codes = _verified_client(editor)
    cookie = client.cookies["sessionid"].value
    dump = database_dump()
    assert cookie not in dump

    stolen = list(Session.objects.values_list("session_key", flat=True))
    assert stolen and all(key in dump for key in stolen)
    for key in stolen:
        attacker = Client()
        attacker.cookies["sessionid"] = key
        response = attacker.get("/admin/pages/")
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")

    assert client.get("/admin/pages/").status_code == 200  # the editor's own cookie still works
    client.post("/admin/logout/")
    assert not Session.objects.filter(session_key__in=stolen).exists()  # signing out deletes the hashed row


def _canaries(device, codes) -> list[str]:
    """The seed in every spelling an attacker would grep for, and every recovery code."""
    seed_base32 = services.totp_secret_text(device=device).replace(" ", "")
    return [hexlify(device.bin_key).decode(), seed_base32, seed_base32.lower(), *codes]


def test_a_copy_of_the_database_holds_no_authenticator_seed_or_recovery_code(editor, tmp_path):
    client, codes = _verified_client(editor)
    device = selectors.totp_device_confirmed(user=editor)
    canaries = _canaries(device, codes)
    dump = database_dump()
    assert [canary for canary in canaries if canary in dump] == []

    backup = tmp_path / "backup"
    call_command("backup", str(backup), stdout=open(os.devnull, "w"))  # noqa: SIM115
    copied = b"".join(path.read_bytes() for path in backup.rglob("*") if path.is_file())
    assert [canary for canary in canaries if canary.encode() in copied] == []
    assert client.cookies["sessionid"].value.encode() not in copied

    # Still transparent to django-otp: the app's code and a recovery code sign in.
    other = Client()
    other.post("/admin/login/", {"username": editor.username, "password": PASSWORD})
    assert other.post("/admin/2fa/verify/", {"code": codes[3]}).status_code == 302
    assert other.get("/admin/pages/").status_code == 200


def test_the_migration_seals_seeds_and_codes_stored_in_clear(editor):
    plain = TOTPDevice.objects.create(user=editor, name="phone from before", confirmed=True)
    seed_hex = plain.key
    static = StaticDevice.objects.create(user=editor, name="recovery codes", confirmed=True)
    StaticToken.objects.create(device=static, token="abcd2345")
    assert seed_hex in database_dump()

    migration = importlib.import_module("samvydat.accounts.migrations.0002_seal_second_factors")
    migration.seal(django_apps, None)
    migration.seal(django_apps, None)  # a second run changes nothing

    dump = database_dump()
    assert seed_hex not in dump and "abcd2345" not in dump
    device = selectors.totp_device_confirmed(user=editor)
    assert hexlify(device.bin_key).decode() == seed_hex
    client = Client()
    client.post("/admin/login/", {"username": editor.username, "password": PASSWORD})
    assert client.post("/admin/2fa/verify/", {"code": code_for(device)}).status_code == 302
    client.post("/admin/logout/")
    client.post("/admin/login/", {"username": editor.username, "password": PASSWORD})
    assert client.post("/admin/2fa/verify/", {"code": "ABCD 2345"}).status_code == 302


def test_a_sealed_seed_does_not_open_with_another_key(editor):
    device = services.totp_device_pending(user=editor)
    assert crypto.is_sealed(device.key)
    with override_settings(OTP_SEED_KEY=Fernet.generate_key().decode()), pytest.raises(crypto.SealError):
        code_for(SealedTOTPDevice.objects.get(pk=device.pk))


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"OTP_SEED_KEY": ""}, "accounts.E001"),
        ({"OTP_SEED_KEY": "not-a-key"}, "accounts.E003"),
        ({"OTP_SEED_KEY": crypto.development_key(), "OTP_ALLOW_DEVELOPMENT_KEY": False}, "accounts.E002"),
        ({"OTP_SEED_KEY": crypto.development_key(), "DEBUG": True}, "accounts.W001"),
        ({"OTP_SEED_KEY": Fernet.generate_key().decode(), "OTP_ALLOW_DEVELOPMENT_KEY": False}, None),
    ],
)
def test_production_needs_a_seed_key_of_its_own(overrides, expected):
    with override_settings(**overrides):
        found = [message.id for message in checks.otp_seed_key(None)]
    assert found == ([expected] if expected else [])


def test_after_the_seed_key_changed_a_code_is_refused_without_an_error_page(client, editor, sign_in):
    device = services.totp_device_pending(user=editor)
    device.confirmed = True
    device.save()
    code = code_for(device)
    with override_settings(OTP_SEED_KEY=Fernet.generate_key().decode()):
        sign_in(editor.username)
        response = client.post("/admin/2fa/verify/", {"code": code})
        assert response.status_code == 200 and "That code is not right" in response.content.decode()
