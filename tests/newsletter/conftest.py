"""Fixtures for the newsletter tests: a real SMTP server (aiosmtpd) on loopback, subscribers, editors."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches

from samvydat.newsletter import crypto
from samvydat.newsletter.addresses import address_index_form
from samvydat.newsletter.models import Subscriber

from .smtp_sink import SmtpSink


@pytest.fixture(autouse=True)
def _fresh_limits():
    """The caps on confirmation mails count in the shared limits cache: every test starts from zero."""
    from samvydat.security import ratelimit

    caches["limits"].clear()
    ratelimit._fallback.clear()
    yield
    caches["limits"].clear()


@pytest.fixture
def smtp(settings):
    """A running aiosmtpd; Django's and the newsletter's mail go to it over real SMTP."""
    sink = SmtpSink().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    yield sink.handler
    sink.stop()


@pytest.fixture
def make_subscriber(db):
    def make(address: str, *, language: str = "en", status: str = Subscriber.Status.CONFIRMED) -> Subscriber:
        return Subscriber.objects.create(
            email_index=crypto.address_index(address_index_form(address)),
            email_encrypted=crypto.address_encrypt(address),
            language=language,
            status=status,
        )

    return make


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("newsletter-editor", "editor@example.org", "x" * 16)
