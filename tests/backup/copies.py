"""A copy of the test site in a new database, for tests that need other processes to see it (restore, workers).

``fresh_database_url`` makes a new empty database on the test database's engine; ``site_copy`` fills one from a
backup of the test database (``manage.py backup`` here, ``manage.py restore`` in a subprocess).
"""

import os
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path

from django.core.management import call_command
from django.db import connection

from tests.conftest import skip_or_fail

REPO_ROOT = Path(__file__).resolve().parents[2]


def manage(*args, env, timeout=600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(REPO_ROOT / "manage.py"), *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def site_env(database_url: str, media_root: Path, submissions_root: Path | None = None) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "samvydat.settings.test",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
        "SUBMISSIONS_ROOT": str(submissions_root or media_root.with_name(media_root.name + "-submissions")),
    }
    env.pop("PYTEST_CURRENT_TEST", None)
    return env


@contextmanager
def fresh_database_url(tmp_path: Path):
    """DATABASE_URL of a new, empty database on the same engine as the test database (dropped afterwards)."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / f'copy-{uuid.uuid4().hex[:8]}.sqlite3'}"
        return
    import psycopg

    params = connection.settings_dict
    name = f"samvydat_copy_{uuid.uuid4().hex[:10]}"
    server = f"postgres://{params['USER']}@{params['HOST']}:{params['PORT'] or 5432}"
    password = params.get("PASSWORD") or None
    try:
        with psycopg.connect(f"{server}/postgres", autocommit=True, password=password) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as error:
        skip_or_fail(f"cannot create a PostgreSQL database for a copy of the site: {error}")
    try:
        yield f"{server}/{name}"
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True, password=password) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def site_copy(tmp_path: Path):
    """The environment of a subprocess that sees a copy of the test site (database and media)."""
    backup = tmp_path / f"backup-{uuid.uuid4().hex[:8]}"
    call_command("backup", str(backup), stdout=open(os.devnull, "w"))  # noqa: SIM115
    with fresh_database_url(tmp_path) as url:
        env = site_env(url, tmp_path / f"media-{uuid.uuid4().hex[:8]}")
        restore = manage("restore", str(backup), env=env)
        assert restore.returncode == 0, restore.stderr
        yield env
