"""Limits the application applies to everyone at once, shared by every worker and machine.

The design (docs/deployment.md, "Limits"): nginx limits **each client** itself (``limit_req``/``limit_conn`` keyed
on the client's address, in nginx's memory only) and never passes an address to the application. The application
therefore never keys on an address: it applies **global** caps ("at most 120 comments an hour on the whole site")
and caps on things that are not people ("at most 3 confirmation mails an hour to one mailbox"), so a flood is shed
with a clear 429 page instead of filling the moderation queue, the mail queue or every worker.

Counters live in the ``limits`` cache (``settings.RATE_LIMIT_CACHE_ALIAS``): Redis when ``REDIS_URL`` is set (every
worker and machine sees the same counts; ``INCR`` is atomic), otherwise files shared by the workers of one machine
(every update under an exclusive ``flock``). If that cache fails, each process falls back to counting in its own
memory: the limits still hold, multiplied by the number of processes, rather than falling open.

Keys are never stored as given: ``key`` ("*" for a global cap, or a normalised mailbox) becomes an HMAC under a key
derived from ``SECRET_KEY``, and a counter lives only for two windows.

* ``limit_hit(scope=, key=, limit=, window_seconds=)`` counts one event and says whether it is allowed (a sliding
  window: the previous fixed window's count, weighted by how much of it still overlaps, plus the current one's).
  A refused event is not counted, so a flood never pushes the window further out than ``window_seconds``.
* ``limit_remaining(...)`` reads without counting (check before expensive work, count when it is done).
* ``concurrency_slot(scope=, limit=, hold_seconds=)`` is a context manager yielding ``True`` when one of ``limit``
  slots was free: at most ``limit`` of the guarded operations run at once anywhere; a slot whose holder died is
  free again after ``hold_seconds``.
"""

import contextlib
import fcntl
import logging
import math
import os
import secrets
import time
from collections.abc import Iterator

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.locmem import LocMemCache
from django.utils.crypto import salted_hmac

logger = logging.getLogger(__name__)

GLOBAL = "*"  # the key of a cap on the whole site
_KEY_SALT = "samvydat.security.ratelimit"
_fallback = LocMemCache("samvydat-ratelimit-fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})


def now() -> float:
    """The clock the limits use (tests move it instead of sleeping)."""
    return time.time()


def limit_hit(*, scope: str, key: str = GLOBAL, limit: int, window_seconds: int) -> bool:
    """Count one event of ``scope`` for ``key``; ``True`` if it is within ``limit`` per ``window_seconds``.

    ``False`` means refuse the request: the event was not counted.
    """
    if limit <= 0:
        return False
    return _with_cache(lambda cache: _hit(cache, _counter_key(scope, key), limit, window_seconds))


def limit_remaining(*, scope: str, key: str = GLOBAL, limit: int, window_seconds: int) -> int:
    """How many events ``limit_hit`` would still allow now (nothing is counted)."""
    counted = _with_cache(lambda cache: _estimate(cache, _counter_key(scope, key), window_seconds, now()))
    return max(0, limit - math.ceil(counted))


def limit_reset(*, scope: str, key: str = GLOBAL, window_seconds: int) -> None:
    """Forget the counts of ``scope`` for ``key`` (an operator lifting a limit; tests)."""
    base = _counter_key(scope, key)
    window = int(now() // window_seconds)

    def forget(cache: BaseCache) -> None:
        cache.delete_many([f"{base}:{window_seconds}:{window}", f"{base}:{window_seconds}:{window - 1}"])

    _with_cache(forget)
    forget(_fallback)


@contextlib.contextmanager
def concurrency_slot(*, scope: str, limit: int, hold_seconds: int = 30) -> Iterator[bool]:
    """Take one of ``limit`` slots of ``scope`` for the ``with`` block; yields ``False`` when all are taken.

    Slots are shared through the limits cache (``SET NX`` with an expiry on Redis), so the limit holds across
    workers and machines; a holder that crashed frees its slot after ``hold_seconds``.
    """
    token = secrets.token_hex(8)
    taken = _with_cache(lambda cache: _slot_take(cache, scope, limit, token, hold_seconds))
    try:
        yield taken is not None
    finally:
        if taken is not None:
            _with_cache(lambda cache: _slot_free(cache, taken, token))


# --- Internals -----------------------------------------------------------------------------------------------------
def _limits_cache() -> BaseCache:
    return caches[getattr(settings, "RATE_LIMIT_CACHE_ALIAS", "limits")]


def _counter_key(scope: str, key: str) -> str:
    return f"ratelimit:{scope}:" + salted_hmac(_KEY_SALT, f"{scope}\0{key}", algorithm="sha256").hexdigest()[:32]


def _with_cache(operation):
    """Run ``operation(cache)`` on the shared limits cache, under a file lock for the file cache; on a cache
    failure (Redis down, disk full), in this process's memory instead."""
    try:
        cache = _limits_cache()
        with _serialised(cache):
            return operation(cache)
    except Exception:  # any cache failure: count in memory rather than let floods through or refuse everyone
        logger.warning("limits cache unavailable; counting in this process's memory", exc_info=True)
        return operation(_fallback)


@contextlib.contextmanager
def _serialised(cache: BaseCache) -> Iterator[None]:
    """FileBasedCache's ``incr`` and ``add`` are a read then a write: one exclusive lock per directory makes them
    atomic for every process of the machine. Redis and the in-memory cache are atomic already."""
    if not isinstance(cache, FileBasedCache):
        yield
        return
    os.makedirs(cache._dir, exist_ok=True)
    with open(os.path.join(cache._dir, ".ratelimit.lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _hit(cache: BaseCache, base: str, limit: int, window_seconds: int) -> bool:
    moment = now()
    window = int(moment // window_seconds)
    current = f"{base}:{window_seconds}:{window}"
    cache.add(current, 0, timeout=2 * window_seconds + 1)
    try:
        count = cache.incr(current)
    except ValueError:  # expired between add and incr
        cache.add(current, 0, timeout=2 * window_seconds + 1)
        count = cache.incr(current)
    previous = cache.get(f"{base}:{window_seconds}:{window - 1}") or 0
    if previous * _overlap(moment, window_seconds) + count > limit:
        cache.decr(current)
        return False
    return True


def _estimate(cache: BaseCache, base: str, window_seconds: int, moment: float) -> float:
    window = int(moment // window_seconds)
    found = cache.get_many([f"{base}:{window_seconds}:{window}", f"{base}:{window_seconds}:{window - 1}"])
    current = found.get(f"{base}:{window_seconds}:{window}", 0)
    previous = found.get(f"{base}:{window_seconds}:{window - 1}", 0)
    return previous * _overlap(moment, window_seconds) + current


def _overlap(moment: float, window_seconds: int) -> float:
    """The share of the previous fixed window that still lies within the last ``window_seconds``."""
    return 1.0 - (moment % window_seconds) / window_seconds


def _slot_take(cache: BaseCache, scope: str, limit: int, token: str, hold_seconds: int) -> str | None:
    for number in range(limit):
        slot = f"ratelimit-slot:{scope}:{number}"
        if cache.add(slot, token, timeout=hold_seconds):
            return slot
    return None


def _slot_free(cache: BaseCache, slot: str, token: str) -> None:
    if cache.get(slot) == token:  # not a slot that expired and was taken by someone else meanwhile
        cache.delete(slot)
