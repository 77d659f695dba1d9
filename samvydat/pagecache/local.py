"""The fastest tier of the page cache: finished responses in each worker's own memory, answered by
``PageCacheApplication`` before Django sees the request.

An entry is what the application server sent: the status line, every header (including those Django's ``SecurityMiddleware``
adds) and the body, stamped with the cache generation it was made in. Each worker re-reads the shared generation
at most every ``PAGE_CACHE_GENERATION_CHECK`` seconds (default 1), so a publish on one worker is seen by the
others within that time; the worker that published sees it at once. The tier is bounded by
``PAGE_CACHE_LOCAL_BYTES`` per worker (oldest entries go first).
"""

import threading
import time

from django.conf import settings
from django.core.cache import caches

from samvydat.pagecache.store import GENERATION_KEY


class GenerationClock:
    """The shared generation token, re-read at most every ``interval`` seconds."""

    def __init__(self):
        self.token: str | None = None
        self.checked = 0.0

    def current(self) -> str | None:
        now = time.monotonic()
        if self.token is None or now - self.checked >= settings.PAGE_CACHE_GENERATION_CHECK:
            self.token = caches[settings.PAGE_CACHE_ALIAS].get(GENERATION_KEY)
            self.checked = now
        return self.token

    def seen(self, token: str) -> None:
        """A token read or written elsewhere in this worker (it is the newest one known)."""
        self.token = token
        self.checked = time.monotonic()


clock = GenerationClock()


class LocalPages:
    def __init__(self):
        self.entries: dict[str, tuple[str, str, list, bytes]] = {}
        self.size = 0
        self.lock = threading.Lock()

    def get(self, url: str):
        entry = self.entries.get(url)
        if entry is None or entry[0] != clock.current():
            return None
        return entry

    def put(self, url: str, generation: str, status: str, headers: list, body: bytes) -> None:
        budget = settings.PAGE_CACHE_LOCAL_BYTES
        if len(body) > budget // 8:
            return
        with self.lock:
            old = self.entries.pop(url, None)
            if old is not None:
                self.size -= len(old[3])
            while self.entries and self.size + len(body) > budget:
                self.size -= len(self.entries.pop(next(iter(self.entries)))[3])
            self.entries[url] = (generation, status, headers, body)
            self.size += len(body)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.size = 0


pages = LocalPages()
