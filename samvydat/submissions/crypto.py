"""Encryption at rest for readers' submissions (Fernet from ``cryptography``), with the key outside the database.

Texts become Fernet tokens (ASCII) stored in the database. Files are written to ``SUBMISSIONS_ROOT`` as a
sequence of Fernet tokens, one per MiB, so a download can be decrypted and streamed piece by piece:

    b"SVDSUB1\\n" ( <4-byte big-endian length> <token> )*

A Fernet token carries its encryption time in clear; we encrypt "at" midnight UTC of the day, so the tokens
tell no more than the submission's date does. Keys: ``SUBMISSIONS_ENCRYPTION_KEYS`` (the first encrypts, all
decrypt — rotation); development and tests use a fixed, public key that production refuses
(``submissions.E002``). This module imports no model, so settings may import ``development_key``.
"""

import base64
import datetime
import hashlib
import os
import struct
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

FILE_MAGIC = b"SVDSUB1\n"
CHUNK_BYTES = 1024 * 1024
DAY_NS = 86_400 * 1_000_000_000

__all__ = ["InvalidToken", "decrypt_text", "encrypt_text", "file_decrypted_chunks", "file_write_encrypted"]


def development_key() -> str:
    """A fixed, public key for development and tests only (production refuses it: ``submissions.E002``)."""
    digest = hashlib.sha256(b"samvydat-development-only-submissions-encryption").digest()
    return base64.urlsafe_b64encode(digest).decode()


@lru_cache(maxsize=4)
def _fernet_for(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("SUBMISSIONS_ENCRYPTION_KEY is not set (see docs/comments-and-submissions.md).")
    return MultiFernet([Fernet(key.encode()) for key in keys])


def _fernet() -> MultiFernet:
    return _fernet_for(tuple(settings.SUBMISSIONS_ENCRYPTION_KEYS))


def _day_timestamp() -> int:
    today = datetime.datetime.now(datetime.UTC).date()
    return int(datetime.datetime(today.year, today.month, today.day, tzinfo=datetime.UTC).timestamp())


def encrypt_bytes(data: bytes) -> bytes:
    return _fernet().encrypt_at_time(data, _day_timestamp())


def decrypt_bytes(token: bytes) -> bytes:
    return _fernet().decrypt(token)


def encrypt_text(text: str) -> str:
    return "" if not text else encrypt_bytes(text.encode()).decode("ascii")


def decrypt_text(token: str) -> str:
    return "" if not token else decrypt_bytes(token.encode("ascii")).decode()


def file_write_encrypted(path: Path, data: bytes) -> None:
    """Write ``data`` encrypted to ``path`` (created new; never overwrites), dated midnight UTC of the day."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with path.open("xb") as out:
        out.write(FILE_MAGIC)
        for start in range(0, max(len(data), 1), CHUNK_BYTES):
            token = encrypt_bytes(data[start : start + CHUNK_BYTES])
            out.write(struct.pack(">I", len(token)))
            out.write(token)
    folder_times_blurred(path.parent)


def folder_times_blurred(folder: Path) -> None:
    """Files and their folder tell the day, not the moment.

    New files are dated (access and modification time) midnight UTC of the day, like their Fernet tokens; the
    folder too, after every write or deletion. The inode change time (ctime) cannot be set by a process: it is
    moved for *every* file in the folder at once (re-setting each file's own dates), so all ctimes show the
    moment of the last write and none tells when an older submission arrived."""
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        try:
            day = entry.stat().st_mtime_ns // DAY_NS * DAY_NS  # midnight UTC of the day it was written
            os.utime(entry, ns=(day, day), follow_symlinks=False)
        except FileNotFoundError:
            continue  # deleted by a handler meanwhile
    today = _day_timestamp()
    os.utime(folder, (today, today))


def file_decrypted_chunks(path: Path) -> Iterator[bytes]:
    """The plaintext of an encrypted file, one chunk at a time (for streamed downloads)."""
    with path.open("rb") as source:
        if source.read(len(FILE_MAGIC)) != FILE_MAGIC:
            raise InvalidToken
        while header := source.read(4):
            (length,) = struct.unpack(">I", header)
            token = source.read(length)
            if len(token) != length:
                raise InvalidToken
            yield decrypt_bytes(token)


def key_is_development(key: str) -> bool:
    return key == development_key()
