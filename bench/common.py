"""What the benchmarks share: where they write, PostgreSQL for them, worker processes, CPU time and load.

Each benchmark measures in a fresh worker process (``worker_run`` / the script's ``--worker`` branch) so that one
database's caches, Django's settings and memory peaks never leak into another's figures. Figures are wall time
*and* CPU time (the machine is shared; CPU time is what another session's load changes least), with the load
average before and after printed beside every table.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PG_SERVER = os.environ.get("BENCH_POSTGRES_SERVER", "postgres://postgres@127.0.0.1:5432")


# --- PostgreSQL ---------------------------------------------------------------------------------------------------
def postgres_problem() -> str | None:
    """Why PostgreSQL cannot be used (None when it can): benchmarks then skip it and say so."""
    try:
        import psycopg

        psycopg.connect(f"{PG_SERVER}/postgres", connect_timeout=3).close()
    except Exception as error:  # any failure means: skip PostgreSQL
        return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return None


def postgres_admin(sql: str) -> None:
    """Run one statement on the server's ``postgres`` database, outside a transaction (CREATE/DROP DATABASE)."""
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(sql)


def postgres_exists(name: str) -> bool:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        return connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def postgres_fresh(name: str) -> str:
    """An empty database ``name`` (dropped first if it exists); returns its URL."""
    postgres_admin(f'DROP DATABASE IF EXISTS "{name}"')
    postgres_admin(f'CREATE DATABASE "{name}"')
    return f"{PG_SERVER}/{name}"


def sqlite_remove(path: Path) -> None:
    """Delete an SQLite database with its WAL and shared-memory files."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


# --- worker processes ---------------------------------------------------------------------------------------------
def worker_environment(*, database_url: str, media: str) -> dict[str, str]:
    """The environment of a worker: the benchmark settings, one database, one media folder."""
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="bench.settings", PYTHONPATH=str(ROOT))
    env["DATABASE_URL"] = database_url
    env["SAMVYDAT_BENCH_MEDIA"] = str(OUT / "media" / media)
    return env


def worker_run(script: str, job: dict, *, env: dict[str, str], label: str) -> dict:
    """Run ``script --worker JOB`` and return the JSON object it printed last (its stderr goes to the console)."""
    proc = subprocess.run(
        [sys.executable, script, "--worker", json.dumps(job)], env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    if proc.returncode:
        raise SystemExit(f"the {label} worker failed (exit {proc.returncode})")
    lines = proc.stdout.strip().splitlines()
    return json.loads(lines[-1]) if lines else {}


# --- what is measured ---------------------------------------------------------------------------------------------
def cpu_seconds(*, children: bool = True) -> float:
    """CPU seconds (user + system) of this process, and of its finished children unless ``children=False``."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    total = own.ru_utime + own.ru_stime
    if children:
        child = resource.getrusage(resource.RUSAGE_CHILDREN)
        total += child.ru_utime + child.ru_stime
    return total


def peak_rss_mb(*, children: bool = False) -> float:
    """The largest resident set of this process (or of any one finished child): ru_maxrss is KiB on Linux."""
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024


def load_average() -> str:
    """The 1-, 5- and 15-minute load averages and the number of cores, for the line under every table."""
    if not hasattr(os, "getloadavg"):
        return "load average unknown"
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"
