"""A stolen database holds no address: the SQLite file's bytes and a pg_dump, after subscribing and a send."""

import glob
import os
import shutil
import subprocess

import pytest

from tests.conftest import skip_or_fail

from .smtp_sink import SmtpSink
from .subprocesses import CACHE_DIR, MANAGE, REPO, SCENARIO, migrated_sqlite, run, worker_env

TYPED = "Zmitser.Kaliada+News@Pahonia-Post.example"
SEEDED = "reader7@en.example.org"


def needles() -> dict[str, bytes]:
    """Every form an address could leak in: as typed, lower-cased, its domain, its local part, seeded ones."""
    local, _, domain = TYPED.partition("@")
    forms = {
        "typed": TYPED,
        "lower": TYPED.lower(),
        "domain": domain,
        "domain lower": domain.lower(),
        "local part": local.lower(),
        "seeded": SEEDED,
        "seeded domain": SEEDED.partition("@")[2],
    }
    return {name: form.encode() for name, form in forms.items()}


def leaks(blob: bytes) -> list[str]:
    lowered = blob.lower()
    found = [name for name, needle in needles().items() if needle.lower() in lowered]
    utf16 = [name for name, needle in needles().items() if needle.decode().encode("utf-16-le").lower() in lowered]
    return found + [f"{name} (utf-16)" for name in utf16]


def populate(env) -> None:
    """Seed readers, subscribe one through the reader's path, and send a campaign with a real worker."""
    run([*SCENARIO, "seed", "--confirmed", "20", "--pending", "3", "--unsubscribed", "3"], env)
    run([*SCENARIO, "subscribe", "--address", TYPED, "--languages", "be"], env)
    run([*SCENARIO, "start"], env)
    run([*MANAGE, "db_worker", "--batch", "--no-reload", "--no-startup-delay", "--verbosity", "0"], env)
    assert '"status": "sent"' in run([*SCENARIO, "status"], env)


@pytest.fixture
def sink():
    server = SmtpSink().start()
    yield server
    server.stop()


def test_the_sqlite_file_holds_no_address(tmp_path, sink):
    database = migrated_sqlite(CACHE_DIR, tmp_path / "dump.sqlite3")
    env = worker_env(f"sqlite:///{database}", sink.port)
    populate(env)
    assert sink.handler.to(SEEDED) and sink.handler.to(TYPED.replace("Pahonia-Post.example", "pahonia-post.example"))
    blob = b"".join(path.read_bytes() for path in tmp_path.glob("dump.sqlite3*"))  # the file, its WAL and SHM
    assert b"newsletter_subscriber" in blob  # the dump has the tables, it is not empty
    assert leaks(blob) == []


def _pg_dump() -> str | None:
    candidates = [shutil.which("pg_dump"), *sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_dump"), reverse=True)]
    return next((path for path in candidates if path and os.access(path, os.X_OK)), None)


def test_a_pg_dump_holds_no_address(sink):
    psycopg = pytest.importorskip("psycopg")
    server = os.environ.get("TEST_POSTGRES_SERVER", "postgres://postgres@127.0.0.1:5432")
    pg_dump = _pg_dump()
    if pg_dump is None:
        skip_or_fail("pg_dump not found (apt-get install postgresql-client)")
    try:
        admin = psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        skip_or_fail(f"PostgreSQL unreachable at {server}: {error}")
    name = f"samvydat_newsletter_dump_{os.getpid()}"
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            sink_env = worker_env(f"{server}/{name}", sink.port)
            run([*MANAGE, "migrate", "--noinput", "-v0"], sink_env)
            populate(sink_env)
            dump = subprocess.run(
                [pg_dump, "--no-owner", f"{server}/{name}"], cwd=REPO, capture_output=True, check=True, timeout=300
            ).stdout
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    assert b"COPY public.newsletter_subscriber" in dump
    assert leaks(dump) == []
