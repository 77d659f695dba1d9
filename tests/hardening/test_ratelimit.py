"""``samvydat.security.ratelimit``: global caps shared by every worker, atomic under parallel processes, on the
file cache (one machine) and on Redis (every machine), holding no key in clear and not falling open when the shared
cache fails."""

import multiprocessing
import secrets
import time

import pytest
from django.core.cache import caches
from django.test import override_settings

from samvydat.security import ratelimit
from tests.conftest import skip_or_fail


class Clock:
    def __init__(self, start: float = 1_900_000_020.0):
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    current = Clock()
    monkeypatch.setattr(ratelimit, "now", current)
    return current


@pytest.fixture
def scope():
    """A scope of its own per test: counters never leak between tests, processes or engineers' runs."""
    return "test-" + secrets.token_hex(6)


def _limits(backend: dict):
    return override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}, "limits": backend}
    )


def hits(scope: str, count: int, *, limit: int, window: int = 60, key: str = ratelimit.GLOBAL) -> list[bool]:
    return [ratelimit.limit_hit(scope=scope, key=key, limit=limit, window_seconds=window) for _ in range(count)]


def test_a_global_cap_refuses_beyond_the_limit_and_frees_with_time(clock, scope):
    assert hits(scope, 4, limit=3) == [True, True, True, False]
    assert ratelimit.limit_remaining(scope=scope, limit=3, window_seconds=60) == 0
    clock.advance(40)  # still inside the window
    assert hits(scope, 1, limit=3) == [False]
    # 100 s after the start (the clock starts on a window's edge): the first window's 3 events count for the third
    # of it that still lies within the last minute.
    clock.advance(60)
    assert ratelimit.limit_remaining(scope=scope, limit=3, window_seconds=60) == 2
    clock.advance(120)
    assert hits(scope, 4, limit=3) == [True, True, True, False]


def test_refused_events_are_not_counted(clock, scope):
    """A flood never pushes the window out: once the minute is over, readers get through again."""
    assert hits(scope, 1000, limit=5).count(True) == 5
    clock.advance(121)
    assert hits(scope, 5, limit=5) == [True] * 5


def test_keys_are_separate_and_never_stored_in_clear(clock, scope):
    mailbox = "reader-canary-7q@example.org"
    assert hits(scope, 2, limit=2, key=mailbox) == [True, True]
    assert hits(scope, 1, limit=2, key=mailbox) == [False]
    assert hits(scope, 1, limit=2, key="another@example.org") == [True]
    stored = caches["limits"]._cache  # LocMemCache: key → pickled value
    assert stored and not any(b"canary" in key.encode() or b"canary" in value for key, value in stored.items())


def test_a_zero_limit_refuses_everything(scope):
    assert hits(scope, 1, limit=0) == [False]


def test_concurrency_slots(scope, monkeypatch):
    with ratelimit.concurrency_slot(scope=scope, limit=2) as first:
        with (
            ratelimit.concurrency_slot(scope=scope, limit=2) as second,
            ratelimit.concurrency_slot(scope=scope, limit=2) as third,
        ):
            assert (first, second, third) == (True, True, False)
        with ratelimit.concurrency_slot(scope=scope, limit=2) as again:
            assert again  # the second and third were given back
    # A holder that died (its ``finally`` never ran) frees its slot after hold_seconds.
    held = ratelimit.concurrency_slot(scope=scope, limit=1, hold_seconds=30)
    assert held.__enter__()
    with ratelimit.concurrency_slot(scope=scope, limit=1) as blocked:
        assert not blocked
    later = time.time() + 31
    monkeypatch.setattr(time, "time", lambda: later)
    with ratelimit.concurrency_slot(scope=scope, limit=1) as freed:
        assert freed


def _hammer(scope: str, count: int, limit: int, results) -> None:
    results.put(sum(hits(scope, count, limit=limit, window=3600)))


def _parallel_allowed(scope: str, *, processes: int, each: int, limit: int) -> int:
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    workers = [context.Process(target=_hammer, args=(scope, each, limit, results)) for _ in range(processes)]
    for worker in workers:
        worker.start()
    allowed = sum(results.get(timeout=60) for _ in workers)
    for worker in workers:
        worker.join(timeout=30)
    return allowed


def test_workers_of_one_machine_share_the_file_counters(tmp_path, scope):
    """Four processes each try 40 times against a cap of 50: exactly 50 pass (the lock makes incr atomic)."""
    backend = {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path)}
    with _limits(backend):
        assert _parallel_allowed(scope, processes=4, each=40, limit=50) == 50
        assert hits(scope, 1, limit=50, window=3600) == [False]


@pytest.fixture
def redis_limits(settings):
    import redis

    redis_url = settings.TEST_REDIS_URL  # the tests' own database (settings/test.py)
    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        skip_or_fail(f"Redis is not answering at {redis_url}")
    with _limits({"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url, "KEY_PREFIX": "tl"}):
        yield caches["limits"]


def test_every_machine_shares_the_redis_counters(redis_limits, scope):
    assert _parallel_allowed(scope, processes=4, each=40, limit=50) == 50
    mailbox = "redis-canary-5k@example.org"
    hits(scope, 1, limit=5, key=mailbox)
    client = redis_limits._cache.get_client()
    assert not [key for key in client.keys("*") if b"canary" in key]
    with (
        ratelimit.concurrency_slot(scope=scope, limit=1) as first,
        ratelimit.concurrency_slot(scope=scope, limit=1) as second,
    ):
        assert first and not second


def test_a_failed_cache_does_not_open_the_gates(scope):
    """Redis down: each process counts in its own memory, so the cap still holds (per process)."""
    dead = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}
    with _limits(dead):
        assert hits(scope, 4, limit=3) == [True, True, True, False]
