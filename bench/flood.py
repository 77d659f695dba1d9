"""Readers under floods aimed past the cache (``.venv/bin/python bench/flood.py``; issue 15, docs/benchmarks.md).

The production recipe on loopback, as ``bench/load.py`` runs it (granian via ``deploy/serve`` with production
settings, SQLite and the demo content in ``bench/out/load/``, nginx from ``deploy/nginx/samvydat.conf``). Readers
(``--readers`` keep-alive connections, one process) fetch cached article pages through nginx; first alone (the
baseline), then while a second process (``--flooders`` connections, each from its own loopback address, as a
distributed flood) sends as fast as it can:

(a) ``bust``: article pages with a random ``?x=<n>``;  (b) ``utm``: with ``?utm_source=<random>``;
(c) ``search``: random searches drawn from a word list;  (d) ``page``: listings with a random ``page=N``;
(e) ``mixed``: all four.

For each: readers' req/s, p50, p99 and its ratio to the baseline, readers' error rate (anything but 200), the
flood's req/s and how nginx answered it, requests that reached Django per second (the application's own request
log: one JSON line per request, those answered by the worker-memory tier left out) and how many of them were rendered
(not a shared-cache hit, a stale copy or a refusal made without rendering), and origin CPU (granian's master and workers, from /proc) as a share of the machine.

    .venv/bin/python bench/flood.py                 # 10 s per scenario
    .venv/bin/python bench/flood.py --seconds 60    # the issue's figures
"""

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.load import (  # the same recipe, site and servers as bench/load.py
    OUT,
    SEARCH_WORDS,
    app_server,
    article_paths,
    bench_environment,
    cpu_seconds,
    direct_copy,
    fetch,
    free_port,
    nginx,
    prepare,
)

FLOODS = ("bust", "utm", "search", "page", "mixed")
LISTINGS = ("/en/news/", "/be/news/", "/ru/news/")
WORDS = [*SEARCH_WORDS, "war", "prison", "court", "протест", "закон", "свобода", "belsat", "minsk", "гродна", "vote"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=10, help="seconds per scenario (default 10)")
    parser.add_argument("--readers", type=int, default=64, help="readers' connections (default 64)")
    parser.add_argument("--flooders", type=int, default=32, help="the flood's connections (default 32)")
    parser.add_argument("--rebuild", action="store_true", help="prepare the database and static files again")
    parser.add_argument("--generator", help=argparse.SUPPRESS)  # internal: run one load generator, print JSON
    parser.add_argument("--base", help=argparse.SUPPRESS)
    parser.add_argument("--paths", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generator:
        paths = json.loads(args.paths)
        result = asyncio.run(generate(args.generator, args.base, paths, args.seconds, args))
        print(json.dumps(result))
        return
    run(args)


def run(args) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=230)
    env = bench_environment()
    prepare(env, console, rebuild=args.rebuild)
    load_before = os.getloadavg()
    app_port, proxy_port, file_port = free_port(), free_port(), free_port()
    with app_server(env, app_port) as master:
        app = f"http://127.0.0.1:{app_port}"
        articles = article_paths(env)
        with nginx(app_port, proxy_port, file_port, direct_copy(app, articles[0])):
            base = f"http://127.0.0.1:{proxy_port}"
            for path in articles:
                for _ in range(3):
                    fetch(base + path)  # into nginx's cache (and the application's)
            server_log = OUT / "server.log"
            rows = []
            for flood in (None, *FLOODS):
                log_offset = server_log.stat().st_size
                cpu_before, started = cpu_seconds(master.pid), time.monotonic()
                readers, flooded = scenario(base, articles, flood, args)
                elapsed = time.monotonic() - started
                cpu = cpu_seconds(master.pid) - cpu_before
                reached, rendered = django_requests(server_log, log_offset)
                rows.append(
                    {
                        "flood": flood or "baseline (readers only)",
                        "readers": readers,
                        "flood_result": flooded,
                        "django_per_s": reached / elapsed,
                        "rendered_per_s": rendered / elapsed,
                        "cpu_percent": 100 * cpu / elapsed / (os.cpu_count() or 1),
                    }
                )
                console.print(f"{rows[-1]['flood']}: done")
    baseline_p99 = rows[0]["readers"]["p99"] or 1e-9
    table = Table(
        title=f"Readers ({args.readers} connections) under floods ({args.flooders} connections), {args.seconds} s each"
    )
    for column in (
        "flood",
        "readers req/s",
        "p50 ms",
        "p99 ms",
        "p99 / baseline",
        "readers' errors",
        "flood req/s",
        "flood answers",
        "reached Django /s",
        "rendered /s",
        "origin CPU",
    ):
        table.add_column(column, justify="left" if column in ("flood", "flood answers") else "right")
    for row in rows:
        readers, flooded = row["readers"], row["flood_result"]
        table.add_row(
            row["flood"],
            f"{readers['rps']:,.0f}",
            f"{readers['p50']:.1f}",
            f"{readers['p99']:.1f}",
            f"{readers['p99'] / baseline_p99:.2f}",
            f"{readers['error_rate']:.2%}",
            f"{flooded['rps']:,.0f}" if flooded else "—",
            ", ".join(f"{status}: {count}" for status, count in sorted(flooded["statuses"].items()))
            if flooded
            else "—",
            f"{row['django_per_s']:,.1f}",
            f"{row['rendered_per_s']:,.1f}",
            f"{row['cpu_percent']:.0f} %",
        )
    console.print(table)
    load_after = os.getloadavg()
    console.print(
        f"load average before: {' '.join(f'{v:.2f}' for v in load_before)}; after: "
        f"{' '.join(f'{v:.2f}' for v in load_after)}; {os.cpu_count()} cores, the load generators on the same machine"
    )
    goals = [
        ("readers' p99 ≤ 3 × baseline", all(row["readers"]["p99"] <= 3 * baseline_p99 for row in rows[1:])),
        ("0 errors for readers", all(row["readers"]["errors"] == 0 for row in rows)),
        (
            "origin CPU ≤ 80 % under the search flood",
            next(r for r in rows if r["flood"] == "search")["cpu_percent"] <= 80,
        ),
    ]
    for goal, met in goals:
        console.print(f"{goal}: {'met' if met else 'NOT met'}")


def scenario(base: str, articles: list[str], flood: str | None, args):
    """Readers for ``args.seconds`` (and the flood beside them, in its own process); their results."""

    def generator(kind: str, paths: list[str]):
        return subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--generator",
                kind,
                "--base",
                base,
                "--paths",
                json.dumps(paths),
                "--seconds",
                str(args.seconds),
                "--readers",
                str(args.readers),
                "--flooders",
                str(args.flooders),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )

    flooding = generator(flood, articles) if flood else None
    readers = generator("readers", articles)
    reader_result = json.loads(readers.communicate()[0])
    flood_result = json.loads(flooding.communicate()[0]) if flooding else None
    return reader_result, flood_result


def django_requests(server_log: Path, offset: int) -> tuple[int, int]:
    """Lines of the application's request log written since ``offset``: those that reached Django (not answered by
    the worker's memory tier — a hit or a repeated refusal — before it), and of them those Django rendered (not a
    shared-cache hit, a stale copy or a refusal without a render)."""
    reached = rendered = 0
    with server_log.open("rb") as log:
        log.seek(offset)
        for line in log:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if record.get("msg") != "request" and record.get("message") != "request":
                continue
            if record.get("answered") == "worker":
                continue
            reached += 1
            rendered += record.get("cache") not in ("hit", "stale") and not record.get("refused")
    return reached, rendered


# --- Load generators (run as their own processes) ----------------------------------------------------------------
def flood_path(kind: str, articles: list[str], rng: random.Random) -> str:
    if kind == "mixed":
        kind = rng.choice(FLOODS[:-1])
    if kind == "bust":
        return f"{rng.choice(articles)}?x={rng.randrange(10**9)}"
    if kind == "utm":
        return f"{rng.choice(articles)}?utm_source={rng.randrange(10**9)}"
    if kind == "search":
        lang = rng.choice(("en", "be", "ru"))
        return f"/{lang}/search/?q=" + quote(f"{rng.choice(WORDS)} {rng.choice(WORDS)}")
    return f"{rng.choice(LISTINGS)}?page={rng.randrange(1, 100_000)}"


async def generate(kind: str, base: str, articles: list[str], seconds: int, args) -> dict:
    host, port = base.removeprefix("http://").split(":")
    deadline = time.monotonic() + seconds
    latencies, statuses, errors = [], {}, [0]
    rng = random.Random()
    if kind == "readers":
        connections, sources = args.readers, ["127.0.0.1"]

        def next_path() -> str:
            return rng.choice(articles)
    else:
        connections = args.flooders
        sources = [f"127.0.{10 + n // 250}.{n % 250 + 1}" for n in range(connections)]  # one address each

        def next_path() -> str:
            return flood_path(kind, articles, rng)

    async def connection(source: str):
        reader = writer = None
        while time.monotonic() < deadline:
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection(host, int(port), local_addr=(source, 0))
                started = time.perf_counter()
                writer.write(f"GET {next_path()} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
                status, keep = await read_response(reader)
                latencies.append((time.perf_counter() - started) * 1000)
                statuses[status] = statuses.get(status, 0) + 1
                if not keep:
                    writer.close()
                    reader = writer = None
            except (OSError, asyncio.IncompleteReadError, ValueError):
                errors[0] += 1
                if writer is not None:
                    writer.close()
                reader = writer = None
                await asyncio.sleep(0.01)
        if writer is not None:
            writer.close()

    started = time.monotonic()
    await asyncio.gather(*(connection(sources[n % len(sources)]) for n in range(connections)))
    elapsed = time.monotonic() - started
    latencies.sort()
    total = len(latencies)
    failed = errors[0] + sum(count for status, count in statuses.items() if status != 200)
    return {
        "rps": total / elapsed,
        "p50": latencies[total // 2] if total else 0.0,
        "p99": latencies[min(total - 1, int(total * 0.99))] if total else 0.0,
        "statuses": {str(status): count for status, count in statuses.items()},
        "errors": failed,
        "error_rate": failed / max(1, total + errors[0]),
    }


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """One HTTP/1.1 response (Content-Length or chunked): its status, and whether the connection stays open."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status, headers.get("connection", "").lower() != "close"


if __name__ == "__main__":
    main()
