"""Cleaning runs in a child process with hard limits, never in the web worker.

Decoding is where hostile files hurt: an 8000 × 5000 PNG of 635 KB decodes to 160 MB, a crafted PDF or ZIP can
loop or allocate without end, and a bug in an image library is a bug in the process that runs it. The web
worker therefore hands a request's files to ``python -m samvydat.submissions.cleaning.sandbox`` and waits:

* the child sets ``RLIMIT_AS`` (address space, ``SUBMISSIONS_CLEANING_MEMORY_BYTES``), ``RLIMIT_CPU``
  (``SUBMISSIONS_CLEANING_CPU_SECONDS``; the parent also kills it after twice that in wall time),
  ``RLIMIT_FSIZE`` 0 (it cannot write a file: no plaintext on disk) and ``RLIMIT_CORE`` 0 (no core dump with
  a reader's file in it) before it reads a byte of the files;
* its environment holds no secret (no ``SECRET_KEY``, no encryption key, no database address) and no settings
  module: it only ever sees the files and returns cleaned bytes or a refusal;
* at most ``SUBMISSIONS_CLEANING_CONCURRENCY`` children at once on the whole site (slots shared by every worker
  through ``security.ratelimit.concurrency_slot``; others wait up to ``SUBMISSIONS_CLEANING_WAIT_SECONDS``,
  then are told to send again), so what cleaning can take is that many memory limits, whatever the number of
  workers or posts.

Why not the task worker: the reader must learn at once that a file was refused and why — there is no way to
tell them later (no account, no address) — and the original must not wait in a queue or the database.
A child killed by a limit refuses the file it was working on, with a message naming it.

Protocol (stdin/stdout, no pickle — a compromised child must not run code in the parent): a 4-byte length, a
JSON header, then the files' bytes one after another; the answer is the same shape.
"""

import contextlib
import json
import os
import resource
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from samvydat.security import ratelimit

from . import CleanFile
from .errors import OverBudget, Refused

ROOT = Path(__file__).resolve().parents[3]
MODULE = "samvydat.submissions.cleaning.sandbox"


class Busy(Exception):
    """Too many files are being cleaned at this moment; the reader is asked to send again shortly."""


SLOT_SCOPE = "submissions-cleaning"
SLOT_POLL_SECONDS = 0.25


@contextlib.contextmanager
def _cleaning_slot(*, hold_seconds: int) -> Iterator[bool]:
    """One of ``SUBMISSIONS_CLEANING_CONCURRENCY`` slots shared by every worker (``security.ratelimit``), waiting
    at most ``SUBMISSIONS_CLEANING_WAIT_SECONDS`` for one; yields False when none came free."""
    deadline = time.monotonic() + settings.SUBMISSIONS_CLEANING_WAIT_SECONDS
    limit = max(settings.SUBMISSIONS_CLEANING_CONCURRENCY, 1)
    while True:
        with ratelimit.concurrency_slot(scope=SLOT_SCOPE, limit=limit, hold_seconds=hold_seconds) as taken:
            if taken or time.monotonic() >= deadline:
                yield taken
                return
        time.sleep(SLOT_POLL_SECONDS)


def _framed(header: dict, blobs: list[bytes]) -> bytes:
    encoded = json.dumps(header).encode()
    return struct.pack(">I", len(encoded)) + encoded + b"".join(blobs)


def _unframed(data: bytes) -> tuple[dict, bytes]:
    (length,) = struct.unpack(">I", data[:4])
    return json.loads(data[4 : 4 + length]), data[4 + length :]


def files_cleaned(*, uploads: list[tuple[str, bytes]]) -> list[CleanFile]:
    """Clean a request's files (name, bytes) in a limited child; raises ``Refused`` (or ``Busy``)."""
    if not uploads:
        return []
    cpu = settings.SUBMISSIONS_CLEANING_CPU_SECONDS
    with _cleaning_slot(hold_seconds=2 * cpu + 15) as taken:
        if not taken:
            raise Busy
        return _run(uploads, cpu=cpu)


def _run(uploads: list[tuple[str, bytes]], *, cpu: int) -> list[CleanFile]:
    header = {
        "names": [name for name, _data in uploads],
        "sizes": [len(data) for _name, data in uploads],
        "pixels": settings.SUBMISSIONS_MAX_PIXELS_PER_MESSAGE,
        "image_pixels": settings.SUBMISSIONS_MAX_IMAGE_PIXELS,
        "unpacked": settings.SUBMISSIONS_MAX_UNPACKED_BYTES,
    }
    limits = [str(settings.SUBMISSIONS_CLEANING_MEMORY_BYTES), str(cpu)]
    environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "PYTHONHASHSEED": "random"}
    try:
        child = subprocess.Popen(
            [sys.executable, "-E", "-s", "-m", MODULE, *limits],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            env=environment,
            close_fds=True,
        )
    except OSError:
        raise Busy from None
    try:
        output, progress = child.communicate(_framed(header, [data for _name, data in uploads]), timeout=2 * cpu + 5)
    except subprocess.TimeoutExpired:
        child.kill()
        output, progress = child.communicate()
        raise _limit_refusal(uploads, progress) from None
    if child.returncode != 0 or len(output) < 4:
        raise _limit_refusal(uploads, progress)
    return _answer(output)


def _limit_refusal(uploads: list[tuple[str, bytes]], progress: bytes) -> OverBudget:
    """The child was stopped by a limit: refuse the file it was working on."""
    lines = progress.decode("ascii", "replace").split()
    index = int(lines[-1]) if lines and lines[-1].isdigit() else 0
    name = uploads[min(index, len(uploads) - 1)][0]
    return OverBudget(
        _("“%(name)s” needs more memory or time to clean than we allow. Please send a smaller or simpler file."),
        name=name,
    )


def _answer(output: bytes) -> list[CleanFile]:
    header, rest = _unframed(output)
    if "refused" in header:
        refusal = header["refused"]
        kind = OverBudget if refusal.get("over_budget") else Refused
        raise kind(_(refusal["message"]), **refusal.get("params", {}))  # translated in the reader's language
    files, position = [], 0
    for item in header["files"]:
        files.append(CleanFile(item["name"], item["content_type"], rest[position : position + item["size"]]))
        position += item["size"]
    if position != len(rest):
        raise ValueError("the cleaning child answered with more or fewer bytes than it announced")
    return files


def _child(memory: int, cpu: int) -> None:
    """In the child: limits first, then read the files, clean them, answer."""
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    settings.configure(USE_I18N=False)  # messages stay untranslated msgids; the parent translates them

    from . import Budget, clean_upload

    header, rest = _unframed(sys.stdin.buffer.read())
    budget = Budget(pixels=header["pixels"], unpacked=header["unpacked"], image_pixels=header["image_pixels"])
    results, blobs, position = [], [], 0
    try:
        for index, (name, size) in enumerate(zip(header["names"], header["sizes"], strict=True)):
            sys.stderr.write(f"{index}\n")
            sys.stderr.flush()
            cleaned = clean_upload(name, rest[position : position + size], budget=budget)
            position += size
            results.append({"name": cleaned.name, "content_type": cleaned.content_type, "size": len(cleaned.data)})
            blobs.append(cleaned.data)
        answer = _framed({"files": results}, blobs)
    except Refused as refusal:
        message = {"message": str(refusal.message), "params": refusal.params}
        answer = _framed({"refused": {**message, "over_budget": isinstance(refusal, OverBudget)}}, [])
    except MemoryError:
        sys.exit(3)  # the parent refuses the file named last on stderr
    sys.stdout.buffer.write(answer)
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    _child(int(sys.argv[1]), int(sys.argv[2]))
