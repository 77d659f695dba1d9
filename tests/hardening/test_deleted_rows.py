"""A deleted row cannot be read back from a copy of the SQLite file (``PRAGMA secure_delete``)."""

import sqlite3
from pathlib import Path

from samvydat import env

CANARY = "deleted-reader-canary-7f3a@example.org"


def test_a_deleted_row_leaves_nothing_in_the_file_or_its_wal(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)  # the SQLite configuration, whichever database runs the suite
    path = tmp_path / "site.sqlite3"
    init = env.database_config(path)["OPTIONS"]["init_command"]
    connection = sqlite3.connect(path)
    connection.executescript(init)
    connection.execute("CREATE TABLE readers (address TEXT)")
    connection.executemany("INSERT INTO readers VALUES (?)", [(f"{n}-{CANARY}",) for n in range(200)])
    connection.commit()
    connection.execute("DELETE FROM readers")
    connection.commit()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    seized = b"".join(p.read_bytes() for p in tmp_path.iterdir())  # the database, its WAL and shared memory
    connection.close()
    assert b"readers" in seized  # the copy is a real database …
    assert CANARY.encode() not in seized  # … without the rows that were deleted


def test_the_setting_is_what_protects_it(tmp_path: Path):
    """Without secure_delete, SQLite leaves the deleted text in the file: the test above could fail."""
    path = tmp_path / "plain.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA secure_delete=OFF")
    connection.execute("CREATE TABLE readers (address TEXT)")
    connection.executemany("INSERT INTO readers VALUES (?)", [(f"{n}-{CANARY}",) for n in range(200)])
    connection.commit()
    connection.execute("DELETE FROM readers")
    connection.commit()
    connection.close()
    assert CANARY.encode() in path.read_bytes()
