"""The media part of a backup when media live in an object-storage bucket (several machines, samvydat.serving.media).

On one machine the media are a folder (``MEDIA_ROOT``) copied as a tree; in a bucket they are read and written
through the media storage, so a backup holds the same ``media/`` folder either way and restores into either.
"""

import posixpath
import shutil
from collections.abc import Iterator
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage


def media_in_bucket() -> bool:
    """Whether the media storage has no local folder (an S3-compatible bucket)."""
    try:
        default_storage.path("")
    except NotImplementedError:
        return True
    return False


def _names(folder: str = "") -> Iterator[str]:
    folders, files = default_storage.listdir(folder)
    for name in files:
        yield posixpath.join(folder, name) if folder else name
    for name in folders:
        yield from _names(posixpath.join(folder, name) if folder else name)


def bucket_is_empty() -> bool:
    return next(_names(), None) is None


def bucket_copy_out(*, target: Path) -> int:
    """Copy every object of the media bucket into the folder ``target``; return how many."""
    count = 0
    target.mkdir(mode=0o755)
    for name in _names():
        path = target / name
        if ".." in Path(name).parts:
            continue  # not a name our storage writes
        path.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as readable, path.open("wb") as writable:
            shutil.copyfileobj(readable, writable)
        count += 1
    return count


def bucket_restore(*, source: Path) -> int:
    """Upload the files under ``source`` into the (empty) media bucket under the same names; return how many."""
    count = 0
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        name = path.relative_to(source).as_posix()
        with path.open("rb") as readable:
            saved = default_storage.save(name, File(readable))
        if saved != name:
            raise OSError(f"the bucket renamed {name} to {saved}: restore into an empty bucket")
        count += 1
    return count
