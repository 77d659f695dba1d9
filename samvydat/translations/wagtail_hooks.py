"""Admin hooks of the translation app. Each part of the app registers its own hooks in its module."""

from . import digest_hooks, labelled_hooks, machine_hooks, status_hooks, workflow_hooks  # noqa: F401
