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


@pytest.fixture
def log_in_editor():
    """Log a user in to the admin on a Django test client.

    The one place tests learn how editors authenticate: the admin requires a password and a second factor
    (samvydat.accounts), so the user gets a confirmed authenticator app and the session is marked verified,
    as django_otp.login does after a right code. tests/editors/ test the real enrolment and code forms.
    """
    from django_otp import DEVICE_ID_SESSION_KEY

    from samvydat.accounts.models import SealedTOTPDevice as TOTPDevice

    def log_in(client, user):
        client.force_login(user)
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        device = device or TOTPDevice.objects.create(user=user, name="test authenticator", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return client

    return log_in


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language: a view that activated another one must not leak into the next."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
