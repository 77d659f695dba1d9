"""Shared fixtures. The demo content package is imported once per test session into the test database."""

import os

import pytest
from django.conf import settings

REQUIRE_SERVICES = os.environ.get("SAMVYDAT_REQUIRE_SERVICES") == "1"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory):
    """The test database with the demo site in it (every test's changes are rolled back)."""
    from samvydat.packages.services import package_import

    settings.MEDIA_ROOT = str(tmp_path_factory.getbasetemp() / "media")
    from samvydat.pdfs.signals import pdfs_paused

    # PDFs are made on first download in tests; generating all of the demo's up front costs ~20 s per session.
    with django_db_blocker.unblock(), pdfs_paused():
        package_import(path=settings.BASE_DIR / "demo")


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path_factory):
    settings.MEDIA_ROOT = str(tmp_path_factory.getbasetemp() / "media")


def skip_or_fail(reason: str):
    """Missing services fail the run in CI (SAMVYDAT_REQUIRE_SERVICES=1) and skip loudly elsewhere."""
    if REQUIRE_SERVICES:
        pytest.fail(f"required service missing: {reason}")
    pytest.skip(f"SKIPPED LOUDLY — {reason}")
