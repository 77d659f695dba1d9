"""Back up and restore a samvydat site: the database, the media files and a manifest that checks both.

A backup is a directory:

    manifest.json        what is in it, file sizes and SHA-256 sums, versions, and the keys it does NOT hold
    database.sqlite3     (SQLite) or database.pgdump (PostgreSQL, pg_dump custom format)
    media/               a copy of MEDIA_ROOT or of the media bucket (images, documents, PDFs)
    submissions/         a copy of SUBMISSIONS_ROOT (readers' files, still encrypted with the submissions key)
    README.txt           the same reminder as the manifest, for whoever finds the directory

Secrets are never in a backup: SECRET_KEY and the encryption keys for subscribers' addresses and readers'
submissions live in the environment. Without those keys, the encrypted columns of a restored database cannot be
read — keep them separately (a password manager, a sealed envelope), never next to the backup. Signed-in sessions
are not in a backup either (``database.EXCLUDED_TABLES``): a restored site starts with everyone signed out.

A restore only reads the backup: it can be restored any number of times, from read-only media too.
"""

import hashlib
import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import django
import wagtail
from django.conf import settings
from django.core.management import call_command
from django.db.migrations.recorder import MigrationRecorder

from . import database, media
from .database import BackupError

MANIFEST = "manifest.json"
FORMAT_VERSION = 1
MEDIA_DIR = "media"
SUBMISSIONS_DIR = "submissions"
# Environment settings that hold secrets; their values never go into a backup.
SECRET_SETTINGS = (
    "SECRET_KEY",
    "NEWSLETTER_ENCRYPTION_KEYS",
    "NEWSLETTER_INDEX_KEY",
    "NEWSLETTER_SUPPRESSION_KEY",
    "SUBMISSIONS_ENCRYPTION_KEYS",
    "OTP_SEED_KEY",
)
KEYS_REMINDER = (
    "This backup does NOT contain the site's secret keys ({names}). They are set in the environment and must be "
    "kept separately from backups; without the encryption keys, encrypted data in a restored database "
    "(subscribers' addresses, readers' submissions, editors' authenticator keys) cannot be read."
)


def keys_reminder() -> str:
    names = [name for name in SECRET_SETTINGS if hasattr(settings, name)]
    return KEYS_REMINDER.format(names=", ".join(names))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _files(root: Path) -> dict[str, dict]:
    return {
        path.relative_to(root).as_posix(): {"size": path.stat().st_size, "sha256": _sha256(path)}
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.name != MANIFEST
    }


def _migrations() -> dict[str, str]:
    latest = {}
    for app, name in MigrationRecorder.Migration.objects.order_by("app", "name").values_list("app", "name"):
        latest[app] = name
    return latest


def _file_roots() -> dict[str, Path]:
    """The directories a backup copies, by the name of their folder in the backup."""
    return {MEDIA_DIR: Path(settings.MEDIA_ROOT), SUBMISSIONS_DIR: Path(settings.SUBMISSIONS_ROOT)}


# Readers' encrypted files stay private to the site's user once restored, as SUBMISSIONS_ROOT is made.
_DIRECTORY_MODES = {MEDIA_DIR: 0o755, SUBMISSIONS_DIR: 0o700}


def _tree_restore(source: Path, target: Path, *, mode: int) -> None:
    """Copy the files under ``source`` into ``target`` with fresh permissions (a backup on read-only media must not
    make the site's directories read-only), keeping each file's dates."""
    target.mkdir(parents=True, exist_ok=True, mode=mode)
    for folder, folders, files in os.walk(source):
        relative = Path(folder).relative_to(source)
        for name in folders:
            (target / relative / name).mkdir(exist_ok=True, mode=mode)
        for name in files:
            origin, copy = Path(folder) / name, target / relative / name
            shutil.copyfile(origin, copy)
            facts = origin.stat()
            os.utime(copy, ns=(facts.st_atime_ns, facts.st_mtime_ns))


def backup_create(*, out: Path) -> dict:
    """Write a backup of the database, the media and readers' (encrypted) submitted files into the new directory
    ``out``; return the manifest."""
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise BackupError(f"{out} exists and is not empty: choose a new directory for the backup.")
    out.mkdir(parents=True, exist_ok=True)
    database_file = database.database_dump(out=out)
    for folder, root in _file_roots().items():
        if folder == MEDIA_DIR and media.media_in_bucket():
            media.bucket_copy_out(target=out / folder)
        elif root.is_dir():
            shutil.copytree(root, out / folder)
        else:
            (out / folder).mkdir(mode=_DIRECTORY_MODES[folder])
    reminder = keys_reminder()
    (out / "README.txt").write_text(
        "samvydat backup. Restore with: manage.py restore THIS_DIRECTORY (into an empty database).\n\n"
        + reminder
        + "\n"
    )
    manifest = {
        "format": FORMAT_VERSION,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": {"vendor": database.vendor(), "file": database_file.name},
        "directories": sorted(_file_roots()),
        "excluded_tables": list(database.EXCLUDED_TABLES),
        "versions": {"django": django.__version__, "wagtail": wagtail.__version__},
        "migrations": _migrations(),
        "secrets_included": False,
        "secrets_reminder": reminder,
        "files": _files(out),
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n")
    return manifest


def backup_check(*, source: Path) -> dict:
    """Read the manifest and check every file against its size and checksum; return the manifest."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{source} is not a samvydat backup (no readable {MANIFEST}): {error}") from error
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    try:
        found = _files(source)
    except OSError as error:
        raise BackupError(f"cannot read the backup in {source}: {error}") from error
    problems = [name for name, facts in manifest["files"].items() if found.get(name) != facts]
    problems += [name for name in found if name not in manifest["files"]]
    if problems:
        raise BackupError("the backup is damaged or was changed: " + ", ".join(sorted(problems)[:20]))
    return manifest


def backup_restore(*, source: Path) -> dict:
    """Restore a backup into an empty database, an empty MEDIA_ROOT and an empty SUBMISSIONS_ROOT, then migrate;
    return the manifest. The backup itself is only read.

    Refuses, before changing anything, when the backup is damaged, was made on another database engine, or the
    database, the media or the submissions directory already hold something.
    """
    source = Path(source)
    manifest = backup_check(source=source)
    if manifest["database"]["vendor"] != database.vendor():
        raise BackupError(
            f"this backup is of a {manifest['database']['vendor']} database and the site uses "
            f"{database.vendor()}; move content between engines with export_content / import_content."
        )
    if not database.database_is_empty():
        raise BackupError("the database is not empty: restore into a new, empty database.")
    roots = _file_roots()
    in_bucket = media.media_in_bucket()
    if in_bucket and not media.bucket_is_empty():
        raise BackupError("the media bucket (AWS_STORAGE_BUCKET_NAME) is not empty: restore into an empty bucket.")
    for setting, folder in (("MEDIA_ROOT", MEDIA_DIR), ("SUBMISSIONS_ROOT", SUBMISSIONS_DIR)):
        if folder == MEDIA_DIR and in_bucket:
            continue
        if roots[folder].exists() and any(roots[folder].iterdir()):
            raise BackupError(f"{setting} ({roots[folder]}) is not empty: restore into an empty directory.")
    database.database_load(source=source / manifest["database"]["file"])
    try:
        for folder, root in roots.items():
            if not (source / folder).is_dir():  # backups made before submissions were copied have no such folder
                continue
            if folder == MEDIA_DIR and in_bucket:
                media.bucket_restore(source=source / folder)
            else:
                _tree_restore(source / folder, root, mode=_DIRECTORY_MODES[folder])
    except OSError as error:
        raise BackupError(f"the database was restored but copying the files failed: {error}") from error
    call_command("migrate", interactive=False, verbosity=0)
    return manifest
