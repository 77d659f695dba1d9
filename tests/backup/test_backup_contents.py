"""What a backup holds and how it is read: readers' submitted files are in it, signed-in sessions are not, and a
restore never writes to the backup, so the same backup restores again and again, from read-only media too."""

import hashlib
import importlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from samvydat.backup.services import MANIFEST, backup_check
from samvydat.submissions import crypto
from samvydat.submissions.cleaning import CleanFile
from samvydat.submissions.services import submission_receive

from .copies import REPO_ROOT, fresh_database_url, site_env

pytestmark = pytest.mark.django_db

NOBODY = 65534
FILE_CANARY = b"%PDF-1.4 submitted-file-canary-9Z2"


def _read_only(root: Path) -> None:
    for folder, _folders, files in os.walk(root):
        for name in files:
            (Path(folder) / name).chmod(0o444)
        Path(folder).chmod(0o555)


def _snapshot(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _restore_as_another_user(backup: Path, env: dict) -> subprocess.CompletedProcess:
    """``manage.py restore`` by a user who may not write to the backup (as root, chmod would not stop a write)."""
    prefix = []
    # PostgreSQL's credentials may be tied to this user (peer authentication): there, root restores.
    if os.geteuid() == 0 and connection.vendor == "sqlite":
        prefix = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    return subprocess.run(
        [*prefix, sys.executable, str(REPO_ROOT / "manage.py"), "restore", str(backup)],
        cwd=REPO_ROOT,
        env={**env, "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        timeout=600,
    )


def _as_older_wal_backup(backup: Path, database_file: Path) -> None:
    import sqlite3

    copy = sqlite3.connect(database_file)
    copy.execute("PRAGMA journal_mode=WAL")
    copy.close()
    manifest = json.loads((backup / MANIFEST).read_text())
    manifest["files"][database_file.name] = {
        "size": database_file.stat().st_size,
        "sha256": hashlib.sha256(database_file.read_bytes()).hexdigest(),
    }
    (backup / MANIFEST).write_text(json.dumps(manifest))


@pytest.fixture
def shared_dir():
    """A directory another user can work in (pytest's tmp_path is private to this one)."""
    path = Path(tempfile.mkdtemp(prefix="samvydat-backup-"))
    path.chmod(0o777)
    yield path
    for folder, _folders, _files in os.walk(path):
        Path(folder).chmod(0o755)
    shutil.rmtree(path)


def test_a_read_only_backup_restores_twice_with_the_submitted_files_and_no_session(settings, shared_dir):
    settings.SUBMISSIONS_ROOT = str(shared_dir / "site-submissions")
    submission = submission_receive(
        kind="information",
        language="en",
        text="backup canary text",
        files=[CleanFile("a.pdf", "application/pdf", FILE_CANARY)],
    )
    stored_as = submission.files.get().stored_as
    session = importlib.import_module(settings.SESSION_ENGINE).SessionStore()
    session["signed_in_marker"] = "x"
    session.create()

    backup = shared_dir / "backup"
    call_command("backup", str(backup), stdout=open(os.devnull, "w"))  # noqa: SIM115
    manifest = backup_check(source=backup)
    assert f"submissions/{stored_as}" in manifest["files"]
    database_file = backup / manifest["database"]["file"]
    assert session.session_key.encode() not in database_file.read_bytes()
    if connection.vendor == "sqlite":
        import sqlite3

        copy = sqlite3.connect(database_file.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)
        try:
            assert copy.execute("SELECT count(*) FROM django_session").fetchone() == (0,)
            assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # one file, no -wal beside it
        finally:
            copy.close()
        _as_older_wal_backup(backup, database_file)  # what earlier versions wrote: restoring it made -wal/-shm

    _read_only(backup)
    before = _snapshot(backup)
    for attempt in ("first", "second"):
        with fresh_database_url(shared_dir) as url:
            media, submissions = shared_dir / f"{attempt}-media", shared_dir / f"{attempt}-submissions"
            restore = _restore_as_another_user(backup, site_env(url, media, submissions))
            assert restore.returncode == 0, restore.stderr
            assert "Traceback" not in restore.stderr
            restored_file = submissions / stored_as
            assert b"".join(crypto.file_decrypted_chunks(restored_file)) == FILE_CANARY
            assert restored_file.stat().st_mode & 0o777 != 0o444  # the site can manage its files again
            assert os.access(submissions, os.W_OK) and (media.stat().st_mode & 0o200)
    assert _snapshot(backup) == before  # not a byte changed, no -wal or -shm file added
    backup_check(source=backup)


def test_an_unreadable_backup_is_a_clear_error(tmp_path):
    backup = tmp_path / "backup"
    call_command("backup", str(backup), stdout=open(os.devnull, "w"))  # noqa: SIM115
    target = tmp_path / "restored"
    with fresh_database_url(tmp_path) as url:
        env = site_env(url, target)
        (backup / "manifest.json").write_text("{not json")
        result = subprocess.run(
            [sys.executable, str(REPO_ROOT / "manage.py"), "restore", str(backup)],
            cwd=REPO_ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
    assert result.returncode != 0 and "not a samvydat backup" in result.stderr
    assert "Traceback" not in result.stderr
    assert not target.exists()
    assert settings.MEDIA_ROOT
