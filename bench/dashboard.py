"""Trend dashboard render time over ten years of weekly issues (issue 5; docs/benchmarks.md).

Builds a throwaway SQLite database in bench/out/ (git-ignored) holding the site skeleton and ``--weeks`` weekly
issues (default 520, ten years) in English, Belarusian and Russian, each with a rated commentary on most of six
topics (a few weeks unrated, one topic started late, so gaps and a short record are part of the load). The pages
are written with bulk inserts — the tree paths computed here, no per-page save, no signals — so building takes
seconds instead of the minutes a content-package import would.

Then, in-process through Django's test client, for each page measured: warm-up requests, one request under
``CaptureQueriesContext`` for the query count, and ``--requests`` timed requests (p50 / p95). Nothing is cached
between requests: every request runs the view, the queries and the templates. (The week labels — pure functions
of the dates and the language — are memoised per process by ``weekly.charts.week_label``; the warm-up requests
fill that memo as a running server's first requests would.)

    .venv/bin/python bench/dashboard.py                # 520 weeks, 100 requests per page
    .venv/bin/python bench/dashboard.py --requests 50 --weeks 260
    .venv/bin/python bench/dashboard.py --rebuild      # rebuild the database even if it is up to date
"""

import argparse
import datetime
import hashlib
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
GOAL_MS = 50.0
LANGUAGES = ("en", "be", "ru")
TOPICS = ("belarus-russia", "belarus-west", "domestic-politics", "economy", "repression", "security")
LAST_WEEK = datetime.date(2025, 12, 15)  # a Monday; fixed so the data never depends on today


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--weeks", type=int, default=520, help="weekly issues per language (default 520)")
    parser.add_argument("--requests", type=int, default=100, help="timed requests per page (at least 50)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the database even if it is up to date")
    args = parser.parse_args()
    if args.requests < 50:
        parser.error("--requests: at least 50, for a meaningful p95")

    OUT.mkdir(parents=True, exist_ok=True)
    database = OUT / f"dashboard-{args.weeks}w-s{args.seed}.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "samvydat.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
    os.environ.setdefault("MEDIA_ROOT", str(OUT / "media-dashboard"))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from rich.console import Console

    console = Console(width=150)
    build = prepare(database, weeks=args.weeks, seed=args.seed, rebuild=args.rebuild, console=console)
    results = measure(requests=args.requests, console=console)
    report(results, build, requests=args.requests, console=console)


# --- Building the database ---------------------------------------------------------------------------------
def prepare(database: Path, *, weeks: int, seed: int, rebuild: bool, console) -> dict:
    """The database, reused when it was built from the same migrations, builder and parameters."""
    marker = database.with_suffix(".json")
    digest = hashlib.sha1(f"{weeks}:{seed}".encode())
    for path in [Path(__file__), *sorted(ROOT.glob("samvydat/*/migrations/*.py"))]:
        digest.update(path.read_bytes())
    fingerprint = digest.hexdigest()[:12]
    if not rebuild and database.exists() and marker.exists():
        build = json.loads(marker.read_text())
        if build.get("fingerprint") == fingerprint:
            console.print(f"Using {database.relative_to(ROOT)} (built {build['built']}).")
            return build
    from django.db import connection

    connection.close()
    for suffix in ("", "-wal", "-shm", ".json"):
        Path(f"{database}{suffix}" if suffix != ".json" else marker).unlink(missing_ok=True)
    build = {"fingerprint": fingerprint, "weeks": weeks}
    started = time.perf_counter()
    from django.core.management import call_command

    console.print(f"Building {database.relative_to(ROOT)}: migrating…")
    call_command("migrate", verbosity=0, interactive=False)
    build["migrate_s"] = time.perf_counter() - started
    started = time.perf_counter()
    build.update(populate(weeks=weeks, seed=seed))
    build["populate_s"] = time.perf_counter() - started
    build["built"] = time.strftime("%Y-%m-%d %H:%M")
    connection.close()  # checkpoints the WAL into the file
    marker.write_text(json.dumps(build))
    console.print(f"  migrate {build['migrate_s']:.1f} s, pages written in {build['populate_s']:.1f} s")
    return build


def populate(*, weeks: int, seed: int) -> dict:
    from django.db import transaction
    from wagtail.models import Locale

    from samvydat.core.services import section_index, site_skeleton_ensure, translation_key_for
    from samvydat.weekly.models import Topic

    rng = random.Random(seed)
    with transaction.atomic():
        homes = site_skeleton_ensure()
        locales = {code: Locale.objects.get(language_code=code) for code in LANGUAGES}
        for slug in TOPICS:
            for code in LANGUAGES:
                Topic.objects.create(
                    name=f"{slug.replace('-', ' ').capitalize()} ({code})",
                    slug=slug,
                    locale=locales[code],
                    translation_key=translation_key_for("topic", slug),
                )
        topics = {(topic.translation_key, topic.locale_id): topic.pk for topic in Topic.objects.all()}
        week_list = [LAST_WEEK - datetime.timedelta(weeks=n) for n in range(weeks)][::-1]
        ratings = plan_ratings(week_list, rng)
        counts = {"issues": 0, "commentaries": 0}
        for code in LANGUAGES:
            index = section_index(homes[code], "weekly")
            written = write_language(index, locales[code], week_list, ratings, topics)
            for key in counts:
                counts[key] += written[key]
    return counts


def plan_ratings(week_list, rng) -> dict:
    """(week, topic) → trend, the same in every language, drifting per topic.

    About 8 % of the weeks have no rating: mostly no commentary at all, sometimes a commentary without a
    trend (""). Both are gaps in the chart.
    """
    plan = {}
    late_start = week_list[len(week_list) * 9 // 10]  # "security" is a new topic: only the last tenth
    for topic in TOPICS:
        drift = rng.uniform(-0.3, 0.3)
        for week in week_list:
            if topic == "security" and week < late_start:
                continue
            if rng.random() < 0.08:
                if rng.random() < 0.3:
                    plan[(week, topic)] = ""
                continue
            roll = rng.gauss(drift, 1.0)
            plan[(week, topic)] = "improved" if roll > 0.6 else "worsened" if roll < -0.6 else "unchanged"
    return plan


def write_language(index, locale, week_list, ratings, topics) -> dict:
    """Insert one language's issues and commentaries under its weekly index, as Wagtail would lay them out."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from wagtail.models import Page

    from samvydat.core.services import translation_key_for
    from samvydat.weekly.models import CommentaryPage, WeeklyIssuePage

    issue_type = ContentType.objects.get_for_model(WeeklyIssuePage)
    commentary_type = ContentType.objects.get_for_model(CommentaryPage)
    now = timezone.now()
    issues, commentaries = [], []
    start = index.numchild
    for number, week in enumerate(week_list, start=start + 1):
        issue_path = Page._get_path(index.path, index.depth + 1, number)
        slug = week.isoformat()
        issue = WeeklyIssuePage(
            title="Situation in Belarus",
            draft_title="Situation in Belarus",
            slug=slug,
            path=issue_path,
            depth=index.depth + 1,
            url_path=f"{index.url_path}{slug}/",
            content_type=issue_type,
            locale=locale,
            translation_key=translation_key_for("weekly-issue", slug),
            live=True,
            first_published_at=now,
            last_published_at=now,
            week_start=week,
            week_end=week + datetime.timedelta(days=6),
        )
        children = 0
        for topic in TOPICS:
            trend = ratings.get((week, topic))
            if trend is None:
                continue
            children += 1
            key = f"w{slug}-{topic}"
            commentary_slug = f"{topic}-{slug}"
            topic_pk = topics[(translation_key_for("topic", topic), locale.pk)]
            title = f"{topic.replace('-', ' ').capitalize()}: the week of {slug}"
            commentaries.append(
                CommentaryPage(
                    title=title,
                    draft_title=title,
                    slug=commentary_slug,
                    path=Page._get_path(issue_path, index.depth + 2, children),
                    depth=index.depth + 2,
                    url_path=f"{issue.url_path}{commentary_slug}/",
                    content_type=commentary_type,
                    locale=locale,
                    translation_key=translation_key_for("page:weekly", key),
                    live=True,
                    first_published_at=now,
                    last_published_at=now,
                    date=week + datetime.timedelta(days=4),
                    topic_id=topic_pk,
                    trend=trend,
                    summary="A synthetic commentary for the dashboard benchmark.",
                    package_key=key,
                )
            )
        issue.numchild = children
        issues.append(issue)
    bulk_insert_pages(issues)
    bulk_insert_pages(commentaries)
    Page.objects.filter(pk=index.pk).update(numchild=start + len(issues))
    return {"issues": len(issues), "commentaries": len(commentaries)}


def bulk_insert_pages(pages: list) -> None:
    """Insert pages of one specific type: the ``wagtailcore_page`` rows in bulk, then the type's own rows."""
    from django.db import connection
    from wagtail.models import Page

    if not pages:
        return
    model = type(pages[0])
    base_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    bases = [Page(**{f.attname: getattr(page, f.attname) for f in base_fields}) for page in pages]
    for chunk in range(0, len(bases), 500):
        Page.objects.bulk_create(bases[chunk : chunk + 500])
    own_fields = list(model._meta.local_concrete_fields)
    for page, base in zip(pages, bases, strict=True):
        page.page_ptr_id = page.pk = base.pk
    columns = ", ".join(connection.ops.quote_name(f.column) for f in own_fields)
    marks = ", ".join(["%s"] * len(own_fields))
    rows = [[f.get_db_prep_save(f.pre_save(page, True), connection) for f in own_fields] for page in pages]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({marks})", rows
        )


# --- Measuring ---------------------------------------------------------------------------------------------
def pages_to_measure() -> list[tuple[str, str]]:
    from samvydat.weekly.models import TrendDashboardPage, WeeklyIndexPage, WeeklyIssuePage

    en = {"locale__language_code": "en"}
    dashboard = TrendDashboardPage.objects.live().get(**en).url
    index = WeeklyIndexPage.objects.live().get(**en).url
    issue = WeeklyIssuePage.objects.live().filter(**en).order_by("-week_start").first().url
    return [
        ("dashboard (default: 12 months)", dashboard),
        ("dashboard, 3 months", f"{dashboard}?period=3m"),
        ("dashboard, all weeks", f"{dashboard}?period=all"),
        ("dashboard, all weeks, one topic", f"{dashboard}?period=all&topic=economy"),
        ("dashboard, bad filter values", f"{dashboard}?period=zzz&topic=%00nope"),
        ("dashboard in Belarusian (12 months)", dashboard.replace("/en/", "/be/", 1)),
        ("topic page (all weeks)", f"{index}topics/economy/"),
        ("issue archive (all years)", index),
        ("latest issue (at a glance)", issue),
    ]


def measure(*, requests: int, console) -> list[dict]:
    import gc

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    results = []
    for name, url in pages_to_measure():
        for _ in range(5):  # warm-up: templates, translations, site root paths
            response = client.get(url)
            assert response.status_code == 200, f"{url}: HTTP {response.status_code}"
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        size = len(response.content)
        queries = len(captured.captured_queries)
        gc.collect()
        times, cpu = [], []
        for _ in range(requests):
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        times.sort()
        result = {
            "page": name,
            "url": url,
            "p50": statistics.median(times),
            "p95": times[min(len(times) - 1, round(0.95 * len(times)) - 1)],
            "cpu": statistics.median(cpu),
            "queries": queries,
            "kb": size / 1024,
        }
        console.print(
            f"  {name:<36} p50 {result['p50']:6.1f} ms  p95 {result['p95']:6.1f} ms  CPU {result['cpu']:6.1f} ms  "
            f"{queries:3} queries  "
            f"{result['kb']:7.1f} KB"
        )
        results.append(result)
    return results


def report(results: list[dict], build: dict, *, requests: int, console) -> None:
    from rich.table import Table

    from samvydat.weekly.models import CommentaryPage, WeeklyIssuePage

    en = {"locale__language_code": "en"}
    issues = WeeklyIssuePage.objects.filter(**en).count()
    rated = CommentaryPage.objects.filter(**en).exclude(trend="").count()
    table = Table(
        title=(
            f"Trend dashboard, {issues} weekly issues × 6 topics ({rated} rated commentaries per language, 3 "
            f"languages), SQLite, {requests} uncached requests per page; goal: dashboard p50 ≤ {GOAL_MS:g} ms"
        )
    )
    for column in ("page", "p50 ms", "p95 ms", "CPU p50 ms", "queries", "HTML KB", "URL"):
        table.add_column(column, justify="left" if column in ("page", "URL") else "right")
    for result in results:
        over = result["page"].startswith("dashboard") and result["p50"] > GOAL_MS
        p50 = f"[red]{result['p50']:.1f}[/]" if over else f"{result['p50']:.1f}"
        cells = (f"{result['p95']:.1f}", f"{result['cpu']:.1f}", str(result["queries"]), f"{result['kb']:.0f}")
        table.add_row(result["page"], p50, *cells, result["url"])
    console.print(table)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    console.print(
        f"CPU p50: the process's CPU time per request (less sensitive than wall time to other work on the machine; "
        f"load average now {load:.1f} on {os.cpu_count()} CPUs)."
    )
    console.print(
        f"Database: {build.get('issues', '?')} issues and {build.get('commentaries', '?')} commentaries in all "
        f"languages; built {build.get('built', '?')}."
    )


if __name__ == "__main__":
    main()
