"""Per-client throttling that stores no IP address: a short in-memory window of salted hashes.

The client address is hashed with a random salt made when the process starts (never written anywhere), kept
only as long as the window lasts, and only in this process's memory. Several processes each keep their own
window, so the limit is per process: enough to stop a script flooding the form, never a record of readers.
"""

import hashlib
import secrets
import threading
import time
from collections import deque


class ClientThrottle:
    def __init__(self, *, limit: int, window_seconds: float, clock=time.monotonic):
        self.limit = limit
        self.window = window_seconds
        self.clock = clock
        self._salt = secrets.token_bytes(16)
        self._hits: dict[bytes, deque[float]] = {}
        self._lock = threading.Lock()
        self._next_sweep = 0.0

    def _key(self, client: str) -> bytes:
        return hashlib.blake2b(client.encode(), key=self._salt, digest_size=16).digest()

    def allow(self, client: str) -> bool:
        """Count a request from ``client``; False when it made ``limit`` requests within the window."""
        now = self.clock()
        with self._lock:
            if now >= self._next_sweep:
                self._sweep(now)
            hits = self._hits.setdefault(self._key(client), deque())
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                return False
            hits.append(now)
            return True

    def _sweep(self, now: float) -> None:
        expired = [key for key, hits in self._hits.items() if not hits or hits[-1] <= now - self.window]
        for key in expired:
            del self._hits[key]
        self._next_sweep = now + self.window

    def __len__(self) -> int:
        return len(self._hits)


subscribe_throttle = ClientThrottle(limit=10, window_seconds=600)
