"""Only members of "Submission handlers" read submissions: decrypted on view, files streamed decrypted."""

import pytest
from django.contrib.auth.models import Group, User
from django.core import checks
from django.urls import reverse

from samvydat.submissions import crypto
from samvydat.submissions.checks import submissions_encryption_key
from samvydat.submissions.cleaning import clean_upload
from samvydat.submissions.models import Submission
from samvydat.submissions.roles import HANDLERS
from samvydat.submissions.services import submission_receive

from . import samples

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission():
    photo = clean_upload("street.jpg", samples.jpeg_with_gps())
    return submission_receive(
        kind="museum",
        language="ru",
        text="A placard from the march. Marker TXT-8H2",
        contact="contact-8H2",
        files=[photo],
    )


def user_in(*groups, superuser=False):
    make = User.objects.create_superuser if superuser else User.objects.create_user
    user = make(f"user-{'-'.join(groups) or 'none'}-{superuser}", password="a-long-password-123")
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def test_handlers_read_and_download(client, log_in_editor, submission):
    log_in_editor(client, user_in(HANDLERS))
    listing = client.get(reverse("submissions_admin:list"))
    assert listing.status_code == 200 and f"#{submission.pk}" in listing.content.decode()
    assert "TXT-8H2" not in listing.content.decode()  # the list shows no content
    detail = client.get(reverse("submissions_admin:detail", args=[submission.pk]))
    html = detail.content.decode()
    assert "Marker TXT-8H2" in html and "contact-8H2" in html and "street.jpg" in html
    assert "no-store" in detail["Cache-Control"]
    stored = submission.files.get()
    download = client.get(reverse("submissions_admin:file", args=[submission.pk, stored.pk]))
    assert download.status_code == 200 and download.streaming
    body = b"".join(download.streaming_content)
    assert body.startswith(b"\xff\xd8\xff") and b"GPS" not in body and len(body) == stored.size
    assert 'filename="street.jpg"' in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("groups", [(), ("Editors",), ("Moderators",)])
def test_nobody_else_reads_them_not_even_superusers(client, log_in_editor, submission, groups):
    log_in_editor(client, user_in(*groups, superuser=not groups))
    for url in [
        reverse("submissions_admin:list"),
        reverse("submissions_admin:detail", args=[submission.pk]),
        reverse("submissions_admin:file", args=[submission.pk, submission.files.get().pk]),
    ]:
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert b"TXT-8H2" not in response.content
    menu = client.get("/admin/").content.decode()
    assert reverse("submissions_admin:list") not in menu


def test_anonymous_readers_are_sent_to_the_login(client, submission):
    response = client.get(reverse("submissions_admin:detail", args=[submission.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_status_and_delete_for_good(client, log_in_editor, submission, settings):
    from pathlib import Path

    log_in_editor(client, user_in(HANDLERS))
    client.post(reverse("submissions_admin:status", args=[submission.pk]), {"status": "done"})
    submission.refresh_from_db()
    assert submission.status == "done"
    path = Path(settings.SUBMISSIONS_ROOT) / submission.files.get().stored_as
    assert path.exists()
    assert client.post(reverse("submissions_admin:delete", args=[submission.pk])).status_code == 200  # confirm
    client.post(reverse("submissions_admin:delete", args=[submission.pk]), {"confirm": "yes"})
    assert not Submission.objects.exists() and not path.exists()


def test_the_handlers_group_exists_with_its_permission():
    group = Group.objects.get(name=HANDLERS)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"handle_submission", "access_admin"} <= codenames


def test_production_refuses_to_run_without_a_real_key(settings):
    settings.SUBMISSIONS_ENCRYPTION_KEYS = []
    assert [e.id for e in submissions_encryption_key(None)] == ["submissions.E001"]
    settings.SUBMISSIONS_ENCRYPTION_KEYS = ["not-a-key"]
    assert "submissions.E003" in [e.id for e in submissions_encryption_key(None)]
    settings.SUBMISSIONS_ENCRYPTION_KEYS = [crypto.development_key()]
    settings.DEBUG = False
    settings.SUBMISSIONS_ALLOW_DEVELOPMENT_KEYS = False
    errors = submissions_encryption_key(None)
    assert [e.id for e in errors] == ["submissions.E002"] and all(e.level == checks.ERROR for e in errors)


def test_fernet_tokens_tell_only_the_day():
    import base64
    import struct

    token = crypto.encrypt_text("hello")
    timestamp = struct.unpack(">Q", base64.urlsafe_b64decode(token)[1:9])[0]
    assert timestamp % 86400 == 0
