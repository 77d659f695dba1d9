"""A copy of the database (a backup, a seized disk, a dump) must not sign anyone in or give away a second factor.

Each test signs an editor in through the real forms, then reads the whole database as text, as an attacker with a
copy would, and replays what it finds.
"""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from samvydat.accounts import services
from tests.comments.dumps import database_dump

from .conftest import code_for

pytestmark = pytest.mark.django_db


def _verified_client(editor) -> tuple[Client, list[str]]:
    """An editor signed in with password and authenticator code; returns the client and their recovery codes."""
    device = services.totp_device_pending(user=editor)
    device.confirmed = True
    device.save()
    codes = services.recovery_codes_replace(user=editor, logged=False)
    client = Client()
    client.post("/admin/login/", {"username": editor.username, "password": "a-long-editor-password-123"})
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
