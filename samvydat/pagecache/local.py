"""The fastest tier of the page cache: finished responses in each worker's own memory, answered by
``PageCacheApplication`` before Django sees the request.

An entry is what the application server sent: the status line, every header (including those Django's ``SecurityMiddleware``
adds) and the body, stamped with the cache generation it was made in. Each worker re-reads the shared generation
at most every ``PAGE_CACHE_GENERATION_CHECK`` seconds (default 1), so a publish on one worker is seen by the
others within that time; the worker that published sees it at once. The tier is bounded by
``PAGE_CACHE_LOCAL_BYTES`` per worker (oldest entries go first).

Beside the pages, the worker keeps what it learnt from Django's cheap refusals (``Refusals``): each listing's
declared parameters (how many pages it has) in the current generation, and the exact response Django made for a
refusal (a 404, a redirect), so that a flood of ``?page=<random>`` is answered here, before Django, the same way.
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


class Refusals:
    """Django's refusals, repeated: declarations per base URL (bounded) and one response of each kind."""

    MAX_DECLARATIONS = 10_000

    def __init__(self):
        self.declared: dict[str, tuple[str, dict]] = {}
        # (kind, scheme) -> (status line, headers, body): HTTPS answers carry HSTS, plain HTTP ones must not
        self.responses: dict[tuple[str, str], tuple[str, list, bytes]] = {}
        self.lock = threading.Lock()

    def learn(self, kind: str, generation, base_url: str, declared, status: str, headers: list, body: bytes) -> None:
        with self.lock:
            self.responses[(kind, _scheme(base_url))] = (status, headers, body)
            if generation is not None and declared is not None:
                self.declared.pop(base_url, None)
                while len(self.declared) >= self.MAX_DECLARATIONS:
                    self.declared.pop(next(iter(self.declared)))
                self.declared[base_url] = (generation, declared)

    def declaration(self, base_url: str) -> dict | None:
        entry = self.declared.get(base_url)
        if entry is None or entry[0] != clock.current():
            return None
        return entry[1]

    def response(self, kind: str, base_url: str, location: str | None = None):
        """(status line, headers, body) of a refusal like the one Django made, or None if none was seen yet."""
        known = self.responses.get((kind, _scheme(base_url)))
        if known is None:
            return None
        status, headers, body = known
        if location is not None:
            headers = [(name, location if name.lower() == "location" else value) for name, value in headers]
        return status, headers, body

    def clear(self) -> None:
        with self.lock:
            self.declared.clear()
            self.responses.clear()


def _scheme(base_url: str) -> str:
    return base_url.split(":", 1)[0]


refusals = Refusals()
