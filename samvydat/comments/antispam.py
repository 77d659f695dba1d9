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
* A rate limit per address over a short window, held only in this process's memory under a keyed hash whose
  key is random per process and never written anywhere (``SlidingWindow``).
"""

import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
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


class SlidingWindow:
    """At most ``limit`` events per key in the last ``seconds``, in memory only.

    Keys are HMACs under a key made at random when the process starts, so even this memory holds no address;
    entries older than the window are dropped on every call. With several worker processes each keeps its own
    window (the effective limit is limit × workers) — accepted, as nothing is shared or written.
    """

    def __init__(self, *, limit: int, seconds: int):
        self.limit = limit
        self.seconds = seconds
        self._key = secrets.token_bytes(32)
        self._events: dict[bytes, deque] = {}
        self._lock = threading.Lock()

    def hit(self, identifier: str) -> bool:
        """Record an event for ``identifier``; False when over the limit (the event is then not counted)."""
        key = hmac.new(self._key, identifier.encode(), hashlib.sha256).digest()[:16]
        moment = now()
        with self._lock:
            self._forget_before(moment - self.seconds)
            events = self._events.setdefault(key, deque())
            if len(events) >= self.limit:
                return False
            events.append(moment)
            return True

    def _forget_before(self, cutoff: float) -> None:
        for key in list(self._events):
            events = self._events[key]
            while events and events[0] < cutoff:
                events.popleft()
            if not events:
                del self._events[key]

    def clear(self) -> None:
        with self._lock:
            self._events.clear()


_windows: dict[str, SlidingWindow] = {}


def rate_window(name: str) -> SlidingWindow:
    """The process's window for ``name`` ("comments", "submissions"), made on first use from the settings."""
    if name not in _windows:
        limit, seconds = settings.READER_POST_RATE_LIMIT
        _windows[name] = SlidingWindow(limit=limit, seconds=seconds)
    return _windows[name]


def client_address(request) -> str:
    """The address to rate-limit by; used only as an HMAC input inside ``SlidingWindow``, never stored."""
    return request.META.get("REMOTE_ADDR", "")
