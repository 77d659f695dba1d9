"""Addresses are checked with clear messages, encrypted at rest, found by a keyed blind index; keys rotate."""

import pytest
from cryptography.fernet import Fernet
from django.core import checks

from samvydat.newsletter import crypto
from samvydat.newsletter.addresses import InvalidAddress, address_index_form, address_normalise
from samvydat.newsletter.checks import newsletter_keys


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Reader@Example.ORG ", "Reader@example.org"),
        ("ales@пример.бел", "ales@xn--e1afmkfd.xn--90ais"),
        ("a.b+tag@sub.example.org.", "a.b+tag@sub.example.org"),
    ],
)
def test_good_addresses_are_normalised(raw, expected):
    assert address_normalise(raw) == expected


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("", "Enter an email address"),
        ("no-at-sign", "like name@example.org"),
        ("reader@example.org\r\nBcc: victim@example.org", "line break"),
        ("reader@example.org\nX: y", "line break"),
        ("x" * 65 + "@example.org", "before the @ is too long"),
        ("a@" + "b" * 250 + ".org", "too long"),
        ("алесь@example.org", "non-Latin letters before the @"),
        ("a@-bad-.org", "like name@example.org"),
        ("a@@example.org", "like name@example.org"),
    ],
)
def test_bad_addresses_say_what_is_wrong(raw, words):
    with pytest.raises(InvalidAddress) as error:
        address_normalise(raw)
    assert words in str(error.value.message)


def test_address_round_trips_encrypted_and_the_index_ignores_case():
    token = crypto.address_encrypt("Reader@example.org")
    assert "reader" not in token.lower() and "example" not in token
    assert crypto.address_decrypt(token) == "Reader@example.org"
    first = crypto.address_index(address_index_form("Reader@example.org"))
    assert first == crypto.address_index(address_index_form("reader@EXAMPLE.org".lower()))
    assert len(first) == 64 and "reader" not in first


def test_keys_rotate_old_tokens_still_open_and_are_re_encrypted(settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.NEWSLETTER_ENCRYPTION_KEYS = [old]
    token = crypto.address_encrypt("reader@example.org")
    settings.NEWSLETTER_ENCRYPTION_KEYS = [new, old]
    assert crypto.address_decrypt(token) == "reader@example.org"
    rotated = crypto.address_reencrypt(token)
    settings.NEWSLETTER_ENCRYPTION_KEYS = [new]
    assert crypto.address_decrypt(rotated) == "reader@example.org"
    with pytest.raises(crypto.InvalidToken):
        crypto.address_decrypt(token)


def test_missing_or_public_keys_stop_production(settings):
    settings.NEWSLETTER_ENCRYPTION_KEYS = []
    settings.NEWSLETTER_INDEX_KEY = ""
    ids = {error.id for error in newsletter_keys(None)}
    assert ids == {"newsletter.E001"}
    settings.NEWSLETTER_ENCRYPTION_KEYS = ["not a key"]
    assert any("not a Fernet key" in error.msg for error in newsletter_keys(None))
    settings.NEWSLETTER_ENCRYPTION_KEYS = [crypto.development_key("encryption")]
    settings.NEWSLETTER_INDEX_KEY = crypto.development_key("index")
    settings.DEBUG = False
    settings.NEWSLETTER_ALLOW_DEVELOPMENT_KEYS = False
    errors = newsletter_keys(None)
    assert [error.id for error in errors] == ["newsletter.E002"]
    assert all(error.level == checks.ERROR for error in errors)
    settings.NEWSLETTER_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    settings.NEWSLETTER_INDEX_KEY = "k" * 40
    assert [error.id for error in newsletter_keys(None)] == ["newsletter.E002"]  # the suppression key is public
    settings.NEWSLETTER_SUPPRESSION_KEY = "k" * 40
    assert any("must differ" in error.msg for error in newsletter_keys(None))
    settings.NEWSLETTER_SUPPRESSION_KEY = ""
    assert any("NEWSLETTER_SUPPRESSION_KEY is not set" in error.msg for error in newsletter_keys(None))
    settings.NEWSLETTER_SUPPRESSION_KEY = "s" * 40
    assert newsletter_keys(None) == []
