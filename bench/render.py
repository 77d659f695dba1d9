"""Server-side render time and SQL query count of the main pages (``make bench``; docs/benchmarks.md).

For each database (SQLite; PostgreSQL on 127.0.0.1:5432 when reachable) and each content set (the demo
package; a generated corpus of ``--items`` items) a worker process builds the database, then requests each
page through Django's test client in-process: warm-up requests first, one request under
``CaptureQueriesContext`` for the query count, then ``--requests`` timed requests for p50/p95. No page cache
is involved: every request runs the view and the templates.

The prepared SQLite databases (and their media) are kept in bench/out/, keyed by what they were built from,
so repeated runs only measure. PostgreSQL databases are created and dropped on every run unless
``--keep-postgres``.

    .venv/bin/python bench/render.py                  # full run: 10,000-item corpus, 200 requests per page
    .venv/bin/python bench/render.py --quick          # 1,000 items, 30 requests per page
    .venv/bin/python bench/render.py --profile-import 300   # where an import's time goes (cProfile, queries)
"""

import argparse
import collections
import hashlib
import json
import os
import re
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (
    OUT,
    PG_SERVER,
    ROOT,
    load_average,
    postgres_admin,
    postgres_exists,
    postgres_problem,
    worker_environment,
    worker_run,
)

PG_DATABASE = "samvydat_bench"
GOAL_MS, GOAL_QUERIES = 15.0, 15
PAGES = ("home", "news index", "weekly issue", "commentary", "discussion")


# --- The parent: plan, run the workers, print ---------------------------------------------------------------
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="1,000 items and 30 requests per page, to try it out")
    parser.add_argument("--items", type=int, help="corpus size (default 10000; --quick 1000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--requests", type=int, help="timed requests per page (default 200; --quick 30)")
    parser.add_argument("--only", choices=["sqlite", "postgresql"], help="one database only")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached SQLite databases")
    parser.add_argument("--keep-postgres", action="store_true", help="keep the PostgreSQL databases for the next run")
    parser.add_argument("--profile-import", type=int, metavar="ITEMS", help="profile importing a corpus and stop")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(json.loads(args.worker))
    items = args.items or (1000 if args.quick else 10_000)
    requests = args.requests or (30 if args.quick else 200)
    OUT.mkdir(parents=True, exist_ok=True)

    from rich.console import Console

    console = Console()
    if args.profile_import:
        run_worker({"task": "profile", "items": args.profile_import, "seed": args.seed, "db": "sqlite"}, console)
        return

    contents = [("demo", None), ("corpus", items)]
    databases = [] if args.only == "postgresql" else ["sqlite"]
    if args.only != "sqlite":
        problem = postgres_problem()
        if problem:
            console.print(f"[bold yellow]PostgreSQL unreachable at {PG_SERVER} ({problem}): skipped.[/]")
        else:
            databases.append("postgresql")
    results = []
    for database in databases:
        for content, size in contents:
            job = {"task": "measure", "db": database, "content": content, "items": size, "seed": args.seed}
            job.update(requests=requests, rebuild=args.rebuild, keep=args.keep_postgres)
            results.append(run_worker(job, console))
    report(results, console, requests=requests)


def run_worker(job: dict, console) -> dict:
    label = f"{job['db']} / {job.get('content', 'profile')}"
    console.rule(label)
    name = database_name(job)
    job["name"] = name
    url = f"sqlite:///{OUT / (name + '.sqlite3')}" if job["db"] == "sqlite" else f"{PG_SERVER}/{name}"
    env = worker_environment(database_url=url, media=name)
    started = time.perf_counter()
    try:
        result = worker_run(__file__, job, env=env, label=label)
    finally:
        if job["db"] == "postgresql" and not job.get("keep"):
            postgres_admin(f'DROP DATABASE IF EXISTS "{name}"')
    console.print(f"{label}: done in {time.perf_counter() - started:.0f} s")
    return result


def database_name(job: dict) -> str:
    """Names a prepared database by everything it was built from, so a cached one is never stale."""
    if job["task"] == "profile":
        return f"profile-{job['items']}"
    if job["db"] == "postgresql" and not job.get("keep"):
        return PG_DATABASE
    digest = hashlib.sha1()
    sources = [ROOT / "samvydat" / "packages" / name for name in ("importer.py", "services.py")]
    sources += sorted(ROOT.glob("samvydat/*/migrations/*.py"))
    if job["content"] == "demo":
        sources += sorted(p for p in (ROOT / "demo").rglob("*") if p.is_file())
    else:
        sources.append(ROOT / "samvydat" / "packages" / "corpus.py")
    for path in sources:
        digest.update(str(path.relative_to(ROOT)).encode() + path.read_bytes())
    size = "" if job["content"] == "demo" else f"-{job['items']}-s{job['seed']}"
    name = f"{job['content']}{size}-{digest.hexdigest()[:10]}"
    return f"bench-{name}" if job["db"] == "sqlite" else f"{PG_DATABASE}_{name.replace('-', '_')}"


def report(results: list[dict], console, *, requests: int) -> None:
    from rich.table import Table

    table = Table(
        title=f"Uncached render time, {requests} requests per page (goal: p50 ≤ {GOAL_MS:g} ms, ≤ {GOAL_QUERIES} queries)"
    )
    columns = ("database", "content", "page", "p50 ms", "p95 ms", "CPU p50 ms", "of which SQL ms", "queries")
    for column in columns:
        table.add_column(column, justify="left" if column in ("database", "content", "page") else "right")
    for result in results:
        for page in result["pages"]:
            p50 = f"{page['p50']:.1f}" if page["p50"] <= GOAL_MS else f"[red]{page['p50']:.1f}[/]"
            queries = str(page["queries"]) if page["queries"] <= GOAL_QUERIES else f"[red]{page['queries']}[/]"
            sql = f"{page['sql_ms']:.1f}"
            cpu = f"{page['cpu_p50']:.1f}"
            table.add_row(result["db"], result["label"], page["page"], p50, f"{page['p95']:.1f}", cpu, sql, queries)
        table.add_section()
    console.print(table)
    console.print(
        "CPU p50: the render's own CPU time in the measuring thread (Django, templates and, on SQLite, the database;"
        " on PostgreSQL the server's share is not in it) — robust to a loaded machine, unlike wall time."
    )
    console.print(load_average())

    builds = Table(title="Preparing the databases")
    for column in (
        "database",
        "content",
        "pages",
        "migrate s",
        "import s",
        "ms / page",
        "load while measuring",
        "note",
    ):
        builds.add_column(column)
    for result in results:
        build = result["build"]
        per_page = f"{1000 * build['import_s'] / build['pages']:.0f}" if build.get("import_s") else ""
        builds.add_row(
            result["db"],
            result["label"],
            str(build["pages"]),
            f"{build['migrate_s']:.1f}" if build.get("migrate_s") else "",
            f"{build['import_s']:.1f}" if build.get("import_s") else "",
            per_page,
            build.get("load", ""),
            build.get("note", ""),
        )
    console.print(builds)

    console.print("[bold]News index: queries with the demo vs with the corpus[/] (must not grow with the items listed)")
    for database in dict.fromkeys(r["db"] for r in results):
        counts = {
            r["content"]: next(p["queries"] for p in r["pages"] if p["page"] == "news index")
            for r in results
            if r["db"] == database
        }
        news = {r["content"]: r["build"]["news"] for r in results if r["db"] == database}
        verdict = "same" if len(set(counts.values())) == 1 else "[red]grows[/]"
        console.print(
            f"  {database}: demo {counts.get('demo')} ({news.get('demo')} news pages) vs corpus {counts.get('corpus')} ({news.get('corpus')} news pages): {verdict}"
        )

    slow = [(r, p) for r in results for p in r["pages"] if p["p50"] > GOAL_MS and p["sql_ms"] > GOAL_MS / 3]
    if slow:
        console.print(
            f"\n[bold]Slowest queries of the pages over {GOAL_MS:g} ms whose SQL takes over {GOAL_MS / 3:g} ms[/]"
        )
    for result, page in slow:
        console.print(
            f"[bold]{result['db']} / {result['label']} / {page['page']}[/]: SQL {page['sql_ms']:.1f} ms of {page['p50']:.1f}"
        )
        for milliseconds, sql in page["slowest"]:
            console.print(f"  {milliseconds:6.1f} ms  {sql[:300]}", markup=False, highlight=False, soft_wrap=True)

    over = [(r, p) for r in results for p in r["pages"] if p["queries"] > GOAL_QUERIES]
    if over:
        console.print(f"\n[bold]Pages over {GOAL_QUERIES} queries[/] (every query; repeated shapes marked ×n)")
    for result, page in over:
        console.print(
            f"[bold]{result['db']} / {result['label']} / {page['page']}[/] {page['url']}: {page['queries']} queries"
        )
        repeats = {sql: count for count, sql in page["repeats"]}
        for sql in page["statements"]:
            shape = _IN_LISTS.sub("(…)", _LITERALS.sub("?", sql))
            mark = f"×{repeats[shape]}" if shape in repeats else ""
            console.print(f"  {mark:>3} {sql[:320]}", markup=False, highlight=False, soft_wrap=True)


# --- The worker: one database, one content set ---------------------------------------------------------------
def worker(job: dict) -> None:
    import django

    django.setup()
    from rich.console import Console

    console = Console(stderr=True)
    if job["task"] == "profile":
        return profile_import(job, console)
    build = prepare(job, console)
    load_before = os.getloadavg()[0]
    pages = measure(job, console)
    build["load"] = f"{load_before:.1f} → {os.getloadavg()[0]:.1f}"
    label = "demo" if job["content"] == "demo" else f"corpus {job['items']:,}"
    print(json.dumps({"db": job["db"], "content": job["content"], "label": label, "build": build, "pages": pages}))


def prepare(job: dict, console) -> dict:
    """The database ready to measure: reused when cached, else migrated and imported (timed)."""
    from django.db import connection

    from samvydat.core.models import HomePage

    marker = OUT / f"{job['name']}.{job['db']}.json"
    media = Path(os.environ["SAMVYDAT_BENCH_MEDIA"])
    cached = job["db"] == "sqlite" or job.get("keep")
    database_there = (
        Path(connection.settings_dict["NAME"]).exists() if job["db"] == "sqlite" else postgres_exists(job["name"])
    )
    if cached and marker.exists() and database_there and not job.get("rebuild"):
        build = json.loads(marker.read_text())
        build["note"] = "cached: " + build.get("built", "")
        console.print(f"Using the prepared database {job['name']} (built {build.get('built')}).")
        return build
    marker.unlink(missing_ok=True)
    shutil.rmtree(media, ignore_errors=True)
    if job["db"] == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(connection.settings_dict["NAME"] + suffix).unlink(missing_ok=True)
    else:
        connection.close()
        postgres_admin(f'DROP DATABASE IF EXISTS "{job["name"]}"')
        postgres_admin(f'CREATE DATABASE "{job["name"]}"')
    build: dict = {}
    build.update(timed("migrate_s", migrate, console))
    if job["content"] == "demo":
        build.update(timed("import_s", lambda c: import_package(ROOT / "demo", c, revisions=True), console))
    else:
        path = OUT / f"corpus-{job['items']}-s{job['seed']}"
        build.update(timed("generate_s", lambda c: generate(path, job, c), console))
        build.update(timed("import_s", lambda c: import_package(path, c, revisions=False), console))
    assert HomePage.objects.exists()
    if job["db"] == "postgresql":  # what autovacuum does on a running server; SQLite gathers no statistics itself
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    build.update(counts())
    build["built"] = time.strftime("%Y-%m-%d %H:%M")
    if job["db"] == "sqlite":
        connection.close()  # checkpoints the WAL into the file
    if cached:
        marker.write_text(json.dumps(build))
    return build


def timed(key: str, step, console) -> dict:
    started = time.perf_counter()
    step(console)
    seconds = time.perf_counter() - started
    console.print(f"  {key.removesuffix('_s')}: {seconds:.1f} s")
    return {key: seconds}


def migrate(console) -> None:
    from django.core.management import call_command

    console.print("Migrating…")
    call_command("migrate", verbosity=0, interactive=False)


def generate(path: Path, job: dict, console) -> None:
    from samvydat.packages.corpus import corpus_generate

    console.print(f"Generating a corpus of {job['items']:,} items (seed {job['seed']}) in {path}…")
    report = corpus_generate(path=path, items=job["items"], seed=job["seed"], overwrite=True)
    console.print(f"  {report.items:,} items, {report.pages:,} pages, {report.files:,} files")


def import_package(path: Path, console, *, revisions: bool) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from samvydat.packages.services import package_import

    files = sum(1 for _ in path.glob("content/*/*.md"))
    columns = (TextColumn(f"Importing {path.name}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("import", total=files)
        package_import(path=path, revisions=revisions, progress=lambda item: progress.advance(task))


def counts() -> dict:
    from wagtail.models import Page

    from samvydat.news.models import NewsPage

    return {"pages": Page.objects.count(), "news": NewsPage.objects.filter(locale__language_code="en").count()}


def page_urls() -> dict[str, str]:
    """The pages measured, in English: the newest of each kind."""
    from samvydat.core.models import HomePage
    from samvydat.discussions.models import DiscussionPage
    from samvydat.news.models import NewsIndexPage
    from samvydat.weekly.models import CommentaryPage, WeeklyIssuePage

    en = {"locale__language_code": "en"}
    issue = WeeklyIssuePage.objects.live().filter(**en).order_by("-week_start").first()
    return {
        "home": HomePage.objects.live().filter(**en).first().url,
        "news index": NewsIndexPage.objects.live().filter(**en).first().url,
        "weekly issue": issue.url,
        "commentary": CommentaryPage.objects.child_of(issue).live().order_by("path").first().url,
        "discussion": DiscussionPage.objects.live().filter(**en).order_by("-date", "-pk").first().url,
    }


def measure(job: dict, console) -> list[dict]:
    import gc

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    results = []
    for name, url in page_urls().items():
        for _ in range(5):  # warm-up: templates, renditions, site root paths
            response = client.get(url)
            assert response.status_code == 200, f"{url}: HTTP {response.status_code}"
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        statements = [query["sql"] for query in captured.captured_queries]  # read now: the next request clears the log
        timer = SqlTimer()
        with connection.execute_wrapper(timer):  # the database's share, measured apart from the timings
            for _ in range(10):
                client.get(url)
        gc.collect()
        times, cpu_times = [], []
        for _ in range(job["requests"]):
            started, cpu_started = time.perf_counter(), time.thread_time()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            cpu_times.append((time.thread_time() - cpu_started) * 1000)  # this process only: not PostgreSQL's
        times.sort()
        cpu_times.sort()
        result = {
            "page": name,
            "url": url,
            "p50": statistics.median(times),
            "p95": times[min(len(times) - 1, round(0.95 * len(times)) - 1)],
            "cpu_p50": statistics.median(cpu_times),
            "sql_ms": 1000 * timer.seconds / 10,
            "slowest": timer.slowest(10),
            "queries": len(statements),
            "statements": [condense(sql) for sql in statements],
            "repeats": repeated(statements),
        }
        console.print(
            f"  {name:<13} p50 {result['p50']:6.1f} ms  p95 {result['p95']:6.1f} ms  CPU p50 {result['cpu_p50']:6.1f} ms  "
            f"SQL {result['sql_ms']:5.1f} ms  {result['queries']:3} queries  {url}"
        )
        results.append(result)
    return results


class SqlTimer:
    """An execute wrapper adding up the time spent in the database driver, in all and per statement."""

    def __init__(self):
        self.seconds = 0.0
        self.by_statement: collections.Counter = collections.Counter()

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed = time.perf_counter() - started
            self.seconds += elapsed
            self.by_statement[condense(sql)] += elapsed

    def slowest(self, requests: int, count: int = 3) -> list[tuple[float, str]]:
        return [(1000 * seconds / requests, sql) for sql, seconds in self.by_statement.most_common(count)]


_LITERALS = re.compile(r"'(?:[^']|'')*'|\b\d+\b")
_IN_LISTS = re.compile(r"\((?:\s*\?\s*,)+\s*\?\s*\)")
_COLUMNS = re.compile(r"^SELECT .*? FROM ", re.S)


def condense(sql: str) -> str:
    """The SQL without its column list: what is read, joined and filtered."""
    return _COLUMNS.sub("SELECT … FROM ", sql).replace('"', "")


def repeated(statements: list[str]) -> list[tuple[int, str]]:
    """The query shapes (literals replaced by ?) run more than once, most frequent first."""
    shapes = collections.Counter(_IN_LISTS.sub("(…)", _LITERALS.sub("?", condense(sql))) for sql in statements)
    return [(count, sql) for sql, count in shapes.most_common() if count > 1]


# --- Profiling an import ------------------------------------------------------------------------------------
def profile_import(job: dict, console) -> None:
    """Import a corpus into a fresh SQLite database twice: plainly (timing each tenth of the files and every
    query by table), then under cProfile. Prints where the time goes."""
    import cProfile
    import io
    import pstats

    from django.db import connection

    from samvydat.packages.services import package_import

    def fresh_database() -> None:
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(connection.settings_dict["NAME"] + suffix).unlink(missing_ok=True)
        shutil.rmtree(os.environ["SAMVYDAT_BENCH_MEDIA"], ignore_errors=True)
        migrate(console)

    path = OUT / f"corpus-{job['items']}-s{job['seed']}"
    generate(path, job, console)
    files = sum(1 for _ in path.glob("content/*/*.md"))
    fresh_database()
    queries: collections.Counter = collections.Counter()
    seconds: collections.Counter = collections.Counter()

    def count(execute, sql, params, many, context):
        found = re.search(r'(?:FROM|INTO|UPDATE)\s+"(\w+)"', sql)
        key = f"{sql.split(None, 1)[0] if sql.strip() else '?'} {found.group(1) if found else ''}".strip()
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries[key] += 1
            seconds[key] += time.perf_counter() - started

    marks = []
    started = time.perf_counter()
    with connection.execute_wrapper(count):
        report = package_import(path=path, revisions=False, progress=lambda item: marks.append(time.perf_counter()))
    plain = time.perf_counter() - started
    print(
        f"\nImport without profiler: {plain:.1f} s for {report.items} files, {sum(queries.values())} queries",
        file=sys.stderr,
    )
    tenth = max(1, len(marks) // 10)
    steps = [marks[0] - started] + [marks[i] - marks[i - tenth] for i in range(tenth, len(marks), tenth)]
    print(
        "ms per file, by tenth of the files written: " + " ".join(f"{1000 * s / tenth:.0f}" for s in steps),
        file=sys.stderr,
    )
    print("Queries by statement and table (database time):", file=sys.stderr)
    for name, number in queries.most_common(25):
        print(f"  {number:>8}  {seconds[name]:7.1f} s  {name}", file=sys.stderr)

    fresh_database()
    profiler = cProfile.Profile()
    profiler.enable()
    package_import(path=path, revisions=False)
    profiler.disable()
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream)
    stats.sort_stats("cumulative").print_stats(r"samvydat|wagtail|treebeard|modelcluster|modelsearch|django_tasks", 40)
    stats.sort_stats("tottime").print_stats(15)
    print(stream.getvalue(), file=sys.stderr)
    print(json.dumps({"import_s": plain, "files": files, "queries": sum(queries.values())}))


if __name__ == "__main__":
    main()
