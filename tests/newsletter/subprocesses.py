"""A file database and the environment for newsletter processes run as subprocesses (worker, scenario)."""

import hashlib
import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet

REPO = Path(__file__).resolve().parents[2]
MANAGE = [sys.executable, str(REPO / "manage.py")]
SCENARIO = [sys.executable, str(Path(__file__).with_name("scenario.py"))]
TIMEOUT = 600
# A migrated database kept between runs (var/ is ignored by git), keyed by the migrations it was built from.
CACHE_DIR = REPO / "var" / "test-cache"


def worker_env(database_url: str, smtp_port: int, **extra: str) -> dict[str, str]:
    """The worker settings with fresh random keys and the task queue in the database, as on a real server."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.newsletter.worker_settings",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "DATABASE_URL": database_url,
        "NEWSLETTER_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "NEWSLETTER_INDEX_KEY": secrets.token_urlsafe(40),
        "NEWSLETTER_SUPPRESSION_KEY": secrets.token_urlsafe(40),
        "NEWSLETTER_FROM_EMAIL": "samvydat <news@samvydat.example>",
        "BASE_URL": "https://samvydat.example",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("REDIS_URL", None)
    env.update(extra)
    return env


def run(args: list[str], env: dict[str, str]) -> str:
    result = subprocess.run(args, cwd=REPO, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    if result.returncode != 0:
        raise AssertionError(f"{' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result.stdout


def _migrations_key() -> str:
    digest = hashlib.sha256()
    for path in sorted(REPO.glob("samvydat/*/migrations/*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def migrated_sqlite(cache_dir: Path, target: Path) -> Path:
    """A copy of a migrated SQLite file (no demo content: none is needed).

    The migrated file is kept in ``cache_dir``, keyed by the migrations, so only the first run pays for it.
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    template = cache_dir / f"newsletter-{_migrations_key()}.sqlite3"
    if not template.exists():
        building = template.with_suffix(".building")
        building.unlink(missing_ok=True)
        env = worker_env(f"sqlite:///{building}", 1)
        run([*MANAGE, "migrate", "--noinput", "-v0"], env)
        with sqlite3.connect(building) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        building.rename(template)
        for leftover in (Path(f"{building}-wal"), Path(f"{building}-shm")):
            leftover.unlink(missing_ok=True)
    shutil.copy(template, target)
    return target
