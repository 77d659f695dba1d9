"""Editors' second factors at rest: authenticator seeds sealed, recovery codes kept only as keyed digests.

The key is ``OTP_SEED_KEY`` (32 random bytes, url-safe base64 — ``Fernet.generate_key()`` makes one), from the
environment or a secret file, never from the database, and on purpose not derived from ``SECRET_KEY``: whoever
holds a copy of the database *and* ``SECRET_KEY`` can forge a password-reset link (docs/security.md), and must
still not be able to compute an editor's codes.

* Seeds (``seed_seal`` / ``seed_open``): AES-256-GCM from ``cryptography`` (authenticated: a changed row fails to
  open). Fernet would be the house choice, but its token for a 20-byte seed (120 characters) does not fit
  django-otp's ``key`` column (80); AES-GCM's nonce + ciphertext + tag is 64 characters of base64.
* Recovery codes (``recovery_code_digest``): HMAC-SHA256 under a key derived from ``OTP_SEED_KEY``, 64 bits as 16
  hex digits (django-otp's token column). A code has 40 bits: a plain hash would be undone by trying them all;
  the keyed digest cannot be tested without the key.

Development and tests use a fixed, public key that production refuses (check ``accounts.E002``). This module
imports no model, so settings may import ``development_key``.
"""

import base64
import hashlib
import hmac
import os
from binascii import Error as Base64Error

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

SEALED_PREFIX = "s1:"
NONCE_BYTES = 12
_SEED_CONTEXT = b"samvydat totp seed v1"
_CODE_CONTEXT = b"samvydat recovery code v1"
DIGEST_LENGTH = 16  # django-otp's StaticToken.token is a CharField(max_length=16)


class SealError(ValueError):
    """A sealed seed that does not open: another key, or a changed row."""


def development_key() -> str:
    """A fixed, public key for development and tests only (production refuses it: ``accounts.E002``)."""
    digest = hashlib.sha256(b"samvydat-development-only-otp-seed-key").digest()
    return base64.urlsafe_b64encode(digest).decode()


def key_is_development(key: str) -> bool:
    return key == development_key()


def key_bytes(key: str | None = None) -> bytes:
    key = settings.OTP_SEED_KEY if key is None else key
    if not key:
        raise ImproperlyConfigured("OTP_SEED_KEY is not set (see docs/deployment.md).")
    try:
        raw = base64.urlsafe_b64decode(key.encode())
    except (Base64Error, ValueError) as error:
        raise ImproperlyConfigured("OTP_SEED_KEY is not url-safe base64.") from error
    if len(raw) != 32:
        raise ImproperlyConfigured("OTP_SEED_KEY must be 32 bytes in url-safe base64.")
    return raw


def is_sealed(stored: str) -> bool:
    return stored.startswith(SEALED_PREFIX)


def seed_seal(seed: bytes) -> str:
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(key_bytes()).encrypt(nonce, seed, _SEED_CONTEXT)
    return SEALED_PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode("ascii")


def seed_open(stored: str) -> bytes:
    if not is_sealed(stored):
        raise SealError("the authenticator key is not sealed")
    try:
        blob = base64.urlsafe_b64decode(stored[len(SEALED_PREFIX) :].encode("ascii"))
        return AESGCM(key_bytes()).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], _SEED_CONTEXT)
    except (InvalidTag, Base64Error, ValueError) as error:
        raise SealError("the authenticator key does not open with OTP_SEED_KEY") from error


def recovery_code_digest(code: str) -> str:
    """What the database keeps of a recovery code (already normalised: no spaces, lower case)."""
    code_key = hmac.new(key_bytes(), _CODE_CONTEXT, hashlib.sha256).digest()
    return hmac.new(code_key, code.encode(), hashlib.sha256).hexdigest()[:DIGEST_LENGTH]


def is_recovery_code_digest(stored: str) -> bool:
    return len(stored) == DIGEST_LENGTH and all(character in "0123456789abcdef" for character in stored)
