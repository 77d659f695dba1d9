"""Newsletter sending throughput and worker memory (``make bench``; docs/benchmarks.md).

100,000 confirmed subscribers across English, Belarusian and Russian, one digest (one campaign per language), sent
by one real ``manage.py db_worker`` process (django-tasks-db on an SQLite file) over SMTP to a local aiosmtpd
sink that counts messages, in a process of its own (so that the sink's CPU never competes with the measuring process
for one interpreter). Measured: messages per second including rendering (each message is built, with its
reader's own links, decrypted address and Message-ID, when it is sent) — over the worker's whole life, over the
sending only, and per second of the worker's CPU time (the figure that does not depend on what else the machine
is doing) — and the worker's peak RSS. Goals: ≥ 1,000 messages/s, ≤ 300 MB.

    .venv/bin/python bench/newsletter.py                 # 100,000 subscribers
    .venv/bin/python bench/newsletter.py --subscribers 10000
"""

import argparse
import multiprocessing
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

from bench.common import load_average  # noqa: E402
from tests.newsletter.smtp_sink import SmtpSink  # noqa: E402
from tests.newsletter.subprocesses import CACHE_DIR, MANAGE, SCENARIO, migrated_sqlite, run, worker_env  # noqa: E402

LANGUAGES = ["en", "be", "ru"]


def _sink_main(port: int, total: int, first, last, done, ready) -> None:
    """The SMTP sink's process: counts messages and records when the first and the ``total``-th arrived."""
    sink = SmtpSink(keep=False, port=port).start()
    ready.set()
    handler = sink.handler
    handler.wait_for(lambda h: h.count >= 1, timeout=3600)
    first.value = time.perf_counter()  # CLOCK_MONOTONIC: the same clock in every process
    handler.wait_for(lambda h: h.count >= total, timeout=3600)
    last.value = time.perf_counter()
    done.value = handler.count
    sink.stop()


class SinkProcess:
    def __init__(self, total: int):
        from tests.newsletter.smtp_sink import free_port

        context = multiprocessing.get_context("spawn")
        self.port = free_port()
        self.first, self.last = context.Value("d", 0.0), context.Value("d", 0.0)
        self.count = context.Value("q", 0)
        self.ready = context.Event()
        args = (self.port, total, self.first, self.last, self.count, self.ready)
        self.process = context.Process(target=_sink_main, args=args, daemon=True)

    def start(self) -> "SinkProcess":
        self.process.start()
        if not self.ready.wait(60):
            raise RuntimeError("the SMTP sink did not start")
        return self

    def wait(self, timeout: float) -> None:
        self.process.join(timeout)
        if self.process.is_alive():
            self.process.terminate()
            raise RuntimeError("the SMTP sink did not receive every message in time")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=200, help="messages per commit (NEWSLETTER_BATCH_SIZE)")
    args = parser.parse_args()
    console = Console()
    per_language = -(-args.subscribers // len(LANGUAGES))
    total = per_language * len(LANGUAGES)
    sink = SinkProcess(total).start()
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
        sink.wait(timeout=3600)
        first, last, sent = sink.first.value, sink.last.value, sink.count.value
        _pid, status, usage = os.wait4(worker.pid, 0)
        worker.returncode = os.waitstatus_to_exitcode(status)
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
    console.print(load_average())


if __name__ == "__main__":
    main()
