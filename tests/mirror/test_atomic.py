"""A killed export (SIGKILL, a real subprocess) leaves the previous mirror intact and serving."""

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from samvydat.mirror.storage import live_root, remove_stale_builds

REPO_ROOT = Path(__file__).resolve().parents[2]

# The demo mirror needs the test database set up (a session with no database test would skip migrations).
pytestmark = pytest.mark.django_db
WAIT_SECONDS = 180


@pytest.fixture(scope="session")
def database_file(django_db_setup, django_db_blocker, tmp_path_factory) -> Path:
    """The test database (with the demo content) copied to a file a subprocess can open.

    Session-scoped, so it is copied before any test opens its transaction (a backup would wait for its lock).
    """
    with django_db_blocker.unblock():
        if connection.vendor != "sqlite":
            pytest.skip("the subprocess reads a copy of the SQLite test database")
        connection.ensure_connection()
        target = tmp_path_factory.mktemp("kill") / "db.sqlite3"
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
    return target


def digest(root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file():
            h.update(str(path.relative_to(root)).encode() + path.read_bytes())
    return h.hexdigest()


def test_killed_export_leaves_the_live_copy(database_file, demo_mirror):
    out = demo_mirror[0]
    live = live_root(out)
    link_before, content_before = os.readlink(out), digest(live)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "samvydat.settings.test",
        "DATABASE_URL": f"sqlite:///{database_file}",
        "MEDIA_ROOT": settings.MEDIA_ROOT,
    }
    process = subprocess.Popen(
        [sys.executable, str(REPO_ROOT / "manage.py"), "export_mirror", str(out), "--no-search"],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: the kill reaches its rendering processes too
    )
    try:
        build = _wait_for_a_half_written_build(out, live, process)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    assert process.returncode == -signal.SIGKILL
    assert os.readlink(out) == link_before and live_root(out) == live
    assert digest(live) == content_before
    assert build.is_dir()  # the half-written copy is left unlinked …
    assert remove_stale_builds(out, keep={live}) == [build]  # … and the next export removes it
    assert live_root(out) == live


def _wait_for_a_half_written_build(out: Path, live: Path, process) -> Path:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the export ended before it was killed: {process.stderr.read().decode()[-2000:]}")
        for build in out.parent.glob(f".{out.name}-*"):
            if build.resolve() != live.resolve() and len(list(build.rglob("*.html"))) >= 20:
                return build
        time.sleep(0.05)
    pytest.fail("the export wrote no pages in time")
