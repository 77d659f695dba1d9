"""Under-attack mode: live search answered from the static Pagefind index the mirror export builds.

A flood of searches is the attack a page cache does not stop (every query is a new address). An editor switches
the mode on in the admin (Settings → Search); from then on ``/<lang>/search/`` answers one page per language that
is the same for every query — the mirror's own search script (``mirror/static/mirror/search.js``) runs the query
in the reader's browser against ``/pagefind/`` (the live mirror copy's index, served as static files) — and a
``<noscript>`` note with the mirrors' addresses. No search reaches the database: the switch is read from the
shared ``pages`` cache (written when the setting is saved, re-read from the database only when that entry is
missing), and the page is rendered once per language and kept in this worker's memory for
``SEARCH_LIGHT_PAGE_SECONDS``. Suggestions answer an empty list.

**Automatic switch** (off unless ``SEARCH_AUTO_ATTACK_MS`` is set): each worker times the searches it really runs
(not the ones answered from memory); when the median of the last ``SEARCH_AUTO_ATTACK_SAMPLES`` passes the
threshold, it turns the mode on for every worker for ``SEARCH_AUTO_ATTACK_SECONDS`` (in the shared cache only; the
editors' setting is unchanged), after which the editors' setting applies again.
"""

from __future__ import annotations

import logging
import statistics
import threading
import time
from collections import deque
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import SuspiciousFileOperation
from django.db import DatabaseError
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.static import serve

logger = logging.getLogger(__name__)
FLAG_KEY = "search:under-attack"
_FLAG_SECONDS = 300
_lock = threading.Lock()
_pages: dict[str, tuple[float, bytes, dict]] = {}


def flag_store(on: bool) -> None:
    caches[settings.PAGE_CACHE_ALIAS].set(FLAG_KEY, "1" if on else "0", timeout=_FLAG_SECONDS)
    with _lock:
        _pages.clear()


def is_under_attack() -> bool:
    cached = caches[settings.PAGE_CACHE_ALIAS].get(FLAG_KEY)
    if cached is not None:
        return cached == "1"
    from .models import SearchSettings

    try:
        on = SearchSettings.load().under_attack
    except DatabaseError:
        return False  # the database is away: the search itself will say so
    flag_store(on)
    return on


_clock = time.perf_counter


class LatencyWatch:
    """The durations of this worker's last searches; trips the automatic switch."""

    def __init__(self):
        self.samples: deque[float] = deque()
        self.lock = threading.Lock()

    def record(self, seconds: float) -> None:
        threshold_ms = settings.SEARCH_AUTO_ATTACK_MS
        if not threshold_ms:
            return
        size = settings.SEARCH_AUTO_ATTACK_SAMPLES
        with self.lock:
            self.samples.append(seconds)
            while len(self.samples) > size:
                self.samples.popleft()
            tripped = len(self.samples) >= size and statistics.median(self.samples) * 1000 > threshold_ms
            if tripped:
                self.samples.clear()
        if tripped:
            seconds_on = settings.SEARCH_AUTO_ATTACK_SECONDS
            caches[settings.PAGE_CACHE_ALIAS].set(FLAG_KEY, "1", timeout=seconds_on)
            logger.warning("search is slow (median over %s ms): under-attack mode for %s s", threshold_ms, seconds_on)


latency = LatencyWatch()


@contextmanager
def timed_search():
    started = _clock()
    try:
        yield
    finally:
        latency.record(_clock() - started)


def bundle_root() -> Path | None:
    """The live mirror copy (``MIRROR_ROOT``), which holds ``pagefind/``, or None."""
    from samvydat.mirror.storage import live_root

    root = settings.MIRROR_ROOT
    return live_root(Path(root)) if root else None


def _mirror_addresses() -> list[str]:
    from samvydat.mirror.models import MirrorSettings

    mirrors = MirrorSettings.load()
    return [address.url for address in mirrors.addresses.filter(active=True)]


def _alternates() -> dict[str, str]:
    from django.utils import translation

    alternates = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            alternates[code] = reverse("search")
    return alternates


def light_search_response(request, *, language: str):
    """The query-independent search page of ``language``: rendered once, then served from memory."""
    now = time.monotonic()
    with _lock:
        kept = _pages.get(language)
    if kept is not None and kept[0] > now:
        from django.http import HttpResponse

        return _with_wasm(HttpResponse(kept[1], headers=kept[2]))
    response = render(
        request,
        "search/search_light.html",
        {
            "language": language,
            "search_url": reverse("search"),
            "mirror_addresses": _mirror_addresses(),
            "reach_us_url": reverse("mirror_reach_us"),
            "has_bundle": bundle_root() is not None and (bundle_root() / "pagefind").is_dir(),
            "alternate_urls": _alternates(),
        },
    )
    if getattr(request, "_csp_nonce", None) is None:  # a body with a nonce cannot be served twice
        headers = {name: value for name, value in response.items() if name.lower() == "content-type"}
        with _lock:
            _pages[language] = (now + settings.SEARCH_LIGHT_PAGE_SECONDS, response.content, headers)
    return _with_wasm(response)


def _with_wasm(response):
    """Pagefind runs WebAssembly: this page's policy (django-csp's per-response update) allows it, nothing else."""
    response._csp_update = {"script-src": ["'wasm-unsafe-eval'"]}
    return response


def bundle_file(request, path: str):
    """A file of the Pagefind bundle (``/pagefind/…``) of the live mirror copy.

    In production nginx serves these straight from the mirror copy; this view is the fallback (and the dev server's).
    """
    root = bundle_root()
    if root is None:
        raise Http404("No mirror export.")
    try:
        # Pagefind compiles its WebAssembly in a worker, which takes the policy of its own script's response.
        return _with_wasm(serve(request, path, document_root=root / "pagefind"))
    except SuspiciousFileOperation:
        raise Http404("No such file.") from None


def spelling_rules_file(request):
    """The spelling rules the mirror export wrote for its search script (``namekey.js``)."""
    root = bundle_root()
    if root is None:
        raise Http404("No mirror export.")
    return serve(request, "namekey-rules.js", document_root=root / "static" / "mirror")
