"""Tasks for the worker tests: one that waits for a file (so a worker can be killed while running it)."""

import time
from pathlib import Path

from django_tasks import task

WAIT_LIMIT_SECONDS = 120


@task()
def wait_for_file(path: str) -> str:
    """Run until ``path`` exists (polling), then return its text."""
    deadline = time.monotonic() + WAIT_LIMIT_SECONDS
    while not Path(path).exists():
        if time.monotonic() > deadline:
            raise TimeoutError(path)
        time.sleep(0.05)
    return Path(path).read_text()


@task()
def write_file(path: str, text: str) -> None:
    Path(path).write_text(text)


@task()
def always_fails() -> None:
    raise ValueError("this task always fails")
