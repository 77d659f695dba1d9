"""Fixtures for the hardening tests: production's security settings on the test client, and the page cache."""

import importlib
import secrets
import sys

import pytest
from django.core.cache import caches

PRODUCTION_ENV = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "samvydat.example,testserver",
}
# The production settings a response's headers depend on (the rest — database, static storage, logging — do not).
_HEADER_SETTINGS = ("SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_", "X_FRAME_OPTIONS", "CONTENT_SECURITY_POLICY")


def production_values(monkeypatch) -> dict:
    """The settings of ``samvydat.settings.production`` as an operator's environment would make them."""
    for name, value in PRODUCTION_ENV.items():
        monkeypatch.setenv(name, value)
    saved = {name: sys.modules.pop(name, None) for name in ("samvydat.settings.base", "samvydat.settings.production")}
    try:
        module = importlib.import_module("samvydat.settings.production")
    finally:
        for name, loaded in saved.items():
            sys.modules.pop(name, None)
            if loaded is not None:
                sys.modules[name] = loaded
    return {name: getattr(module, name) for name in dir(module) if name.isupper()}


@pytest.fixture
def production_headers(settings, monkeypatch):
    """Production's security-header settings applied to this test's Django settings."""
    values = production_values(monkeypatch)
    for name, value in values.items():
        if name.startswith(_HEADER_SETTINGS):
            setattr(settings, name, value)
    settings.ALLOWED_HOSTS = ["samvydat.example", "testserver"]
    return values


@pytest.fixture
def page_cache(settings):
    """The full-page cache switched on, empty before and after the test."""
    settings.PAGE_CACHE_ENABLED = True
    cache = caches[settings.PAGE_CACHE_ALIAS]
    cache.clear()
    yield cache
    cache.clear()
