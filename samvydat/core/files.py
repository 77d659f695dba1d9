"""Files in a Django storage read the same way on disk and on object storage (samvydat.serving.media).

The mirror export and the PDF renderer read media that may live in a bucket: ``stored_file`` gives them a local
``Path`` when the storage has one, else a ``StoredFile`` with the little of ``Path``'s interface they use.
"""

from pathlib import Path, PurePosixPath

from django.core.files.storage import Storage, default_storage


class StoredFile:
    """A file ``name`` in ``storage`` that has no local path (e.g. an object in an S3 bucket)."""

    def __init__(self, storage: Storage, name: str):
        self.storage = storage
        self.name = name

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.name).suffix

    def open(self, mode: str = "rb"):
        if mode != "rb":
            raise ValueError("stored files are opened for reading only")
        return self.storage.open(self.name, "rb")

    def read_bytes(self) -> bytes:
        with self.open() as handle:
            return handle.read()

    def read_text(self, encoding: str = "utf-8") -> str:
        return self.read_bytes().decode(encoding)

    def __repr__(self) -> str:
        return f"StoredFile({self.name!r})"


def stored_file(name: str, storage: Storage | None = None) -> Path | StoredFile | None:
    """The file ``name`` of ``storage`` (the media storage by default), or None if it is not there."""
    storage = storage or default_storage
    if not name or not storage.exists(name):
        return None
    try:
        return Path(storage.path(name))
    except NotImplementedError:  # no local file system behind this storage
        return StoredFile(storage, name)
