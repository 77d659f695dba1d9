"""Reading a mirror in tests: fingerprints of its files, what changed, and links that lead nowhere."""

import hashlib
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from samvydat.mirror.paths import file_for

LINK = re.compile(r"""\s(?:href|src)=["']([^"'#][^"']*)["']""")


def snapshot(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file() and "pagefind" not in p.parts
    }


def changed_files(before: dict, after: dict) -> set[str]:
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def files_of(addresses) -> set[str]:
    return {file_for(*address.partition("?")[::2]) for address in addresses}


def links_to(root: Path, file: Path) -> list[str]:
    """Every link in the mirror's pages that leads to ``file``."""
    return [
        f"{path.relative_to(root)} → {link}"
        for path in root.rglob("*.html")
        for link in LINK.findall(path.read_text())
        if (path.parent / unquote(link.partition("#")[0])).resolve() == file.resolve()
    ]


def broken_links(root: Path) -> list[str]:
    """Links of the mirror's pages to files that are not there (the search index's files aside)."""
    broken = []
    for path in root.rglob("*.html"):
        if "pagefind" in path.parts:
            continue
        for link in LINK.findall(path.read_text()):
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            if not (path.parent / unquote(parts.path)).resolve().is_file():
                broken.append(f"{path.relative_to(root)} → {link}")
    return broken
