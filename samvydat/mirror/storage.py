"""The mirror on disk: the live copy behind a symlink, builds beside it, the lock and the journal of updates.

    OUT                       → symlink to the live copy, e.g. .OUT-20260124T061500-1234
    .OUT-<stamp>-<pid>        the live copy (and, during an export, the next one, not yet linked)
    .OUT.lock                 held by an export while it swaps and by every incremental update
    .OUT.journal              addresses updated incrementally (an export replays those made while it ran)

Publishing a build is one ``rename(2)`` of a symlink: readers and nginx see the old copy or the new one, never a
mix, and a killed export leaves only an unlinked directory behind (removed by the next export).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
from pathlib import Path


class MirrorError(Exception):
    """Something the operator must fix (a wrong OUT, a missing tool); said in one sentence."""


def sibling(out: Path, suffix: str) -> Path:
    return out.parent / f".{out.name}{suffix}"


def live_root(out: Path) -> Path | None:
    """The directory of the live copy, or None when there is none yet."""
    if out.is_symlink():
        target = out.resolve()
        return target if target.is_dir() else None
    return None


def check_out(out: Path) -> None:
    if out.exists() and not out.is_symlink():
        raise MirrorError(
            f"{out} exists and is not a mirror made by export_mirror (a symlink to the live copy): choose another "
            "path or remove it."
        )
    if not out.parent.is_dir():
        raise MirrorError(f"{out.parent} does not exist.")


def new_build_dir(out: Path) -> Path:
    stamp = time.strftime("%Y%m%dT%H%M%S")
    path = sibling(out, f"-{stamp}-{os.getpid()}")
    path.mkdir()
    return path


def swap_in(out: Path, build: Path) -> Path | None:
    """Point ``out`` at ``build`` atomically; return the previous live directory."""
    previous = live_root(out)
    link = sibling(out, f".link-{os.getpid()}")
    with contextlib.suppress(FileNotFoundError):
        link.unlink()
    link.symlink_to(build.name)
    os.replace(link, out)
    return previous


def remove_stale_builds(out: Path, *, keep: set[Path]) -> list[Path]:
    """Delete builds that are not live and whose process is gone (killed exports)."""
    removed = []
    keep = {path.resolve() for path in keep}
    for path in out.parent.glob(f".{out.name}-*"):
        if not path.is_dir() or path.is_symlink() or path.resolve() in keep:
            continue
        pid = path.name.rsplit("-", 1)[-1]
        if pid.isdigit() and int(pid) != os.getpid() and _alive(int(pid)):
            continue  # another export is building it right now
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def locked(out: Path):
    """The mirror's lock (blocking): one writer at a time to the live copy, and no swap in the middle of an update."""
    with open(sibling(out, ".lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def journal_size(out: Path) -> int:
    try:
        return sibling(out, ".journal").stat().st_size
    except FileNotFoundError:
        return 0


def journal_append(out: Path, addresses: list[str]) -> None:
    with open(sibling(out, ".journal"), "a", encoding="utf-8") as handle:
        handle.write("".join(address + "\n" for address in addresses))


def journal_since(out: Path, offset: int) -> list[str]:
    try:
        with open(sibling(out, ".journal"), encoding="utf-8") as handle:
            handle.seek(offset)
            return list(dict.fromkeys(line.strip() for line in handle if line.strip()))
    except FileNotFoundError:
        return []


def journal_reset(out: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        sibling(out, ".journal").unlink()


def write_atomic(path: Path, content: bytes) -> bool:
    """Write ``content`` to ``path`` through a temporary file and a rename; False when it was already identical."""
    try:
        if path.stat().st_size == len(content) and path.read_bytes() == content:
            return False
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(content)
    os.replace(temporary, path)
    return True
