"""``make admin`` (manage.py create_editor) asks for everything the account page later requires."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-passphrase-42"


def _answers(monkeypatch, lines, passwords):
    lines, passwords = iter(lines), iter(passwords)
    monkeypatch.setattr("builtins.input", lambda prompt: next(lines))
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(passwords))


def test_it_asks_for_first_and_last_name_and_the_account_page_then_saves(monkeypatch):
    _answers(monkeypatch, ["anna", "", "Anna", "Kavaliova", "not-an-address", "anna@example.org"], [PASSWORD] * 2)
    out, err = io.StringIO(), io.StringIO()
    call_command("create_editor", stdout=out, stderr=err)
    user = get_user_model().objects.get(username="anna")
    assert (user.first_name, user.last_name, user.email) == ("Anna", "Kavaliova", "anna@example.org")
    assert user.is_superuser and user.check_password(PASSWORD)
    assert "this cannot be empty" in err.getvalue() and "not an e-mail address" in err.getvalue()
    assert "authenticator app" in out.getvalue()
    # Wagtail's "Name and e-mail" account form, which requires both names, takes the account as it is.
    assert _account_form_accepts(user)


def test_an_account_without_names_is_what_the_account_page_refuses():
    """Why the command asks: Django's createsuperuser leaves the names empty and the account page then refuses."""
    user = get_user_model().objects.create_superuser("nameless", "nameless@example.org", PASSWORD)
    assert not _account_form_accepts(user)


def _account_form_accepts(user) -> bool:
    from wagtail.admin.forms.account import NameEmailForm

    values = {"first_name": user.first_name, "last_name": user.last_name, "email": user.email}
    return NameEmailForm(instance=user, data=values).is_valid()


def test_a_weak_or_mistyped_password_is_asked_again(monkeypatch):
    _answers(
        monkeypatch,
        ["boris", "Boris", "B.", "boris@example.org"],
        ["short", "short", PASSWORD, "typo", *[PASSWORD] * 2],
    )
    err = io.StringIO()
    call_command("create_editor", stdout=io.StringIO(), stderr=err)
    assert get_user_model().objects.get(username="boris").check_password(PASSWORD)
    assert "too short" in err.getvalue() and "the two passwords differ" in err.getvalue()


def test_without_a_terminal_every_field_is_required(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    with pytest.raises(CommandError, match="Last name: this cannot be empty"):
        call_command("create_editor", "--noinput", "--username", "c", "--first-name", "C", "--email", "c@example.org")
    assert not get_user_model().objects.filter(username="c").exists()
    call_command(
        "create_editor",
        "--noinput",
        "--username",
        "c",
        "--first-name",
        "C",
        "--last-name",
        "D",
        "--email",
        "c@example.org",
        stdout=io.StringIO(),
    )
    assert get_user_model().objects.get(username="c").last_name == "D"
