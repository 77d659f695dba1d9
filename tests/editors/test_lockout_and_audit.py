"""Lockout after five failed sign-ins (by username, storing no address), and the audit log in the admin."""

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.models import ModelLogEntry, Page, PageLogEntry

from samvydat.news.models import NewsPage

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def actions_for(user):
    return list(ModelLogEntry.objects.for_instance(user).values_list("action", flat=True))


def test_five_failed_sign_ins_lock_the_account_with_a_clear_message(client, editor, sign_in):
    for _attempt in range(4):
        assert sign_in(editor.username, "wrong password").status_code == 200
    assert sign_in(editor.username, "wrong password").status_code == 429  # the fifth failure locks
    response = sign_in(editor.username)  # the right password no longer helps
    assert response.status_code == 429
    text = response.content.decode()
    assert "Account locked" in text and "5 failed sign-in attempts" in text
    assert client.get("/admin/").status_code == 302 and "_auth_user_id" not in client.session
    assert actions_for(editor).count("samvydat.login_failed") == 4  # the fifth is the lockout's entry
    assert actions_for(editor).count("samvydat.lockout") == 1
    sign_in(editor.username)
    assert actions_for(editor).count("samvydat.lockout") == 1  # one entry per lockout, not per attempt


def test_the_lockout_message_is_translated(client, editor):
    for _attempt in range(6):
        response = client.post(
            "/admin/login/", {"username": editor.username, "password": "x"}, HTTP_ACCEPT_LANGUAGE="be"
        )
    assert response.status_code == 429
    assert "Account locked" not in response.content.decode()


def test_no_address_or_browser_is_stored(client, editor, sign_in):
    sign_in(editor.username, "wrong password")
    attempt = AccessAttempt.objects.get(username=editor.username)
    assert attempt.ip_address is None and attempt.user_agent == ""
    assert not AccessLog.objects.exists()


def test_a_successful_sign_in_resets_the_count(client, editor, sign_in):
    for _attempt in range(4):
        sign_in(editor.username, "wrong password")
    assert sign_in(editor.username).status_code == 302
    client.post("/admin/logout/")
    for _attempt in range(4):
        sign_in(editor.username, "wrong password")
    assert sign_in(editor.username).status_code == 302


def test_lockout_is_per_username(client, editor, sign_in, django_user_model):
    other = django_user_model.objects.create_superuser("other-editor", "other@example.org", PASSWORD)
    for _attempt in range(6):
        sign_in(editor.username, "wrong password")
    assert sign_in(other.username).status_code == 302


def test_readers_never_meet_the_lockout(client, editor, sign_in):
    for _attempt in range(6):
        sign_in(editor.username, "wrong password")
    response = client.get("/en/")
    assert response.status_code == 200


def test_an_unknown_username_is_refused_without_error(client, sign_in):
    for _attempt in range(6):
        response = sign_in("nobody-here", "whatever")
    assert response.status_code in (200, 429)


def test_sign_ins_are_in_the_audit_log(client, editor, sign_in):
    sign_in(editor.username)
    assert "samvydat.login" in actions_for(editor)


def test_site_history_shows_account_events(client, editor, sign_in, log_in_editor):
    sign_in(editor.username, "wrong password")
    log_in_editor(client, editor)
    response = client.get("/admin/reports/site-history/")
    assert response.status_code == 200
    assert "Failed sign-in" in response.content.decode()


def test_user_and_group_deletions_are_logged_with_who(client, editor, log_in_editor, django_user_model):
    log_in_editor(client, editor)
    other = django_user_model.objects.create_user("writer", "writer@example.org", PASSWORD)
    group = Group.objects.create(name="Proofreaders")
    assert client.post(reverse("wagtailusers_groups:delete", args=[group.pk])).status_code == 302
    assert client.post(reverse("wagtailusers_users:delete", args=[other.pk])).status_code == 302
    assert not Group.objects.filter(pk=group.pk).exists()
    assert not django_user_model.objects.filter(pk=other.pk).exists()
    for model_object in (group, other):
        content_type = ContentType.objects.get_for_model(model_object)
        entries = ModelLogEntry.objects.filter(content_type=content_type, object_id=str(model_object.pk))
        assert [(entry.action, entry.user) for entry in entries] == [("wagtail.delete", editor)]


def test_page_unpublish_and_delete_are_logged_with_who(client, editor, log_in_editor):
    log_in_editor(client, editor)
    page = NewsPage.objects.live().first()
    client.post(f"/admin/pages/{page.pk}/unpublish/", {"include_descendants": False})
    assert PageLogEntry.objects.filter(page=page, action="wagtail.unpublish", user=editor).exists()
    client.post(f"/admin/pages/{page.pk}/delete/")
    assert not Page.objects.filter(pk=page.pk).exists()
    assert PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.delete", user=editor).exists()
