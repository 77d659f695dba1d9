"""The mirror export under the documented deployment's settings (samvydat.settings.production): hashed static
files from the manifest, SECURE_SSL_REDIRECT on, DEBUG off. It used to fail on the search page (the exporter's own
``mirror/namekey-rules.js`` has no manifest entry) and, with --keep-going, to skip every page as a 301 to https://."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command

from samvydat.mirror import selectors
from samvydat.mirror.paths import file_for
from samvydat.mirror.storage import live_root
from tests.hardening.conftest import production_values

pytestmark = pytest.mark.django_db
_PRODUCTION = ("SECURE_", "DEBUG", "STORAGES", "MIDDLEWARE", "SESSION_COOKIE_", "CSRF_COOKIE_")
_HASHED_STATIC = re.compile(r"""(?:src|href)="((?:\.\./)*static/[^"]+\.[0-9a-f]{12}\.(?:css|js|svg))\"""")


@pytest.fixture
def production_static(settings, monkeypatch, tmp_path) -> Path:
    """Production's settings on this test, its static files collected (hashed, with a manifest) into a tmp root."""
    values = production_values(monkeypatch)
    for name, value in values.items():
        if name.startswith(_PRODUCTION):
            setattr(settings, name, value)
    assert settings.SECURE_SSL_REDIRECT and not settings.DEBUG
    assert "Manifest" in settings.STORAGES["staticfiles"]["BACKEND"]
    settings.ALLOWED_HOSTS = ["samvydat.example"]
    settings.STATIC_ROOT = str(tmp_path / "static")
    call_command("collectstatic", interactive=False, verbosity=0)
    return tmp_path / "static"


def test_export_under_production_settings_renders_every_page(production_static, tmp_path):
    from samvydat.mirror.services import mirror_export

    out = tmp_path / "site"
    report = mirror_export(out=out, search=False)  # no --keep-going: any failing address would raise
    assert not report.errors
    redirects = [line for line in report.skipped if "(301)" in line or "(302)" in line]
    assert not redirects, redirects[:10]
    root = live_root(out)
    expected = [url for _pk, url in selectors.page_urls()]
    missing = [url for url in expected if not (root / file_for(url)).is_file()]
    assert not missing, missing[:10]
    assert report.pages >= len(expected)

    checked = 0
    for page in [*root.glob("*/index.html"), *root.glob("*/search/index.html")]:
        html = page.read_text(encoding="utf-8")
        assert html.lstrip().lower().startswith("<!doctype html>"), page
        hashed = _HASHED_STATIC.findall(html)
        assert hashed, f"{page}: no hashed static file"
        for link in hashed:
            assert (page.parent / link).resolve().is_file(), f"{page}: {link} is not in the export"
            checked += 1
    assert checked
    search = (root / "en" / "search" / "index.html").read_text(encoding="utf-8")
    assert 'src="../../static/mirror/namekey-rules.js"' in search
    assert (root / "static" / "mirror" / "namekey-rules.js").read_text().startswith("window.SAMVYDAT_NAME_KEY_RULES")
