"""Search: index build rate, query latency and recall@10 — samvydat's search beside stock Wagtail search.

For each database (SQLite; PostgreSQL on 127.0.0.1:5432 when reachable) a worker process:

1. loads a ``generate_corpus`` package of ``--items`` items (default 100,000: about 285,000 pages in three
   languages) with the bulk loader (``corpus_bulk_load``); the loaded SQLite database is kept in bench/out/;
2. builds samvydat's index from scratch (``index_rebuild``) and stock Wagtail's (``update_index``, the project's
   ``WAGTAILSEARCH_BACKENDS`` default: Wagtail's database backend with its default settings), timing each;
3. runs the same ``--queries`` mixed queries (names in their spellings, single words, word pairs, topics; drawn
   with a fixed seed from the corpus) through both: ours as the search page runs it (ranked page of 10, total and
   every facet count), stock Wagtail as its own search view does (live pages of the language, ``.search(q)``,
   count and first 10) — p50/p95/p99;
4. on the demo content, in a second database, runs the relevance set (tests/search/relevance_set.py) through both
   and prints recall@10.

    .venv/bin/python bench/search.py                      # 100,000 items, 1,000 queries, SQLite and PostgreSQL
    .venv/bin/python bench/search.py --items 5000 --only sqlite     # to try it out
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import OUT, ROOT, postgres_admin, postgres_fresh, worker_environment, worker_run

GOALS = {"p95_ms": 25.0, "docs_per_s": 2000.0, "recall": 0.95}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument("--reload", action="store_true", help="load the corpus again even if a loaded copy exists")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(json.loads(args.worker))
    from rich.console import Console

    console = Console()
    OUT.mkdir(parents=True, exist_ok=True)
    databases = [args.only] if args.only else ["sqlite", *(["postgresql"] if postgres_up() else [])]
    if "postgresql" not in databases and not args.only:
        console.print("[yellow]PostgreSQL is not reachable on 127.0.0.1:5432: SQLite only.[/]")
    results = []
    for database in databases:
        for content in ("corpus", "demo"):
            job = {"db": database, "content": content, "items": args.items, "seed": args.seed}
            job.update(queries=args.queries, reload=args.reload)
            results.append(run_worker(job, console))
    report(results, console, args)


def postgres_up() -> bool:
    return subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"], check=False).returncode == 0


def run_worker(job: dict, console) -> dict:
    label = f"{job['db']} / {job['content']}"
    console.rule(label)
    name = f"search-{job['content']}" + (f"-{job['items']}-s{job['seed']}" if job["content"] == "corpus" else "")
    database = "samvydat_bench_" + name.replace("-", "_")
    url = f"sqlite:///{OUT / (name + '.sqlite3')}" if job["db"] == "sqlite" else postgres_fresh(database)
    job["name"] = name
    try:
        return worker_run(__file__, job, env=worker_environment(database_url=url, media=name), label=label)
    finally:
        if job["db"] == "postgresql":
            postgres_admin(f'DROP DATABASE IF EXISTS "{database}"')


# --- the worker -------------------------------------------------------------------------------------------------
def worker(job: dict) -> None:
    import django
    from rich.console import Console

    console = Console(stderr=True)
    django.setup()
    result = {"db": job["db"], "content": job["content"], "load": f"{os.getloadavg()[0]:.1f}"}
    result.update(prepare(job, console))
    result.update(build_indexes(console))
    # statistics of the tables as the queries will find them: after both indexes are built, not on empty tables
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    if job["content"] == "corpus":
        queries = make_queries(job["queries"], seed=job["seed"])
        result["queries"] = len(queries)
        result.update(latencies(queries, console))
    else:
        result.update(recall(console))
    result["load"] += f" → {os.getloadavg()[0]:.1f}"
    print(json.dumps(result))


def prepare(job: dict, console) -> dict:
    from django.core.management import call_command
    from django.db import connection
    from wagtail.models import Page

    sqlite_cached = job["db"] == "sqlite" and Path(connection.settings_dict["NAME"]).exists() and not job["reload"]
    if sqlite_cached and Page.objects.filter(depth__gt=3).exists():
        console.print(f"Using the loaded database {job['name']}.")
        return {"pages": Page.objects.filter(depth__gt=1).count(), "load_s": None}
    if job["db"] == "sqlite":
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(connection.settings_dict["NAME"] + suffix).unlink(missing_ok=True)
    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    if job["content"] == "demo":
        from samvydat.packages.services import package_import
        from samvydat.pdfs.signals import pdfs_paused

        with pdfs_paused():
            package_import(path=ROOT / "demo")
    else:
        from samvydat.packages.corpus import corpus_generate
        from samvydat.packages.services import corpus_bulk_load

        path = OUT / f"corpus-{job['items']}-seed{job['seed']}"
        if not (path / "content").exists():
            console.print(f"Generating a corpus of {job['items']:,} items in {path}…")
            corpus_generate(path=path, items=job["items"], seed=job["seed"], overwrite=True)
        console.print(f"Loading {path.name}…")
        started = time.perf_counter()
        corpus_bulk_load(path=path)
    seconds = time.perf_counter() - started
    return {"pages": Page.objects.filter(depth__gt=1).count(), "load_s": seconds}


def build_indexes(console) -> dict:
    from django.core.management import call_command
    from wagtail.search.models import IndexEntry

    from samvydat.search.services import index_rebuild

    console.print("Building samvydat's index…")
    started = time.perf_counter()
    documents = index_rebuild()
    ours = time.perf_counter() - started
    console.print(f"  {documents:,} pages in {ours:.1f} s")
    # Stock Wagtail's index does not depend on our code: on SQLite, a build measured before on the same loaded
    # database is reused (its time recorded beside the database), since it takes the longest of everything here.
    from django.db import connection

    record = (
        Path(str(connection.settings_dict["NAME"]) + ".stock-index.json") if connection.vendor == "sqlite" else None
    )
    if record and record.exists() and IndexEntry.objects.exists():
        stock, stock_documents = json.loads(record.read_text())
        console.print(f"Reusing stock Wagtail's index built earlier: {stock_documents:,} entries in {stock:.1f} s")
    else:
        console.print("Building stock Wagtail's index (update_index)…")
        IndexEntry.objects.all().delete()
        started = time.perf_counter()
        call_command("update_index", verbosity=0)
        stock = time.perf_counter() - started
        stock_documents = IndexEntry.objects.count()
        console.print(f"  {stock_documents:,} entries in {stock:.1f} s")
        if record:
            record.write_text(json.dumps([stock, stock_documents]))
    return {"ours_build_s": ours, "ours_docs": documents, "stock_build_s": stock, "stock_docs": stock_documents}


def make_queries(count: int, *, seed: int) -> list[tuple[str, str]]:
    """(language, query) pairs: name spellings, title words, word pairs, topic names — drawn from the database."""
    from samvydat.people.models import Person
    from samvydat.search.models import SearchDocument
    from samvydat.weekly.models import Topic

    rng = random.Random(seed)
    spellings = []
    for name, aliases in Person.objects.filter(locale__language_code="en").values_list("name", "aliases"):
        spellings += [name.split()[-1], *[a.strip() for a in aliases.splitlines() if a.strip()]]
    topics = list(Topic.objects.values_list("locale__language_code", "name"))
    sample = list(SearchDocument.objects.order_by("?").values_list("language", "title")[:2000])
    words = [(lang, w.strip(".,:;!?«»\"'()")) for lang, title in sample for w in title.split() if len(w) > 3]
    queries = []
    for _ in range(count):
        roll = rng.random()
        language = rng.choice(["en", "be", "ru"])
        if roll < 0.35:
            queries.append((language, rng.choice(spellings)))
        elif roll < 0.65:
            queries.append(rng.choice(words))
        elif roll < 0.85:
            lang, title = rng.choice(sample)
            parts = [w for w in title.split() if len(w) > 3]
            start = rng.randrange(max(1, len(parts) - 1))
            queries.append((lang, " ".join(parts[start : start + 2]) or title))
        elif roll < 0.95:
            queries.append(rng.choice(topics))
        else:
            queries.append((language, f"{rng.choice(spellings)} {rng.choice(words)[1]}"))
    return queries


def percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)

    def at(fraction):
        return ordered[min(len(ordered) - 1, round(fraction * len(ordered)) - 1)]

    return {"p50": statistics.median(ordered), "p95": at(0.95), "p99": at(0.99), "mean": statistics.fmean(ordered)}


def latencies(queries, console) -> dict:
    from django.db.utils import OperationalError
    from wagtail.models import Locale, Page

    from samvydat.search.selectors import search

    locales = {locale.language_code: locale.pk for locale in Locale.objects.all()}
    for language, query in queries[:20]:  # warm caches (aliases, stemmers, page cache of the database)
        search(query=query, language=language)
        try:
            with time_limit(STOCK_LIMIT_S):
                list(Page.objects.live().filter(locale_id=locales[language]).search(query)[:10])
        except OperationalError:
            pass
    ours, stock, ours_empty, stock_empty, stock_stopped = [], [], 0, 0, 0
    console.print(
        f"Running {len(queries)} queries through each engine (stock queries stopped after {STOCK_LIMIT_S:.0f} s)…"
    )
    for language, query in queries:
        started = time.perf_counter()
        results = search(query=query, language=language)
        ours.append(1000 * (time.perf_counter() - started))
        ours_empty += results.total == 0
        started = time.perf_counter()
        try:
            with time_limit(STOCK_LIMIT_S):
                found = Page.objects.live().filter(locale_id=locales[language]).search(query)
                total = found.count()
                list(found[:10])
        except OperationalError:  # stopped at the limit: counted as the limit (a lower bound)
            stock.append(1000 * STOCK_LIMIT_S)
            stock_stopped += 1
            continue
        stock.append(1000 * (time.perf_counter() - started))
        stock_empty += total == 0
    return {
        "ours_ms": percentiles(ours),
        "stock_ms": percentiles(stock),
        "ours_empty": ours_empty,
        "stock_empty": stock_empty,
        "stock_stopped": stock_stopped,
    }


STOCK_LIMIT_S = 5.0  # stock Wagtail needed 62 s for "week" (8,292 matches) on the 10,000-item corpus


class time_limit:
    """Stop the statement running on the default connection after ``seconds`` (``OperationalError``)."""

    def __init__(self, seconds: float):
        self.seconds = seconds

    def __enter__(self):
        from django.db import connection

        connection.ensure_connection()
        if connection.vendor == "sqlite":
            deadline = time.perf_counter() + self.seconds
            connection.connection.set_progress_handler(lambda: int(time.perf_counter() > deadline), 10_000)
        else:
            with connection.cursor() as cursor:
                cursor.execute("SET statement_timeout = %s", [int(self.seconds * 1000)])

    def __exit__(self, *exc):
        from django.db import connection

        if connection.vendor == "sqlite":
            connection.connection.set_progress_handler(None, 0)
        else:
            with connection.cursor() as cursor:
                cursor.execute("SET statement_timeout = 0")


def recall(console) -> dict:
    from wagtail.models import Locale, Page

    from samvydat.search.selectors import search
    from tests.search.relevance_set import CASES

    locales = {locale.language_code: locale.pk for locale in Locale.objects.all()}
    pages = {
        (p.specific.package_key, p.locale.language_code): p.pk for p in Page.objects.filter(depth__gt=2).specific()
    }
    ours, stock = [], []
    for case in CASES:
        expected = {pages[ref] for ref in case.expected if ref in pages}
        if not expected:
            continue
        found = {
            d.page_id
            for d in search(query=case.query, language=case.language, all_languages=case.all_languages).documents
        }
        ours.append(len(expected & found) / len(expected))
        stock_pages = Page.objects.live()
        if not case.all_languages:
            stock_pages = stock_pages.filter(locale_id=locales[case.language])
        stock_found = {page.pk for page in stock_pages.search(case.query)[:10]}
        stock.append(len(expected & stock_found) / len(expected))
    console.print(f"Relevance set: {len(ours)} queries")
    return {"cases": len(ours), "ours_recall": statistics.fmean(ours), "stock_recall": statistics.fmean(stock)}


# --- the report -------------------------------------------------------------------------------------------------
def report(results: list[dict], console, args) -> None:
    from rich.table import Table

    table = Table(
        title=f"Search: {args.items:,}-item corpus, {args.queries:,} mixed queries; recall on the relevance set"
    )
    for column in (
        "database",
        "engine",
        "pages",
        "build s",
        "docs/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "no result",
        "recall@10",
    ):
        table.add_column(column, justify="right" if column not in ("database", "engine") else "left")
    by_key = {(r["db"], r["content"]): r for r in results}
    for database in dict.fromkeys(r["db"] for r in results):
        corpus, demo = by_key.get((database, "corpus"), {}), by_key.get((database, "demo"), {})
        for engine, label in (("ours", "samvydat"), ("stock", "stock Wagtail")):
            ms = corpus.get(f"{engine}_ms", {})
            build = corpus.get(f"{engine}_build_s")
            docs = corpus.get(f"{engine}_docs" if engine == "ours" else "pages")
            table.add_row(
                database,
                label,
                f"{corpus.get('pages', 0):,}",
                f"{build:.0f}" if build else "",
                f"{docs / build:,.0f}" if build else "",
                f"{ms.get('p50', 0):.1f}",
                f"{ms.get('p95', 0):.1f}",
                f"{ms.get('p99', 0):.1f}",
                str(corpus.get(f"{engine}_empty", ""))
                + (
                    f" ({corpus['stock_stopped']} stopped)" if engine == "stock" and corpus.get("stock_stopped") else ""
                ),
                f"{demo.get(f'{engine}_recall', 0):.3f}" if demo else "",
            )
    console.print(table)
    for database in dict.fromkeys(r["db"] for r in results):
        corpus, demo = by_key.get((database, "corpus"), {}), by_key.get((database, "demo"), {})
        if corpus.get("stock_ms"):
            console.print(
                f"{database}: samvydat / stock latency ratio p50 {corpus['ours_ms']['p50'] / corpus['stock_ms']['p50']:.2f}, "
                f"p95 {corpus['ours_ms']['p95'] / corpus['stock_ms']['p95']:.2f}; build time ratio "
                f"{corpus['ours_build_s'] / corpus['stock_build_s']:.2f}; load average {corpus.get('load')}"
            )
        if demo:
            console.print(
                f"{database}: relevance set of {demo['cases']} queries: recall@10 {demo['ours_recall']:.3f} (stock {demo['stock_recall']:.3f})"
            )
    console.print(
        f"Goals: p95 ≤ {GOALS['p95_ms']:g} ms on SQLite at 100,000 items, build ≥ {GOALS['docs_per_s']:,.0f} docs/s, "
        f"recall@10 ≥ {GOALS['recall']}"
    )


if __name__ == "__main__":
    main()
