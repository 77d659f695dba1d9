"""How fast the bulk loader fills an empty site with a generated corpus (``make bench``; docs/benchmarks.md).

For each database (SQLite; PostgreSQL on 127.0.0.1:5432 when reachable) a worker process migrates a fresh
database and times ``corpus_bulk_load`` on a ``generate_corpus`` package of ``--items`` items: seconds, pages
per second, CPU seconds (the loader and its reader processes) and peak RSS. The corpus is generated once into
bench/out/corpus-N-seedS/ and reused (the same folder bench/search.py uses); the databases are dropped after.

    .venv/bin/python bench/load_corpus.py                 # 100,000 items (≈ 285,000 pages)
    .venv/bin/python bench/load_corpus.py --items 10000   # a shorter run
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (
    OUT,
    PG_SERVER,
    ROOT,
    cpu_seconds,
    peak_rss_mb,
    postgres_admin,
    postgres_fresh,
    postgres_problem,
    sqlite_remove,
    worker_environment,
    worker_run,
)

PG_DATABASE = "samvydat_bench_load"
GOAL_PAGES_PER_SECOND = 500


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=100_000, help="corpus size in items (default 100000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=1000, help="pages per batch of inserts")
    parser.add_argument("--workers", type=int, help="reader processes (default: the loader's choice)")
    parser.add_argument("--only", choices=["sqlite", "postgresql"], help="one database only")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(json.loads(args.worker))

    from rich.console import Console

    console = Console()
    OUT.mkdir(parents=True, exist_ok=True)
    corpus = corpus_path(args.items, args.seed, console)
    databases = [] if args.only == "postgresql" else ["sqlite"]
    if args.only != "sqlite":
        problem = postgres_problem()
        if problem:
            console.print(f"[bold yellow]PostgreSQL unreachable at {PG_SERVER} ({problem}): skipped.[/]")
        else:
            databases.append("postgresql")
    results = []
    for database in databases:
        job = {"db": database, "corpus": str(corpus), "batch": args.batch, "workers": args.workers}
        results.append(run_worker(job, console))
    report(results, args.items, console)


def corpus_path(items: int, seed: int, console) -> Path:
    """The generated corpus, made once: generation takes about 30 s per 10,000 items."""
    path = OUT / f"corpus-{items}-seed{seed}"
    if not (path / "content").exists():
        sys.path.insert(0, str(ROOT))
        from samvydat.packages.corpus import corpus_generate

        console.print(f"Generating a corpus of {items:,} items (seed {seed}) in {path}…")
        started = time.perf_counter()
        corpus_generate(path=path, items=items, seed=seed, overwrite=True)
        console.print(f"  done in {time.perf_counter() - started:.0f} s")
    else:
        console.print(f"Using the corpus in {path}.")
    return path


def run_worker(job: dict, console) -> dict:
    console.rule(job["db"])
    sqlite_file = OUT / "load-corpus.sqlite3"
    if job["db"] == "sqlite":
        sqlite_remove(sqlite_file)
        url = f"sqlite:///{sqlite_file}"
    else:
        url = postgres_fresh(PG_DATABASE)
    try:
        return worker_run(__file__, job, env=worker_environment(database_url=url, media="load-corpus"), label=job["db"])
    finally:
        if job["db"] == "sqlite":
            sqlite_remove(sqlite_file)
        else:
            postgres_admin(f'DROP DATABASE IF EXISTS "{PG_DATABASE}"')


def worker(job: dict) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from samvydat.packages.bulk_reader import count_files
    from samvydat.packages.services import corpus_bulk_load

    console = Console(stderr=True)
    console.print("Migrating…")
    call_command("migrate", verbosity=0, interactive=False)
    path = Path(job["corpus"])
    columns = (TextColumn(f"Loading {path.name}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    load_before = os.getloadavg()[0]
    cpu_before = cpu_seconds()
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("load", total=count_files(path))
        started = time.perf_counter()
        report = corpus_bulk_load(
            path=path, batch=job["batch"], workers=job["workers"], progress=lambda n: progress.advance(task, n)
        )
        seconds = time.perf_counter() - started
    result = {
        "db": job["db"],
        "items": report.items,
        "pages": report.pages,
        "files": report.files,
        "seconds": seconds,
        "cpu": cpu_seconds() - cpu_before,
        # ru_maxrss is in KiB on Linux: the loader's process, and the largest reader process.
        "rss_mb": peak_rss_mb(),
        "reader_rss_mb": peak_rss_mb(children=True),
        "load": f"{load_before:.1f} → {os.getloadavg()[0]:.1f}",
    }
    console.print(f"  {report.pages:,} pages in {seconds:.1f} s")
    print(json.dumps(result))


def report(results: list[dict], items: int, console) -> None:
    from rich.table import Table

    table = Table(title=f"Bulk load of a {items:,}-item corpus (goal: ≥ {GOAL_PAGES_PER_SECOND} pages/s)")
    for column in ("database", "items", "pages", "seconds", "pages/s", "CPU s", "peak RSS MB", "reader RSS MB", "load"):
        table.add_column(column, justify="left" if column in ("database", "load") else "right")
    for r in results:
        rate = r["pages"] / r["seconds"]
        shown = f"{rate:.0f}" if rate >= GOAL_PAGES_PER_SECOND else f"[red]{rate:.0f}[/]"
        table.add_row(
            r["db"],
            f"{r['items']:,}",
            f"{r['pages']:,}",
            f"{r['seconds']:.1f}",
            shown,
            f"{r['cpu']:.1f}",
            f"{r['rss_mb']:.0f}",
            f"{r['reader_rss_mb']:.0f}",
            r["load"],
        )
    console.print(table)
    console.print("(items: page items; pages include the weekly issues made from 'week'; CPU s: loader + readers)")


if __name__ == "__main__":
    main()
