"""Back up, restore into a fresh database, export the content package from both: identical, byte for byte.

The original is exported in this process (pytest's test database, with the demo content); the restore and its
export run in a subprocess against a brand-new database (a new SQLite file, or a new PostgreSQL database on the
same server), exactly as an operator would run ``manage.py restore``.
"""

import filecmp
import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from samvydat.backup.services import MANIFEST, backup_check
from samvydat.packages.services import package_export

from .copies import fresh_database_url, manage, site_env

pytestmark = pytest.mark.django_db


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def fresh_database(tmp_path):
    with fresh_database_url(tmp_path) as url:
        yield url


def test_backup_restores_to_an_identical_site(tmp_path, fresh_database, capsys):
    backup = tmp_path / "backup"
    call_command("backup", str(backup))
    printed = capsys.readouterr().out
    assert "REMINDER" in printed and "NOT contain" in printed and "SECRET_KEY" in printed
    manifest = backup_check(source=backup)
    assert manifest["secrets_included"] is False
    assert manifest["database"]["vendor"] == connection.vendor

    original = tmp_path / "export-original"
    package_export(path=original)

    restored_media = tmp_path / "restored-media"
    env = site_env(fresh_database, restored_media)
    restore = manage("restore", str(backup), env=env)
    assert restore.returncode == 0, restore.stderr
    assert "REMINDER" in restore.stdout
    restored = tmp_path / "export-restored"
    export = manage("export_content", str(restored), env=env)
    assert export.returncode == 0, export.stderr

    original_files, restored_files = _tree(original), _tree(restored)
    assert len(original_files) > 50
    assert original_files.keys() == restored_files.keys()
    different = [name for name in original_files if original_files[name] != restored_files[name]]
    assert not different, different[:10]
    assert not filecmp.dircmp(original, restored).diff_files

    again = manage("restore", str(backup), env=env)  # never over an existing site
    assert again.returncode != 0 and "not empty" in again.stderr


def test_a_damaged_backup_is_refused_before_anything_changes(tmp_path):
    backup = tmp_path / "backup"
    call_command("backup", str(backup), stdout=open(os.devnull, "w"))  # noqa: SIM115
    manifest = json.loads((backup / MANIFEST).read_text())
    damaged = next(name for name in manifest["files"] if name.startswith("media/"))
    with (backup / damaged).open("ab") as stream:
        stream.write(b"!")
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(backup))


def test_a_backup_never_overwrites(tmp_path):
    out = tmp_path / "full"
    out.mkdir()
    (out / "something").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(out))
    assert settings.MEDIA_ROOT  # the site's media were not touched
