"""Copying the database out and back in, with each engine's own consistent-snapshot tool.

SQLite: the online backup API (a consistent copy while the site keeps running). PostgreSQL: ``pg_dump`` in its
custom format (a consistent snapshot) and ``pg_restore`` into an empty database. Moving between engines is not a
backup's job: use ``export_content`` / ``import_content`` for that.

Signed-in sessions are never copied (``EXCLUDED_TABLES``): their rows are emptied in the copy (and SQLite's free
pages wiped), and ``pg_dump`` leaves their data out. A restore reads the backup without ever writing to it: the
SQLite copy is opened as an immutable, read-only URI, so no ``-wal``/``-shm`` file appears beside it and a backup
on read-only media restores as often as needed.
"""

import os
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections

SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.pgdump"
# Tables whose rows never go into a backup: live sign-ins (even hashed, they have no business in a copy).
EXCLUDED_TABLES = ("django_session",)


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


def vendor(alias: str = "default") -> str:
    return connections[alias].vendor


def _pg_args(settings_dict: dict) -> tuple[list[str], dict]:
    args = ["--dbname", settings_dict["NAME"], "--no-password"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            args += [option, str(settings_dict[key])]
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return args, env


def _run(command: list[str], env: dict) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=3600)
    except FileNotFoundError as error:
        raise BackupError(f"{command[0]} is not installed (Debian: apt-get install postgresql-client).") from error
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:2000]}")


def _sqlite_read_only_uri(path: Path) -> str:
    """A URI that opens ``path`` read-only and immutable: SQLite writes nothing beside it, not even a lock file."""
    return path.resolve().as_uri() + "?mode=ro&immutable=1"


def _sqlite_copy_finish(target: Path) -> None:
    """Empty the excluded tables of a fresh copy, wipe its free pages and leave it in rollback-journal mode (one
    self-contained file: a WAL-mode copy would make SQLite create ``-wal``/``-shm`` files whenever it is opened)."""
    copy = sqlite3.connect(target, isolation_level=None)
    try:
        copy.execute("PRAGMA journal_mode=DELETE")
        copy.execute("PRAGMA secure_delete=ON")
        present = {row[0] for row in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        for table in EXCLUDED_TABLES:
            if table in present:
                copy.execute(f'DELETE FROM "{table}"')
        copy.execute("VACUUM")  # deleted rows leave no trace in free pages
    finally:
        copy.close()


def database_dump(*, out: Path, alias: str = "default") -> Path:
    """Write a consistent copy of the database into the directory ``out``; return the file written."""
    connection = connections[alias]
    if connection.vendor == "sqlite":
        target = out / SQLITE_FILE
        name = str(connection.settings_dict["NAME"])
        if connection.is_in_memory_db():  # tests: the database as this connection sees it
            connection.ensure_connection()
            target.write_bytes(connection.connection.serialize())
            _sqlite_copy_finish(target)
            return target
        # A connection of our own, outside any transaction Django's connection may be in.
        source = sqlite3.connect(Path(name).resolve().as_uri() + "?mode=ro", uri=True)
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
            source.close()
        _sqlite_copy_finish(target)
        return target
    if connection.vendor == "postgresql":
        target = out / POSTGRES_FILE
        args, env = _pg_args(connection.settings_dict)
        excluded = [f"--exclude-table-data={table}" for table in EXCLUDED_TABLES]
        command = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", *excluded, "--file", str(target)]
        _run([*command, *args], env)
        return target
    raise BackupError(f"backups of {connection.vendor} databases are not supported")


def database_is_empty(alias: str = "default") -> bool:
    return not connections[alias].introspection.table_names()


def database_load(*, source: Path, alias: str = "default") -> None:
    """Load a dump made by ``database_dump`` into the (empty) database ``alias``."""
    connection = connections[alias]
    if connection.vendor == "sqlite":
        connection.close()
        try:
            origin = sqlite3.connect(_sqlite_read_only_uri(source), uri=True)
            destination = sqlite3.connect(connection.settings_dict["NAME"])
        except sqlite3.Error as error:
            raise BackupError(f"cannot open {source} or the site's database: {error}") from error
        try:
            origin.backup(destination)
        except sqlite3.Error as error:
            raise BackupError(f"cannot copy {source} into the site's database: {error}") from error
        finally:
            destination.close()
            origin.close()
        return
    if connection.vendor == "postgresql":
        connection.close()
        args, env = _pg_args(connection.settings_dict)
        _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", *args, str(source)], env)
        return
    raise BackupError(f"restoring {connection.vendor} databases is not supported")
