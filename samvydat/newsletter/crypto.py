"""Subscriber addresses at rest: Fernet encryption and a blind index, with keys from the environment only.

* ``address_encrypt`` / ``address_decrypt``: Fernet (AES-128-CBC + HMAC-SHA256) through ``MultiFernet``, so keys
  rotate: ``NEWSLETTER_ENCRYPTION_KEY`` is a comma-separated list, the first key encrypts, every key decrypts
  (``manage.py newsletter_rotate_keys`` re-encrypts every row with the first key).
* ``address_index``: HMAC-SHA256 of the normalised address with a separate key (``NEWSLETTER_INDEX_KEY``), so the
  database can find an address without holding it. A stolen database yields neither addresses nor a way to test
  guesses against the index without the index key.
* ``suppression_digest``: HMAC-SHA256 of the lower-cased address under ``NEWSLETTER_SUPPRESSION_KEY``, the only
  trace kept of an address that bounced for good or complained. Destroying that key forgets every suppression.
"""

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def development_key(purpose: str) -> str:
    """A fixed, public key for development and tests only (production refuses it: ``newsletter.E002``)."""
    digest = hashlib.sha256(f"samvydat-development-only-newsletter-{purpose}".encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("NEWSLETTER_ENCRYPTION_KEY is not set (see docs/newsletter.md).")
    return MultiFernet([Fernet(key.encode()) for key in keys])


def _encryption() -> MultiFernet:
    return _fernet(tuple(settings.NEWSLETTER_ENCRYPTION_KEYS))


def _index_key() -> bytes:
    key = settings.NEWSLETTER_INDEX_KEY
    if not key:
        raise ImproperlyConfigured("NEWSLETTER_INDEX_KEY is not set (see docs/newsletter.md).")
    return key.encode()


def address_encrypt(address: str) -> str:
    return _encryption().encrypt(address.encode()).decode("ascii")


def address_decrypt(token: str) -> str:
    """The address; ``InvalidToken`` if no configured key opens it (a lost or wrong key)."""
    return _encryption().decrypt(token.encode("ascii")).decode()


def address_reencrypt(token: str) -> str:
    """The same address encrypted with the current (first) key."""
    return _encryption().rotate(token.encode("ascii")).decode("ascii")


def address_index(normalised_address: str) -> str:
    return hmac.new(_index_key(), normalised_address.encode(), hashlib.sha256).hexdigest()


def _suppression_key() -> bytes:
    key = settings.NEWSLETTER_SUPPRESSION_KEY
    if not key:
        raise ImproperlyConfigured("NEWSLETTER_SUPPRESSION_KEY is not set (see docs/newsletter.md).")
    return key.encode()


def suppression_digest(normalised_address: str) -> str:
    """What the suppression list holds for an address (``address_index_form`` of it), under its own key."""
    return hmac.new(_suppression_key(), normalised_address.encode(), hashlib.sha256).hexdigest()


def keys_problems() -> list[str]:
    """What is wrong with the configured keys (for the system check), in words."""
    problems = []
    keys = settings.NEWSLETTER_ENCRYPTION_KEYS
    if not keys:
        problems.append("NEWSLETTER_ENCRYPTION_KEY is not set")
    for number, key in enumerate(keys, start=1):
        try:
            Fernet(key.encode())
        except (ValueError, TypeError):
            problems.append(f"NEWSLETTER_ENCRYPTION_KEY #{number} is not a Fernet key (32 url-safe base64 bytes)")
    if not settings.NEWSLETTER_INDEX_KEY:
        problems.append("NEWSLETTER_INDEX_KEY is not set")
    elif len(settings.NEWSLETTER_INDEX_KEY) < 32:
        problems.append("NEWSLETTER_INDEX_KEY is shorter than 32 characters")
    if settings.NEWSLETTER_INDEX_KEY and settings.NEWSLETTER_INDEX_KEY in keys:
        problems.append("NEWSLETTER_INDEX_KEY must differ from the encryption keys")
    suppression = settings.NEWSLETTER_SUPPRESSION_KEY
    if not suppression:
        problems.append("NEWSLETTER_SUPPRESSION_KEY is not set")
    elif len(suppression) < 32:
        problems.append("NEWSLETTER_SUPPRESSION_KEY is shorter than 32 characters")
    elif suppression in {*keys, settings.NEWSLETTER_INDEX_KEY}:
        problems.append("NEWSLETTER_SUPPRESSION_KEY must differ from the other newsletter keys")
    return problems


__all__ = [
    "InvalidToken",
    "address_decrypt",
    "address_encrypt",
    "address_index",
    "address_reencrypt",
    "suppression_digest",
]
