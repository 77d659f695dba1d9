"""Newsletter sending throughput and worker memory (``make bench``; docs/benchmarks.md).

100,000 confirmed subscribers across English, Belarusian and Russian, one digest (one campaign per language), sent
by one real ``manage.py db_worker`` process (django-tasks-db on an SQLite file) over SMTP to a local aiosmtpd
sink that counts messages. Measured: messages per second including rendering (each message is built, with its
reader's own links, decrypted address and Message-ID, when it is sent) — over the worker's whole life, over the
sending only, and per second of the worker's CPU time (the figure that does not depend on what else the machine
is doing) — and the worker's peak RSS. Goals: ≥ 1,000 messages/s, ≤ 300 MB.

    .venv/bin/python bench/newsletter.py                 # 100,000 subscribers
    .venv/bin/python bench/newsletter.py --subscribers 10000
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from tests.newsletter.smtp_sink import SmtpSink  # noqa: E402
from tests.newsletter.subprocesses import CACHE_DIR, MANAGE, SCENARIO, migrated_sqlite, run, worker_env  # noqa: E402

LANGUAGES = ["en", "be", "ru"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=200, help="messages per commit (NEWSLETTER_BATCH_SIZE)")
    args = parser.parse_args()
    console = Console()
    per_language = -(-args.subscribers // len(LANGUAGES))
    total = per_language * len(LANGUAGES)
    sink = SmtpSink(keep=False).start()
    with tempfile.TemporaryDirectory(prefix="samvydat-bench-newsletter-") as tmp:
        database = migrated_sqlite(CACHE_DIR, Path(tmp) / "bench.sqlite3")
        env = worker_env(f"sqlite:///{database}", sink.port, NEWSLETTER_BATCH_SIZE=str(args.batch))
        console.print(f"Seeding {total:,} confirmed subscribers (encrypted addresses, blind index)…")
        started = time.perf_counter()
        run([*SCENARIO, "seed", "--confirmed", str(per_language), "--languages", ",".join(LANGUAGES)], env)
        seed_seconds = time.perf_counter() - started
        started = time.perf_counter()
        run([*SCENARIO, "start"], env)  # approve, snapshot the recipients (delivery rows), queue the sends
        start_seconds = time.perf_counter() - started
        console.print("Sending with one db_worker process…")
        started = time.perf_counter()
        worker = subprocess.Popen(
            [*MANAGE, "db_worker", "--batch", "--no-reload", "--no-startup-delay", "--verbosity", "0"],
            cwd=REPO,
            env=env,
        )
        handler = sink.handler
        handler.wait_for(lambda h: h.count >= 1, timeout=120)
        first = time.perf_counter()
        handler.wait_for(lambda h: h.count >= total, timeout=3600)
        last = time.perf_counter()
        _pid, status, usage = os.wait4(worker.pid, 0)
        worker.returncode = os.waitstatus_to_exitcode(status)
        sent = handler.count
    sink.stop()
    whole = last - started
    sending = last - first
    peak_mb = usage.ru_maxrss / 1024
    table = Table(title=f"Newsletter: {total:,} subscribers, one digest in {len(LANGUAGES)} languages")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_column("goal", justify="right")
    table.add_row("messages accepted by the SMTP sink", f"{sent:,}", f"{total:,}")
    table.add_row("messages/s, worker start → last message", f"{sent / whole:,.0f}", "≥ 1,000")
    table.add_row("messages/s, first → last message", f"{sent / sending:,.0f}", "")
    cpu = usage.ru_utime + usage.ru_stime
    table.add_row("messages per second of worker CPU time", f"{sent / cpu:,.0f}", "")
    table.add_row("worker peak RSS", f"{peak_mb:,.0f} MB", "≤ 300 MB")
    table.add_row("worker exit code", str(worker.returncode), "0")
    table.add_row("seeding (not part of the send)", f"{seed_seconds:,.1f} s", "")
    table.add_row("approve + recipient snapshot", f"{start_seconds:,.1f} s", "")
    console.print(table)
    console.print(f"load average: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")


if __name__ == "__main__":
    main()
