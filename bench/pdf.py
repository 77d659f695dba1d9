"""PDF generation time per plan (``.venv/bin/python bench/pdf.py``; goal: p50 ≤ 2 s for a 10-page plan).

Builds a fresh SQLite database in bench/out/ with the site skeleton only, adds long plans in Belarusian,
Russian and English (sections are added until the PDF has the wanted number of pages), then times, for each:

- ``render``: the page → HTML → PDF bytes (WeasyPrint), what a worker or a download does for a stale PDF;
- ``generate``: the whole publish task with an empty cache (render, store the file, record it);
- ``cached``: a download's look-up when the cached PDF is fresh (no render).

Wall-clock times depend on what else the machine runs; the render's CPU time is printed beside them.

One warm-up render first (it loads WeasyPrint and registers the fonts: reported as "first render"), then
``--runs`` timed runs of each; p50 and max are printed.

    .venv/bin/python bench/pdf.py                 # 10-page plans, 7 runs
    .venv/bin/python bench/pdf.py --pages 20 --runs 3
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
GOAL_S = 2.0
LANGUAGES = ("be", "ru", "en")
SENTENCES = {
    "be": "Пераходны ўрад павінен забяспечыць стабільнасць фінансавай сістэмы, абараніць дэпазіты і падтрымаць "
    "людзей, якія страцілі працу за свае погляды. ",
    "ru": "Переходное правительство должно обеспечить стабильность финансовой системы, защитить депозиты и "
    "поддержать людей, потерявших работу за свои взгляды. ",
    "en": "The transitional government must keep the financial system stable, protect deposits and support "
    "the people who lost their jobs for their views. ",
}
TITLES = {"be": "Доўгі план па эканоміцы", "ru": "Длинный план по экономике", "en": "A long plan for the economy"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=10, help="pages per plan (default 10)")
    parser.add_argument("--runs", type=int, default=7, help="timed runs per plan (default 7)")
    args = parser.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    database = OUT / "bench-pdf.sqlite3"
    for path in OUT.glob("bench-pdf.sqlite3*"):
        path.unlink()
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("SAMVYDAT_BENCH_MEDIA", str(OUT / "media" / "bench-pdf"))
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.core.management import call_command
    from rich.console import Console

    console = Console(width=120)
    console.print(f"Preparing {database.relative_to(ROOT)} …")
    call_command("migrate", verbosity=0, interactive=False)
    from samvydat.core.services import site_skeleton_ensure

    site_skeleton_ensure()
    from samvydat.pdfs import rendering

    started = time.perf_counter()
    plans = {language: long_plan(language, args.pages) for language in LANGUAGES}
    console.print(f"Plans of {args.pages}+ pages made in {time.perf_counter() - started:.1f} s")

    first = timed(lambda: rendering.render_pdf(plans["be"]))  # in a fresh process: loads WeasyPrint and the fonts
    rows = [measure(plan, language, args.runs) for language, plan in plans.items()]
    report(rows, console, runs=args.runs, first=first, pages=args.pages)


def long_plan(language: str, pages: int):
    """A published plan with sections added until its PDF has at least ``pages`` pages."""
    from wagtail.rich_text import RichText

    from samvydat.pdfs import rendering
    from samvydat.plans.models import PlanIndexPage, PlanPage

    index = PlanIndexPage.objects.get(locale__language_code=language)
    plan = PlanPage(
        title=TITLES[language], slug="long-plan", date=datetime.date(2021, 3, 1), summary=SENTENCES[language]
    )
    index.add_child(instance=plan)
    sentence = SENTENCES[language]

    def section(number: int) -> list:
        return [
            ("heading", {"text": f"{number}", "level": "2"}),
            *[("paragraph", RichText(f"<p>{sentence * 4}</p>")) for _ in range(3)],
            ("paragraph", RichText(f"<ul>{f'<li>{sentence}</li>' * 3}</ul>")),
            ("quote", {"text": sentence, "attribution": "NAM"}),
        ]

    sections = pages  # about one section a page; then scaled until the PDF is long enough
    while True:
        plan.body = [block for number in range(1, sections + 1) for block in section(number)]
        made = page_count(rendering.render_pdf(plan))
        if made >= pages:
            break
        sections = max(sections + 1, -(-sections * pages // made))
    plan.save_revision().publish()
    plan.refresh_from_db()
    return plan


def page_count(content: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(content)).pages)


def timed(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def cpu_timed(function) -> float:
    """CPU time of the process: what the render itself costs, whatever else the machine is doing."""
    started = time.process_time()
    function()
    return time.process_time() - started


def measure(plan, language: str, runs: int) -> dict:
    from samvydat.pdfs import rendering
    from samvydat.pdfs.models import GeneratedPDF
    from samvydat.pdfs.services import pdf_ensure

    content = rendering.render_pdf(plan)
    render = [timed(lambda: rendering.render_pdf(plan)) for _ in range(runs)]
    render_cpu = [cpu_timed(lambda: rendering.render_pdf(plan)) for _ in range(runs)]
    generate = []
    for _ in range(runs):
        GeneratedPDF.objects.filter(page_id=plan.pk).delete()
        generate.append(timed(lambda: pdf_ensure(page=plan)))
    cached = [timed(lambda: pdf_ensure(page=plan)) for _ in range(runs)]
    return {
        "language": language,
        "pages": page_count(content),
        "sections": len(plan.sections()),
        "kb": len(content) / 1024,
        "render": render,
        "render_cpu": render_cpu,
        "generate": generate,
        "cached": cached,
    }


def report(rows: list[dict], console, *, runs: int, first: float, pages: int) -> None:
    from rich.table import Table

    table = Table(title=f"PDF generation per plan ({pages}+ pages), {runs} runs each (goal: p50 ≤ {GOAL_S:g} s)")
    columns = ("language", "pages", "sections", "PDF KB", "render p50 s", "render max s", "render CPU p50 s")
    for column in (*columns, "generate p50 s"):
        table.add_column(column, justify="left" if column == "language" else "right")
    table.add_column("cached look-up p50 ms", justify="right")
    for row in rows:
        p50 = statistics.median(row["render"])
        shown = f"{p50:.2f}" if p50 <= GOAL_S else f"[red]{p50:.2f}[/]"
        table.add_row(
            row["language"],
            str(row["pages"]),
            str(row["sections"]),
            f"{row['kb']:.0f}",
            shown,
            f"{max(row['render']):.2f}",
            f"{statistics.median(row['render_cpu']):.2f}",
            f"{statistics.median(row['generate']):.2f}",
            f"{1000 * statistics.median(row['cached']):.1f}",
        )
    console.print(table)
    console.print(f"First render in a fresh process (loads WeasyPrint, registers the fonts): {first:.2f} s")
    worst = max(statistics.median(row["generate"]) for row in rows)
    worst_cpu = max(statistics.median(row["render_cpu"]) for row in rows)
    for label, value in (("wall-clock, generate", worst), ("CPU, render", worst_cpu)):
        verdict = "[green]met[/]" if value <= GOAL_S else "[red]missed[/]"
        console.print(f"Goal p50 ≤ {GOAL_S:g} s per {pages}-page plan ({label}): {verdict} (slowest p50 {value:.2f} s)")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    if load is not None:
        console.print(f"Load average while measuring: {load:.1f} on {os.cpu_count()} CPUs (wall times grow with it)")


if __name__ == "__main__":
    main()
