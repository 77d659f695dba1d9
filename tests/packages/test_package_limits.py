"""What a package may hold: no symlink out of it, bounded file and package sizes, YAML errors at their line."""

import textwrap
from pathlib import Path

import pytest

from samvydat.news.models import NewsPage
from samvydat.packages.errors import PackageError
from samvydat.packages.services import package_import

pytestmark = pytest.mark.django_db

NEWS = """\
---
title: {title}
date: 2026-01-05
translationKey: {key}
---

Body.
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


def test_a_markdown_symlink_out_of_the_package_is_refused(tmp_path):
    secret = tmp_path / "elsewhere" / "drafts.en.md"
    secret.parent.mkdir()
    secret.write_text(NEWS.format(title="Someone else's draft", key="secret-draft"), encoding="utf-8")
    package = tmp_path / "package"
    write(package, "news/good.en.md", NEWS.format(title="Good", key="good"))
    link = package / "content" / "news" / "leak.en.md"
    link.symlink_to(secret)
    assert problems_of(package) == [f"{link}:1: the file is a symlink to a place outside the package: refused"]
    assert not NewsPage.objects.filter(title__in=["Someone else's draft", "Good"]).exists()


def test_a_section_folder_symlinked_out_of_the_package_is_refused(tmp_path):
    outside = tmp_path / "outside"
    write(outside, "news/x.en.md", NEWS.format(title="Outside", key="outside"))
    package = tmp_path / "package"
    (package / "content").mkdir(parents=True)
    (package / "content" / "news").symlink_to(outside / "content" / "news", target_is_directory=True)
    problems = problems_of(package)
    assert len(problems) == 1 and "symlink to a place outside the package" in problems[0]


def test_a_symlink_inside_the_package_is_followed(tmp_path):
    shared = tmp_path / "shared" / "one.en.md"
    shared.parent.mkdir()
    shared.write_text(NEWS.format(title="Shared", key="shared-one"), encoding="utf-8")
    (tmp_path / "content" / "news").mkdir(parents=True)
    (tmp_path / "content" / "news" / "one.en.md").symlink_to(shared)
    package_import(path=tmp_path)
    assert NewsPage.objects.filter(title="Shared").exists()


def test_an_oversized_markdown_file_is_refused_before_it_is_read(tmp_path, settings):
    settings.PACKAGE_MAX_FILE_BYTES = 64 * 1024
    big = write(tmp_path, "news/big.en.md", NEWS.format(title="Big", key="big") + "word " * 20_000)
    assert problems_of(tmp_path) == [
        f"{big}:1: the file is 98 KB, more than the 64 KB a Markdown file may have (PACKAGE_MAX_FILE_BYTES)"
    ]


def test_the_default_file_limit_refuses_the_50_mb_file_of_issue_12(tmp_path, settings):
    assert settings.PACKAGE_MAX_FILE_BYTES <= 5 * 1024 * 1024
    path = write(tmp_path, "news/huge.en.md", NEWS.format(title="Huge", key="huge"))
    with path.open("a", encoding="utf-8") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB without writing them
    (problem,) = problems_of(tmp_path)
    assert "the file is 50.0 MB, more than the 2.0 MB" in problem


def test_a_package_larger_than_the_total_limit_is_refused(tmp_path, settings):
    settings.PACKAGE_MAX_TOTAL_BYTES = 10_000
    write(tmp_path, "news/a.en.md", NEWS.format(title="A", key="a"))
    media = tmp_path / "content" / "news" / "media" / "big.pdf"
    media.parent.mkdir()
    media.write_bytes(b"%PDF" + b"0" * 20_000)
    (problem,) = problems_of(tmp_path)
    assert problem.startswith(f"{tmp_path}:1: the package holds more than 10 KB of files (PACKAGE_MAX_TOTAL_BYTES)")


@pytest.mark.parametrize(
    ("front_matter", "line"),
    [
        ("title: Broken\ndate: 2026-01-05\nsummary: [unclosed\ntranslationKey: x\n", 4),
        ('title: "Broken\ndate: 2026-01-05\ntranslationKey: x\n', 2),
        ("title: Broken\nsummary: a: b\ntranslationKey: x\n", 3),
        ("title: Broken\ndate: 2026-01-05\n\tsummary: tab\n", 4),
    ],
)
def test_broken_front_matter_names_the_line_at_fault(tmp_path, front_matter, line):
    bad = write(tmp_path, "news/bad.en.md", f"---\n{front_matter}---\nBody\n")
    (problem,) = problems_of(tmp_path)
    assert problem.startswith(f"{bad}:{line}: broken YAML front matter")


def test_broken_yaml_in_a_fence_names_the_line_at_fault(tmp_path):
    body = "Text.\n\n:::links\ntitle: [unclosed\nitems: []\n:::\n"
    bad = write(tmp_path, "news/bad.en.md", NEWS.format(title="Bad", key="bad").replace("Body.\n", body))
    (problem,) = problems_of(tmp_path)
    assert problem.startswith(f"{bad}:10: broken YAML in ':::links'")  # the line of the '[', not the next


def test_the_bulk_loader_refuses_a_symlink_out_and_an_oversized_file_too(tmp_path, settings):
    from samvydat.packages.services import corpus_bulk_load
    from tests.packages.test_bulk_loader import _empty_the_site

    _empty_the_site()
    secret = tmp_path / "elsewhere.en.md"
    secret.write_text(NEWS.format(title="Someone else's draft", key="secret-draft"), encoding="utf-8")
    package = tmp_path / "package"
    write(package, "news/good.en.md", NEWS.format(title="Good", key="good"))
    link = package / "content" / "news" / "leak.en.md"
    link.symlink_to(secret)
    settings.PACKAGE_MAX_FILE_BYTES = 64 * 1024
    big = write(package, "news/big.en.md", NEWS.format(title="Big", key="big") + "word " * 20_000)
    with pytest.raises(PackageError) as caught:
        corpus_bulk_load(path=package, workers=0)
    problems = sorted(str(problem) for problem in caught.value.problems)
    assert problems == sorted(
        [
            f"{link}:1: the file is a symlink to a place outside the package: refused",
            f"{big}:1: the file is 98 KB, more than the 64 KB a Markdown file may have (PACKAGE_MAX_FILE_BYTES)",
        ]
    )
    assert not NewsPage.objects.filter(title__in=["Good", "Someone else's draft"]).exists()
