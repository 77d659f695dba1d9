"""What a content package may hold: files inside the package only, and bounded sizes.

No Django import: the bulk loader's reader processes use these checks before Django is set up; the limits come
from the settings ``PACKAGE_MAX_FILE_BYTES`` (one Markdown file) and ``PACKAGE_MAX_TOTAL_BYTES`` (every file of
the package, media included), passed in by the caller.
"""

import os
from pathlib import Path

from .errors import PackageProblem


def size_text(size: int) -> str:
    """``size`` bytes for people: "512 KB", "2.0 MB"."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def file_refusal(path: Path, *, root: Path, max_bytes: int) -> str | None:
    """Why the Markdown file at ``path`` may not be read, or None.

    A symlink (of the file or of a folder on its way) that leads outside ``root`` is refused: a package must not
    publish ``/etc/passwd`` or another package's drafts. A file larger than ``max_bytes`` is refused before it is
    read (Markdown and YAML need many times a file's size in memory).
    """
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return "the file cannot be read (a broken or looping symlink?)"
    if not target.is_relative_to(root.resolve()):
        return "the file is a symlink to a place outside the package: refused"
    size = target.stat().st_size
    if size > max_bytes:
        return (
            f"the file is {size_text(size)}, more than the {size_text(max_bytes)} a Markdown file may have "
            "(PACKAGE_MAX_FILE_BYTES)"
        )
    return None


def package_size_problems(root: Path, *, max_bytes: int) -> list[PackageProblem]:
    """A problem when the package's files (not following symlinks) add up to more than ``max_bytes``."""
    total = 0
    for folder, _dirs, files in os.walk(root, followlinks=False):
        for name in files:
            try:
                status = os.lstat(os.path.join(folder, name))
            except OSError:
                continue
            total += status.st_size
            if total > max_bytes:
                message = (
                    f"the package holds more than {size_text(max_bytes)} of files (PACKAGE_MAX_TOTAL_BYTES): "
                    "split it into several packages or raise the limit"
                )
                return [PackageProblem(root, 1, message)]
    return []
