"""A broken package is refused with file:line messages and nothing is written (unless --partial)."""

import textwrap
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from samvydat.news.models import NewsPage
from samvydat.packages.errors import PackageError
from samvydat.packages.services import package_import
from samvydat.weekly.models import CommentaryPage

pytestmark = pytest.mark.django_db

GOOD_NEWS = """\
---
title: A good news item
date: 2026-01-05
translationKey: news-good
summary: Fine.
---

Some **text**.
"""


def write(root: Path, relative: str, text: str) -> Path:
    path = root / "content" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(root: Path) -> list[str]:
    with pytest.raises(PackageError) as caught:
        package_import(path=root)
    return [str(problem) for problem in caught.value.problems]


def test_broken_yaml_names_file_and_line(tmp_path):
    write(tmp_path, "news/good.en.md", GOOD_NEWS)
    bad = write(
        tmp_path,
        "news/bad.en.md",
        "---\ntitle: Broken\ndate: 2026-01-05\nsummary: [unclosed\ntranslationKey: x\n---\nBody\n",
    )
    pages = Page.objects.count()
    problems = problems_of(tmp_path)
    assert len(problems) == 1
    assert problems[0].startswith(f"{bad}:")
    line = int(problems[0].split(":")[1])
    assert 4 <= line <= 6
    assert "YAML" in problems[0]
    assert Page.objects.count() == pages
    assert not NewsPage.objects.filter(slug="good").exists()


def test_unknown_section(tmp_path):
    bad = write(tmp_path, "videos/a.en.md", GOOD_NEWS)
    assert problems_of(tmp_path) == [
        f"{bad}:1: unknown section 'videos' (known: topics, people, plans, news, weekly, discussions, statements)"
    ]


def test_unknown_trend_points_at_its_line(tmp_path):
    bad = write(
        tmp_path,
        "weekly/a.en.md",
        """\
        ---
        title: A commentary
        date: 2021-02-12
        translationKey: w-a
        week: 2021-02-08
        topic: economy
        trend: sideways
        ---
        Body.
        """,
    )
    [problem] = problems_of(tmp_path)
    assert problem.startswith(f"{bad}:7: unknown trend 'sideways'")


def test_translation_without_source(tmp_path):
    bad = write(tmp_path, "news/orphan.be.md", GOOD_NEWS.replace("news-good", "news-orphan"))
    [problem] = problems_of(tmp_path)
    assert problem.startswith(f"{bad}:4: translation without its source")


def test_translation_of_an_item_already_on_the_site_is_accepted(tmp_path):
    existing = CommentaryPage.objects.filter(locale__language_code="en", package_key__startswith="w2021").first()
    assert existing is not None
    write(
        tmp_path,
        f"weekly/{existing.slug}.ru.md",
        f"""\
        ---
        title: Новый перевод
        date: {existing.date.isoformat()}
        translationKey: {existing.package_key}
        week: {existing.get_parent().specific.week_start.isoformat()}
        topic: economy
        trend: unchanged
        ---
        Текст.
        """,
    )
    report = package_import(path=tmp_path)
    assert report.items == 1
    assert (
        CommentaryPage.objects.get(locale__language_code="ru", package_key=existing.package_key).title
        == "Новый перевод"
    )


def test_missing_media_names_the_body_line(tmp_path):
    bad = write(
        tmp_path,
        "news/pic.en.md",
        GOOD_NEWS.replace("news-good", "news-pic")
        + "\nMore text.\n\n:::image\nsrc: media/nowhere.jpg\ncaption: Gone\n:::\n",
    )
    [problem] = problems_of(tmp_path)
    assert problem == f"{bad}:12: missing media file 'media/nowhere.jpg'"


def test_media_outside_the_package_is_refused(tmp_path):
    (tmp_path / "secret.jpg").write_bytes(b"not really")
    package = tmp_path / "pkg"
    write(
        package,
        "news/pic.en.md",
        GOOD_NEWS.replace("news-good", "news-pic").replace("summary: Fine.", "image: ../../../secret.jpg"),
    )
    [problem] = problems_of(package)
    assert "outside the package" in problem


def test_unknown_reference(tmp_path):
    bad = write(tmp_path, "news/a.en.md", GOOD_NEWS.replace("summary: Fine.", "authors: [nobody-at-all]"))
    [problem] = problems_of(tmp_path)
    assert problem == f"{bad}:5: unknown person 'nobody-at-all' in 'authors'"


def test_nothing_half_imported_and_partial_imports_the_good(tmp_path):
    write(tmp_path, "news/good.en.md", GOOD_NEWS)
    write(
        tmp_path,
        "news/bad.en.md",
        GOOD_NEWS.replace("news-good", "news-bad").replace("date: 2026-01-05", "date: someday"),
    )
    with pytest.raises(PackageError):
        package_import(path=tmp_path)
    assert not NewsPage.objects.filter(slug="good").exists()

    report = package_import(path=tmp_path, partial=True)
    assert report.items == 1
    assert [p.path.name for p in report.skipped] == ["bad.en.md"]
    assert NewsPage.objects.filter(slug="good", live=True).exists()


def test_command_reports_problems_and_fails(tmp_path, capsys):
    write(tmp_path, "news/bad.en.md", "no front matter here\n")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_content", str(tmp_path))
    assert "bad.en.md:1: the file must start with a '---' line" in capsys.readouterr().err


def test_draft_items_are_imported_unpublished(tmp_path):
    write(
        tmp_path,
        "news/draft.en.md",
        GOOD_NEWS.replace("news-good", "news-draft").replace("summary: Fine.", "draft: true"),
    )
    package_import(path=tmp_path)
    page = NewsPage.objects.get(slug="draft")
    assert not page.live
    assert page.get_latest_revision() is not None


COMMENTARY = """\
---
title: A commentary
date: {date}
translationKey: w-week-rules
week: {week}
topic: economy
trend: worsened
---
Body.
"""


def test_a_week_that_is_not_a_monday_points_at_its_line(tmp_path):
    bad = write(tmp_path, "weekly/a.en.md", COMMENTARY.format(date="2021-02-12", week="2021-02-10"))
    [problem] = problems_of(tmp_path)
    assert problem.startswith(f"{bad}:5: 'week' is the Monday the issue's week starts on: 2021-02-10 is a Wednesday")
    assert "2021-02-08" in problem  # the Monday it probably meant


@pytest.mark.parametrize("date", ["2021-02-07", "2021-02-22", "2026-12-02"])
def test_a_commentary_dated_outside_its_week_points_at_the_date(tmp_path, date):
    bad = write(tmp_path, "weekly/a.en.md", COMMENTARY.format(date=date, week="2021-02-08"))
    pages = Page.objects.count()
    [problem] = problems_of(tmp_path)
    assert problem.startswith(f"{bad}:3: 'date' of a commentary of the week of 2021-02-08 must lie")
    assert Page.objects.count() == pages
