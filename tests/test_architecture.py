"""The house: a section never imports another section, and neither ``core`` nor the people app imports any (issue 18).

Sections contribute to what others show through Wagtail hooks of ours (``people.lists.PERSON_LISTS_HOOK``,
``core.home_sections.HOME_SECTIONS_HOOK``), so a new section needs no edit elsewhere. Read from the source with ``ast``, so a lazy import inside a function counts.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "samvydat"
SECTIONS = {"news", "plans", "weekly", "discussions", "statements"}


def imported_apps(app: str) -> dict[str, set[str]]:
    """The samvydat apps each file of ``app`` imports: {app name: {files}}."""
    found: dict[str, set[str]] = {}
    for path in (PACKAGE / app).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                parts = name.split(".")
                if parts[0] == "samvydat" and len(parts) > 1 and parts[1] != app:
                    found.setdefault(parts[1], set()).add(str(path.relative_to(PACKAGE)))
    return found


@pytest.mark.parametrize("app", sorted(SECTIONS | {"people", "core"}))
def test_no_section_is_imported_by_another_section_by_people_or_by_core(app):
    crossings = {other: files for other, files in imported_apps(app).items() if other in SECTIONS}
    assert crossings == {}


def test_core_imports_neither_people_nor_any_app_above_it():
    assert set(imported_apps("core")) & (SECTIONS | {"people"}) == set()


def test_every_section_contributes_to_the_home_page_through_the_hook():
    from samvydat.core.home_sections import home_sections

    assert {section.key for section in home_sections()} == {"issue", "news", "plans", "discussions", "statements"}
