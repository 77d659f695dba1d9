"""A sign-in flood is refused before any password is hashed, and the hasher is sized for a small server while old
hashes (Django's 100 MiB Argon2) still verify and are re-made."""

import secrets
import threading

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, check_password, identify_hasher

from samvydat.accounts import hashers, signin
from samvydat.security import ratelimit

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db
PRODUCTION_HASHERS = ["samvydat.accounts.hashers.Argon2idHasher", "django.contrib.auth.hashers.PBKDF2PasswordHasher"]


@pytest.fixture
def hashes_computed(settings, monkeypatch):
    """Production's hasher, counting every hash it computes (a sign-in with an unknown name hashes too)."""
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    counted = []
    lock = threading.Lock()
    for name in ("encode", "verify"):
        original = getattr(hashers.Argon2idHasher, name)

        def counting(self, *args, _original=original, **kwargs):
            with lock:
                counted.append(1)
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(hashers.Argon2idHasher, name, counting)
    return counted


def random_username_attempt(sign_in):
    return sign_in(f"nobody-{secrets.token_hex(6)}", password=secrets.token_hex(8))


def test_a_random_username_flood_is_throttled_before_hashing(settings, sign_in, hashes_computed):
    settings.SIGNIN_GLOBAL_LIMIT = (5, 60)
    responses = [random_username_attempt(sign_in) for _ in range(20)]
    assert len(hashes_computed) == 5  # only the attempts within the cap reached a password hash
    refused = responses[5:]
    assert all(response.status_code == 200 for response in responses)  # the sign-in form again, never an error
    assert all("Very many sign-in attempts" in response.content.decode() for response in refused)
    assert "didn" in responses[0].content.decode()  # the first ones were ordinary failed sign-ins


def test_one_username_is_capped_before_hashing_whoever_tries(settings, editor, sign_in, hashes_computed):
    settings.SIGNIN_USERNAME_LIMIT = (3, 900)
    settings.AXES_FAILURE_LIMIT = 100  # the username cap, not axes' lockout, stops these
    statuses = [sign_in(editor.username.upper(), password="wrong").content.decode() for _ in range(5)]
    assert len(hashes_computed) == 3
    assert "Too many sign-in attempts for this username" in statuses[-1]
    assert sign_in("someone-else", password="wrong").status_code == 200 and len(hashes_computed) == 4


def test_when_every_hashing_slot_is_busy_nothing_is_hashed(settings, sign_in, hashes_computed):
    """Eight parallel attempts hold at most SIGNIN_CONCURRENT_HASHES threads: the others are answered at once."""
    settings.SIGNIN_CONCURRENT_HASHES = 1
    with ratelimit.concurrency_slot(scope=signin.HASHING_SCOPE, limit=1) as taken:  # another attempt hashing now
        assert taken
        response = random_username_attempt(sign_in)
    assert response.status_code == 200 and "The server is busy" in response.content.decode()
    assert hashes_computed == []
    random_username_attempt(sign_in)  # the slot is free again
    assert len(hashes_computed) == 1


def test_a_throttled_attempt_does_not_lock_the_editor_out(settings, editor, sign_in):
    settings.SIGNIN_GLOBAL_LIMIT = (0, 60)
    for _ in range(10):
        assert "Very many sign-in attempts" in sign_in(editor.username, password="wrong").content.decode()
    settings.SIGNIN_GLOBAL_LIMIT = (30, 60)
    response = sign_in(editor.username)
    assert response.status_code == 302  # axes counted none of the refused attempts


def test_an_old_django_argon2_hash_still_verifies_and_is_remade(settings, editor, sign_in):
    """An editor whose password was hashed with Django's default Argon2 (100 MiB, p=8) signs in as before; the hash is
    re-made with the small parameters."""
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    old = Argon2PasswordHasher().encode(PASSWORD, Argon2PasswordHasher().salt())
    assert "m=102400,t=2,p=8" in old
    type(editor).objects.filter(pk=editor.pk).update(password=old)
    assert sign_in(editor.username, password="wrong").status_code == 200  # still refuses a wrong password
    assert sign_in(editor.username).status_code == 302
    editor.refresh_from_db()
    assert editor.password != old and "argon2id$v=19$m=19456,t=2,p=1$" in editor.password
    assert isinstance(identify_hasher(editor.password), hashers.Argon2idHasher)
    assert check_password(PASSWORD, editor.password) and not check_password("wrong", editor.password)


def test_a_new_hash_is_not_remade_again(settings):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    new = hashers.Argon2idHasher().encode("pw", hashers.Argon2idHasher().salt())
    assert not hashers.Argon2idHasher().must_update(new)
