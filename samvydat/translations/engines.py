"""Machine translation engines: the one seam through which a first draft is made (docs/machine-translation.md).

No text leaves the server unless an operator configures an engine that is elsewhere. Two engines:

* ``apertium`` (the default): Debian's ``apertium`` with ``apertium-bel-rus``, run as a local process — Belarusian
  ↔ Russian, offline, rule-based. Markup and links pass through untouched (``apertium -f html``).
* ``libretranslate``: a self-hosted LibreTranslate server at ``MACHINE_TRANSLATION_URL`` (its HTTP API:
  ``POST /translate`` with ``q`` (a list), ``source``, ``target``, ``format: "html"``; ``GET /languages``).

``engine()`` gives the configured one; ``translate(text, source=…, target=…)`` translates one HTML fragment and
``Engine.translate_many`` a batch (a page's fields and blocks in one call). Errors are ``MachineTranslationError``
with a message for the editor.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings

#: Apertium's language codes for ours.
APERTIUM_CODES = {"be": "bel", "ru": "rus", "en": "eng", "uk": "ukr", "pl": "pol"}
APERTIUM_MODES_DIR = Path("/usr/share/apertium/modes")
_SEGMENT = re.compile(r'<div id="samvydat-segment-(\d+)">')


class MachineTranslationError(Exception):
    """The engine could not translate; ``str()`` says why, for the editor."""


@dataclass(frozen=True)
class Engine:
    """What every engine offers: its name, the language pairs it can do, and ``translate_many``."""

    name: str

    def pairs(self) -> frozenset[tuple[str, str]]:
        raise NotImplementedError

    def supports(self, source: str, target: str) -> bool:
        return (source, target) in self.pairs()

    def translate_many(self, fragments: Sequence[str], *, source: str, target: str) -> list[str]:
        """Translate HTML fragments (plain text must be escaped first) from ``source`` into ``target``."""
        raise NotImplementedError


@dataclass(frozen=True)
class ApertiumEngine(Engine):
    """Apertium as a local process; each call translates a whole batch at once (one process start)."""

    name: str = "apertium"
    command: str = "apertium"
    timeout_seconds: int = 120

    def pairs(self) -> frozenset[tuple[str, str]]:
        return _apertium_pairs(self.command)

    def install_hint(self) -> str:
        return "apt install apertium apertium-bel-rus"

    def translate_many(self, fragments: Sequence[str], *, source: str, target: str) -> list[str]:
        if not fragments:
            return []
        if not self.supports(source, target):
            raise MachineTranslationError(
                f"Apertium cannot translate {source} → {target} here (install: {self.install_hint()})"
            )
        mode = f"{APERTIUM_CODES[source]}-{APERTIUM_CODES[target]}"
        batch = "".join(f'<div id="samvydat-segment-{i}">{fragment}</div>' for i, fragment in enumerate(fragments))
        try:
            result = subprocess.run(
                [self.command, "-u", "-f", "html", mode],
                input=batch,
                capture_output=True,
                text=True,
                timeout=self.timeout_seconds,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise MachineTranslationError(f"Apertium did not answer: {error}") from error
        if result.returncode != 0:
            raise MachineTranslationError(f"Apertium failed (exit {result.returncode}): {result.stderr.strip()[:300]}")
        return _split_segments(result.stdout, expected=len(fragments))


@lru_cache(maxsize=4)
def _apertium_pairs(command: str) -> frozenset[tuple[str, str]]:
    if shutil.which(command) is None or not APERTIUM_MODES_DIR.is_dir():
        return frozenset()
    ours = {code: language for language, code in APERTIUM_CODES.items()}
    pairs = set()
    for mode in APERTIUM_MODES_DIR.glob("*.mode"):
        source, _, target = mode.stem.partition("-")
        if source in ours and target in ours:
            pairs.add((ours[source], ours[target]))
    return frozenset(pairs)


def _split_segments(output: str, *, expected: int) -> list[str]:
    parts = _SEGMENT.split(output)
    # parts: [before, "0", text0, "1", text1, …]; each text ends with the closing </div> of its segment.
    found = {int(number): text for number, text in zip(parts[1::2], parts[2::2], strict=True)}
    if sorted(found) != list(range(expected)):
        raise MachineTranslationError("the engine's answer lost the structure of the text")
    return [_strip_closing_div(found[i]) for i in range(expected)]


def _strip_closing_div(text: str) -> str:
    text = text.rstrip()
    return text[: -len("</div>")] if text.endswith("</div>") else text


@dataclass(frozen=True)
class LibreTranslateEngine(Engine):
    """A self-hosted LibreTranslate server (never a public one: the text would leave the organisation)."""

    name: str = "libretranslate"
    url: str = ""
    api_key: str = ""
    timeout_seconds: int = 60

    def pairs(self) -> frozenset[tuple[str, str]]:
        try:
            languages = self._call("GET", "/languages")
        except MachineTranslationError:
            return frozenset()
        return frozenset(
            (entry["code"], target)
            for entry in languages
            if isinstance(entry, dict) and "code" in entry
            for target in entry.get("targets", [])
        )

    def install_hint(self) -> str:
        return "set MACHINE_TRANSLATION_URL to your LibreTranslate server"

    def translate_many(self, fragments: Sequence[str], *, source: str, target: str) -> list[str]:
        if not fragments:
            return []
        payload = {"q": list(fragments), "source": source, "target": target, "format": "html"}
        if self.api_key:
            payload["api_key"] = self.api_key
        answer = self._call("POST", "/translate", payload)
        translated = answer.get("translatedText") if isinstance(answer, dict) else None
        if isinstance(translated, str) and len(fragments) == 1:
            translated = [translated]
        if not isinstance(translated, list) or len(translated) != len(fragments):
            raise MachineTranslationError("LibreTranslate answered in an unexpected shape")
        return [str(text) for text in translated]

    def _call(self, method: str, path: str, payload: dict | None = None):
        if not self.url:
            raise MachineTranslationError("no LibreTranslate server is configured (MACHINE_TRANSLATION_URL)")
        data = json.dumps(payload).encode() if payload is not None else None
        request = urllib.request.Request(
            self.url.rstrip("/") + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json", "Accept": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_seconds) as response:
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            raise MachineTranslationError(f"LibreTranslate answered HTTP {error.code}") from error
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
            raise MachineTranslationError(f"LibreTranslate did not answer: {error}") from error


def engine() -> Engine | None:
    """The configured engine (``MACHINE_TRANSLATION_ENGINE``: "apertium", "libretranslate" or "" for none)."""
    name = getattr(settings, "MACHINE_TRANSLATION_ENGINE", "apertium")
    if name == "apertium":
        return ApertiumEngine(command=getattr(settings, "MACHINE_TRANSLATION_APERTIUM", "apertium"))
    if name == "libretranslate":
        return LibreTranslateEngine(
            url=getattr(settings, "MACHINE_TRANSLATION_URL", ""),
            api_key=getattr(settings, "MACHINE_TRANSLATION_API_KEY", ""),
        )
    return None


def translate(text: str, *, source: str, target: str, is_html: bool = True) -> str:
    """One fragment through the configured engine: HTML by default, plain text with ``is_html=False``."""
    configured = engine()
    if configured is None:
        raise MachineTranslationError("no machine translation engine is configured")
    fragment = text if is_html else html.escape(text, quote=False)
    (translated,) = configured.translate_many([fragment], source=source, target=target)
    return translated if is_html else html.unescape(translated)
