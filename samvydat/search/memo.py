"""Recent searches and suggestions, kept for a short time in this worker's memory only.

A flood of searches is mostly the same few queries; answering a repeated one from memory costs no database work.
What readers search for must never reach a disk in readable form, so this cache is deliberately not one of
Django's configurable caches (a file or Redis backend could write it out, and Redis persistence would): it is a
bounded dictionary in the process. Its keys are HMACs of the normalised query and language under a random key
made when the process starts, so even a memory dump does not list the queries as keys; the values are what the
search found (titles and addresses of public pages), which a memory dump of the worker shows anyway while it
renders them. Entries live ``SEARCH_CACHE_SECONDS`` (default 60; 0 switches the cache off) and at most
``SEARCH_CACHE_ENTRIES`` are kept (the oldest go first). Publishing does not clear other workers' entries: a new
page appears in search within that time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from django.conf import settings

_PROCESS_KEY = secrets.token_bytes(32)


def memo_key(kind: str, *parts: str) -> str:
    """The HMAC of ``parts`` (normalised query, language, filters) under this process's random key."""
    message = "\x1f".join((kind, *parts)).encode("utf-8", "surrogatepass")
    return hmac.new(_PROCESS_KEY, message, hashlib.sha256).hexdigest()


def normalised_query(query: str) -> str:
    """Case and spacing do not change what a search finds."""
    return " ".join(query.split()).casefold()


class SearchMemo:
    def __init__(self):
        self.entries: OrderedDict[str, tuple[float, object]] = OrderedDict()
        self.lock = threading.Lock()

    def remembered(self, key: str, compute: Callable[[], object]):
        """The value kept under ``key`` if it is fresh, else ``compute()`` (kept for next time)."""
        lifetime = settings.SEARCH_CACHE_SECONDS
        if lifetime <= 0:
            return compute()
        now = time.monotonic()
        with self.lock:
            found = self.entries.get(key)
            if found is not None and found[0] > now:
                self.entries.move_to_end(key)
                return found[1]
        value = compute()
        with self.lock:
            self.entries[key] = (now + lifetime, value)
            self.entries.move_to_end(key)
            while len(self.entries) > settings.SEARCH_CACHE_ENTRIES:
                self.entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


memo = SearchMemo()
