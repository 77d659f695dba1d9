"""The static mirror's export and incremental update on a large corpus, beside Hugo (``make bench``; docs/mirror.md).

A worker process prepares (once; cached in bench/out/) an SQLite database with a ``generate_corpus`` package of
``--items`` items (10,000 ≈ 30,000 pages), then measures in the same run:

* the full ``export_mirror``: documents rendered per second, wall time, peak RSS of the exporting process and of
  its largest child (rendering workers, Pagefind), the mirror's size;
* Pagefind indexing the mirror (included in the export; also shown on its own);
* one edited commentary: the time from ``publish()`` returning to the mirror holding it (the update task's work:
  the page, its issue, topic, listing, people and feed files), median of ``--edits`` edits;
* Hugo (Debian's ``hugo``) building the same content package with the minimal theme in bench/hugo/: wall time and
  peak RSS, and the ratios.

    .venv/bin/python bench/mirror.py                 # 10,000 items
    .venv/bin/python bench/mirror.py --items 1000    # a quick try
"""

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
HUGO_SITE = ROOT / "bench" / "hugo"
GOAL_PAGES_PER_S, GOAL_RSS_MB, GOAL_EDIT_S = 250, 500, 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, help="rendering processes (default: export_mirror's)")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached database")
    parser.add_argument("--no-hugo", action="store_true")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        job = json.loads(args.worker)
        print(json.dumps({"prepare": prepare, "export": export}[job["task"]](job)))
        return

    from rich.console import Console

    console = Console()
    OUT.mkdir(parents=True, exist_ok=True)
    name = f"mirror-corpus-{args.items}-s{args.seed}"
    job = {"name": name, "items": args.items, "seed": args.seed, "rebuild": args.rebuild, "jobs": args.jobs}
    job["edits"] = args.edits
    console.rule(f"mirror benchmark: {args.items:,} items")
    build = run_worker({**job, "task": "prepare"}, console)
    result = run_worker({**job, "task": "export"}, console)
    hugo = None if args.no_hugo else run_hugo(OUT / name / "content", OUT / "hugo-site", console)
    report(build, result, hugo, console)


def run_worker(job: dict, console) -> dict:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="bench.settings", PYTHONPATH=str(ROOT))
    env["DATABASE_URL"] = f"sqlite:///{OUT / (job['name'] + '.sqlite3')}"
    env["SAMVYDAT_BENCH_MEDIA"] = str(OUT / "media" / job["name"])
    console.print(f"worker: {job['task']}…")
    proc = subprocess.Popen(
        [sys.executable, __file__, "--worker", json.dumps(job)], env=env, cwd=ROOT, stdout=subprocess.PIPE
    )
    stdout, _ = proc.communicate()
    if proc.returncode:
        raise SystemExit(f"the {job['task']} worker failed (exit {proc.returncode})")
    return json.loads(stdout.decode().strip().splitlines()[-1])


def run_hugo(content: Path, destination: Path, console) -> dict | None:
    hugo = shutil.which("hugo")
    if hugo is None:
        console.print("[bold yellow]hugo not found (apt-get install hugo): skipped.[/]")
        return None
    shutil.rmtree(destination, ignore_errors=True)
    console.print("hugo: building the same content package…")
    started = time.perf_counter()
    proc = subprocess.Popen(
        [hugo, "--source", str(HUGO_SITE), "--contentDir", str(content), "--destination", str(destination), "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        console.print(f"[bold red]hugo failed: {proc.stderr.read().decode()[-500:]}[/]")
        return None
    pages = sum(1 for _ in destination.rglob("*.html"))
    return {"seconds": seconds, "rss_mb": usage.ru_maxrss / 1024, "pages": pages, "mb": du_mb(destination)}


def du_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


# --- workers (Django set up) -------------------------------------------------------------------------------------
def _django():
    import django

    django.setup()


def prepare(job: dict) -> dict:
    """The corpus and its database, built once and kept under bench/out/ (with a marker of how long it took)."""
    _django()
    from django.core.management import call_command
    from django.db import connection

    marker = OUT / f"{job['name']}.json"
    database = Path(connection.settings_dict["NAME"])
    if marker.exists() and database.exists() and not job["rebuild"]:
        call_command("migrate", verbosity=0, interactive=False, skip_checks=True)  # apps added since
        return {**json.loads(marker.read_text()), "cached": True}
    from samvydat.packages.corpus import corpus_generate
    from samvydat.packages.services import corpus_bulk_load

    connection.close()
    for suffix in ("", "-wal", "-shm"):
        Path(str(database) + suffix).unlink(missing_ok=True)
    package = OUT / job["name"]
    started = time.perf_counter()
    if not (package / "content").is_dir():
        corpus_generate(path=package, items=job["items"], seed=job["seed"], overwrite=True)
    call_command("migrate", verbosity=0, interactive=False, skip_checks=True)
    corpus_bulk_load(path=package)  # the bulk loader (docs/bulk-loading.md): minutes, not hours, for 10,000 items
    build = {"import_s": time.perf_counter() - started, "built": time.strftime("%Y-%m-%d %H:%M")}
    marker.write_text(json.dumps(build))
    return build


def export(job: dict) -> dict:
    _django()
    from django.conf import settings
    from wagtail.models import Page

    from samvydat.mirror import searchindex, services
    from samvydat.mirror.storage import live_root
    from samvydat.weekly.models import CommentaryPage

    out = OUT / "mirror-site"
    pages_in_db = Page.objects.live().count()
    started = time.perf_counter()
    report = services.mirror_export(out=out, search=False, jobs=job["jobs"])
    export_s = time.perf_counter() - started
    rss_export_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the rendering processes
    root = live_root(out)
    started = time.perf_counter()
    searchindex.build_search_index(root)
    search_s = time.perf_counter() - started
    rss_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rss_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    # One edit: publish a commentary, then bring the mirror in line (what the publish task does).
    commentaries = list(CommentaryPage.objects.live().filter(locale__language_code="en").order_by("path")[::97])
    settings.MIRROR_ROOT = ""  # measure the update on its own, not the publish
    edits, changed = [], []
    for number, commentary in enumerate(commentaries[: job["edits"]]):
        commentary.title = f"{commentary.title} (edit {number})"
        commentary.save_revision().publish()
        started = time.perf_counter()
        update = services.mirror_update_for_page(out=out, page_id=commentary.pk)
        edits.append(time.perf_counter() - started)
        changed.append(len(update.changed))
    return {
        "pages_in_db": pages_in_db,
        "documents": report.pages,
        "files": report.files,
        "export_s": export_s,
        "search_s": search_s,
        "mb": du_mb(root),
        "rss_self_mb": rss_self,
        "rss_children_mb": rss_children,
        "rss_render_mb": rss_export_children,
        "edit_s": statistics.median(edits) if edits else None,
        "edit_max_s": max(edits) if edits else None,
        "edit_files": statistics.median(changed) if changed else None,
        "errors": len(report.errors),
        "jobs": services._jobs(job["jobs"]),
    }


# --- the table ----------------------------------------------------------------------------------------------------
def report(build: dict, result: dict, hugo: dict | None, console) -> None:
    from rich.table import Table

    total_s = result["export_s"] + result["search_s"]
    rate = result["documents"] / result["export_s"]
    peak = max(result["rss_self_mb"], result["rss_children_mb"])
    exporter = max(result["rss_self_mb"], result["rss_render_mb"])  # without Pagefind
    table = Table(title=f"Static mirror of {result['pages_in_db']:,} live pages ({build.get('built', '')})")
    for column in ("measure", "samvydat mirror", "Hugo", "goal"):
        table.add_column(column, justify="right" if column != "measure" else "left")
    ok = lambda good: "[green]ok[/]" if good else "[red]missed[/]"  # noqa: E731
    table.add_row("documents rendered", f"{result['documents']:,}", f"{hugo['pages']:,} html" if hugo else "–", "")
    table.add_row(
        f"render ({result['jobs']} processes)",
        f"{result['export_s']:.1f} s, {rate:.0f} docs/s",
        "",
        f"≥ {GOAL_PAGES_PER_S}/s {ok(rate >= GOAL_PAGES_PER_S)}",
    )
    table.add_row("search index (Pagefind)", f"{result['search_s']:.1f} s", "", "")
    table.add_row("full build", f"{total_s:.1f} s", f"{hugo['seconds']:.1f} s" if hugo else "–", "")
    table.add_row(
        "peak RSS: exporter (and its renderers)",
        f"{exporter:.0f} MB",
        "",
        f"≤ {GOAL_RSS_MB} MB {ok(exporter <= GOAL_RSS_MB)}",
    )
    table.add_row(
        "peak RSS: largest process (Pagefind included)",
        f"{peak:.0f} MB",
        f"{hugo['rss_mb']:.0f} MB" if hugo else "–",
        f"≤ {GOAL_RSS_MB} MB {ok(peak <= GOAL_RSS_MB)}",
    )
    table.add_row("size", f"{result['mb']:.0f} MB", f"{hugo['mb']:.0f} MB" if hugo else "–", "")
    edit = result["edit_s"]
    table.add_row(
        "one edited commentary → mirror",
        f"{edit:.2f} s (max {result['edit_max_s']:.2f}, {result['edit_files']:.0f} files)" if edit is not None else "–",
        f"{hugo['seconds']:.1f} s (full rebuild)" if hugo else "–",
        f"≤ {GOAL_EDIT_S:.0f} s {ok(edit is not None and edit <= GOAL_EDIT_S)}",
    )
    if hugo:
        table.add_row("ratio mirror / Hugo: time", f"{total_s / hugo['seconds']:.2f}×", "", "")
        table.add_row("ratio mirror / Hugo: peak memory", f"{peak / hugo['rss_mb']:.2f}×", "", "")
    console.print(table)
    load = os.getloadavg()
    console.print(
        f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} CPUs; errors: {result['errors']}"
    )


if __name__ == "__main__":
    main()
