"""Per-thread switches for pausing work that signals would queue (PDFs, index updates) during a bulk load."""

import threading
from contextlib import contextmanager


class PauseSwitch:
    """``with switch.paused(): …`` turns the switch on for this thread; ``switch.is_paused`` reads it."""

    def __init__(self):
        self._local = threading.local()

    @property
    def is_paused(self) -> bool:
        return getattr(self._local, "paused", False)

    @contextmanager
    def paused(self):
        previous = self.is_paused
        self._local.paused = True
        try:
            yield
        finally:
            self._local.paused = previous
