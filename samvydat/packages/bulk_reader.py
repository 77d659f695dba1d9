"""Reading a package as a stream for the bulk loader, in worker processes when there are cores to spare.

No model imports here: worker processes start without Django set up (``spawn``) and need only the reader.
"""

import itertools
import multiprocessing
import os
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import yaml

from .errors import ItemError, PackageProblem
from .frontmatter import parse
from .limits import file_refusal
from .reader import FILENAME, PAGE_SECTIONS, SECTIONS, Item, check_item

#: The order package_import writes sections in (pages' ids follow it).
SECTION_ORDER = ("topics", "people", "plans", "news", "weekly", "discussions", "statements")
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: Files handed to the workers at a time; at most two windows are read ahead of the writer (bounded memory).
WINDOW = 2000


def default_workers() -> int:
    """Reader processes beside the writing one: one per spare core, at most three."""
    return max(0, min(3, (os.cpu_count() or 1) - 1))


def read_item(section: str, path: Path, languages: set[str], *, max_bytes: int) -> Item:
    """One file (``PATH/content/<section>/<file>``), parsed and checked as ``reader.read_package`` does.

    Raises ItemError. ``max_bytes``: the largest file read (``PACKAGE_MAX_FILE_BYTES``).
    """
    match = FILENAME.match(path.name)
    if not match:
        raise ItemError("file name must be <slug>.<lang>.md, slug in a-z, 0-9 and '-'")
    if match["lang"] not in languages:
        raise ItemError(f"unknown language '{match['lang']}' (known: {', '.join(sorted(languages))})")
    refusal = file_refusal(path, root=path.parents[2], max_bytes=max_bytes)
    if refusal:
        raise ItemError(refusal)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ItemError("the file is not UTF-8 text") from None
    try:
        document = parse(text, loader=FAST_LOADER)
    except ItemError:
        document = parse(text)  # libyaml words errors differently: say it as import_content does
    item = Item(section, match["slug"], match["lang"], path, document)
    check_item(item)
    return item


def read_or_problem(job: tuple[str, Path], languages: set[str], max_bytes: int) -> Item | PackageProblem:
    section, path = job
    try:
        return read_item(section, path, languages, max_bytes=max_bytes)
    except ItemError as error:
        return PackageProblem(path, error.line, error.message)


def section_paths(content: Path, section: str) -> list[Path]:
    folder = content / section
    if not folder.is_dir():
        return []
    return [folder / name for name in sorted(e.name for e in os.scandir(folder) if e.name.endswith(".md"))]


def unknown_sections(content: Path) -> list[PackageProblem]:
    problems = []
    for folder in sorted(p for p in content.iterdir() if p.is_dir() and p.name not in SECTIONS):
        where = next(iter(sorted(folder.glob("*.md"))), folder)
        problems.append(PackageProblem(where, 1, f"unknown section '{folder.name}' (known: {', '.join(SECTIONS)})"))
    return problems


def count_files(path: Path) -> int:
    content = Path(path) / "content"
    return sum(len(section_paths(content, section)) for section in SECTIONS) if content.is_dir() else 0


def page_items(content: Path, languages: set[str], *, workers: int, max_bytes: int) -> Iterator[Item | PackageProblem]:
    """Every page file, section by section in file-name order, read ``workers`` at a time (0: in this process)."""
    jobs = (
        (section, path)
        for section in SECTION_ORDER
        if section in PAGE_SECTIONS
        for path in section_paths(content, section)
    )
    read = partial(read_or_problem, languages=languages, max_bytes=max_bytes)
    if workers < 1:
        yield from map(read, jobs)
        return
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        windows = iter(lambda: list(itertools.islice(jobs, WINDOW)), [])
        ahead = None
        for window in windows:
            started = pool.imap(read, window, chunksize=50)
            if ahead is not None:
                yield from ahead
            ahead = started
        if ahead is not None:
            yield from ahead
