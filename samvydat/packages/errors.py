"""Errors found in a content package, each tied to a file and a line."""

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PackageProblem:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class PackageError(Exception):
    """One or more problems that stop an import; nothing was written."""

    def __init__(self, problems: list[PackageProblem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


class ItemError(Exception):
    """A problem with one item, found while reading or writing it."""

    def __init__(self, message: str, line: int = 1):
        self.message = message
        self.line = line
        super().__init__(message)
