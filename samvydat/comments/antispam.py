"""Spam defence that keeps nothing about the reader.

* A signed form token names the page and the form and carries the time the page was rendered. It is the same
  for every reader of a cached page, so it is no per-request secret; it stays valid for ``token_max_age()``
  seconds: as long as the full-page cache may keep the page (``PAGE_CACHE_TIMEOUT``) plus six hours to write.
* With JavaScript, ``static/comments/proof-of-work.js`` finds a nonce such that
  SHA-256("<token>:<nonce>") starts with ``COMMENTS_POW_BITS`` zero bits — a second of work for one comment,
  a real cost for thousands.
* Without JavaScript, the token must be at least ``COMMENTS_MIN_FORM_SECONDS`` old: people read and type,
  scripts that fetch and post at once do not.
* A hidden "website" field that people leave empty.
* Limits: nginx limits each client (``limit_req`` in deploy/nginx/samvydat.conf, keyed on the address in its
  memory only); the application, which never sees an address, caps the whole site (``COMMENTS_GLOBAL_LIMIT``
  through ``samvydat.security.ratelimit``, in the views).
"""

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

TOKEN_SALT = "samvydat.comments.form-token"


def now() -> float:
    """The clock the checks use (tests move it)."""
    return time.time()


WRITING_TIME = 6 * 3600


def token_max_age() -> int:
    configured = settings.COMMENTS_FORM_TOKEN_MAX_AGE
    return configured or getattr(settings, "PAGE_CACHE_TIMEOUT", 3600) + WRITING_TIME


def form_token(*, page_id: int, kind: str) -> str:
    return signing.dumps([page_id, kind, int(now())], salt=TOKEN_SALT, compress=False)


@dataclass(frozen=True)
class TokenCheck:
    ok: bool
    age: float = 0.0


def token_check(token: str, *, page_id: int, kind: str) -> TokenCheck:
    """Is ``token`` ours, for this page and form, and not too old? Returns its age in seconds."""
    try:
        token_page, token_kind, issued = signing.loads(token, salt=TOKEN_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return TokenCheck(ok=False)
    if token_page != page_id or token_kind != kind or not isinstance(issued, int):
        return TokenCheck(ok=False)
    age = now() - issued
    return TokenCheck(ok=-60 <= age <= token_max_age(), age=age)  # a minute of clock skew between processes


def proof_of_work_valid(token: str, nonce: str, *, bits: int | None = None) -> bool:
    bits = settings.COMMENTS_POW_BITS if bits is None else bits
    if not nonce or len(nonce) > 32 or not nonce.isdigit():
        return False
    digest = hashlib.sha256(f"{token}:{nonce}".encode()).digest()
    return int.from_bytes(digest, "big") >> (256 - bits) == 0


def proof_of_work_solve(token: str, *, bits: int | None = None) -> str:
    """What the browser's script does (for tests and benchmarks)."""
    nonce = 0
    while not proof_of_work_valid(token, str(nonce), bits=bits):
        nonce += 1
    return str(nonce)
