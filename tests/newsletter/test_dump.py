"""A stolen database holds no address: the SQLite file's bytes and a pg_dump, after subscribing and a send.

The SMTP server refuses two canaries the way real servers do, naming them in the reply (``550 5.1.1 <canary@…>:
user unknown``): one at its confirmation mail, one in the campaign. Neither reply may reach the database (the
delivery's error, the task table's tracebacks) or the worker's log.
"""

import glob
import os
import shutil
import sqlite3
import subprocess

import pytest

from tests.conftest import skip_or_fail

from .smtp_sink import SmtpSink
from .subprocesses import CACHE_DIR, MANAGE, REPO, SCENARIO, migrated_sqlite, run, worker_env

TYPED = "Zmitser.Kaliada+News@Pahonia-Post.example"
SEEDED = "reader7@en.example.org"
CANARY_SIGNUP = "Canary.Signup+Leak@Bounce-Land.example"
CANARY_CONFIRMED = "canary.confirmed@bounce-land.example"
REFUSAL = "550 5.1.1 <{address}>: Recipient address rejected: User unknown in virtual mailbox table"


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
        "canary": "canary",
        "canary domain": "bounce-land.example",
    }
    return {name: form.encode() for name, form in forms.items()}


def leaks(blob: bytes) -> list[str]:
    lowered = blob.lower()
    found = [name for name, needle in needles().items() if needle.lower() in lowered]
    utf16 = [name for name, needle in needles().items() if needle.decode().encode("utf-16-le").lower() in lowered]
    return found + [f"{name} (utf-16)" for name in utf16]


def populate(env) -> bytes:
    """Seed readers, subscribe one through the reader's path, and send a campaign with a real worker.

    Returns what the worker logged (stdout and stderr, at the verbosity that logs every task)."""
    run([*SCENARIO, "seed", "--confirmed", "20", "--pending", "3", "--unsubscribed", "3"], env)
    run([*SCENARIO, "seed-confirmed", "--address", CANARY_CONFIRMED, "--languages", "en"], env)
    run([*SCENARIO, "subscribe", "--address", TYPED, "--languages", "be"], env)
    run([*SCENARIO, "subscribe", "--address", CANARY_SIGNUP, "--languages", "en"], env)
    run([*SCENARIO, "start"], env)
    worker = subprocess.run(
        [*MANAGE, "db_worker", "--batch", "--no-reload", "--no-startup-delay", "--verbosity", "3"],
        cwd=REPO,
        env=env,
        capture_output=True,
        timeout=600,
    )
    assert worker.returncode == 0, worker.stderr
    assert '"status": "sent"' in run([*SCENARIO, "status"], env)
    return worker.stdout + worker.stderr


@pytest.fixture
def sink():
    server = SmtpSink().start()
    server.handler.rcpt_replies["canary"] = REFUSAL
    yield server
    server.stop()


def test_the_sqlite_file_holds_no_address(tmp_path, sink):
    database = migrated_sqlite(CACHE_DIR, tmp_path / "dump.sqlite3")
    env = worker_env(f"sqlite:///{database}", sink.port)
    log = populate(env)
    assert sink.handler.to(SEEDED) and sink.handler.to(TYPED.replace("Pahonia-Post.example", "pahonia-post.example"))
    assert not [message for message in sink.handler.messages if "canary" in message.recipients[0]]  # refused
    assert b"Task id=" in log  # the worker logged every task
    with sqlite3.connect(database) as db:
        errors = [row[0] for row in db.execute("SELECT last_error FROM newsletter_delivery WHERE status = 'failed'")]
        confirmations = db.execute(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE task_path LIKE '%confirmation_send_task'"
        ).fetchone()[0]
    assert errors == ["550 5.1.1"]  # the campaign's canary, by its code only
    assert confirmations == 0  # finished confirmation tasks are deleted
    blob = b"".join(path.read_bytes() for path in tmp_path.glob("dump.sqlite3*"))  # the file, its WAL and SHM
    assert b"newsletter_subscriber" in blob  # the dump has the tables, it is not empty
    assert leaks(blob) == []
    assert leaks(log) == []


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
            log = populate(sink_env)
            dump = subprocess.run(
                [pg_dump, "--no-owner", f"{server}/{name}"], cwd=REPO, capture_output=True, check=True, timeout=300
            ).stdout
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    assert b"COPY public.newsletter_subscriber" in dump
    assert leaks(dump) == []
    assert leaks(log) == []
