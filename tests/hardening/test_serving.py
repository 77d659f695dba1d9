"""The production server's surroundings: the health endpoint, JSON request logs without IP addresses, the deploy
check and the public templates' freedom from inline script and style."""

import json
import logging
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.db import connection

from samvydat.serving.logs import JsonFormatter
from tests.hardening.conftest import PRODUCTION_ENV

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_health_endpoint_answers_without_cookie_or_cache(client, page_cache):
    for _ in range(2):
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json() == {"status": "ok", "database": "ok"}
        assert not response.cookies
        assert "no-store" in response["Cache-Control"]
        assert response["X-Page-Cache"] == "bypass"  # never from the page cache


@pytest.mark.django_db
def test_health_endpoint_says_503_when_the_database_fails(client):
    def broken(execute, sql, params, many, context):
        from django.db import OperationalError

        raise OperationalError("connection refused")

    with connection.execute_wrapper(broken):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


@pytest.mark.django_db
def test_one_json_line_per_request_without_addresses_or_queries(client, page_cache, caplog):
    handler = logging.StreamHandler()
    caplog.set_level(logging.INFO, logger="samvydat.requests")
    client.get("/en/?utm_source=secret-campaign", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.9")
    client.get("/en/?utm_source=secret-campaign", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.9")
    client.get("/en/search/?q=secret+words", REMOTE_ADDR="203.0.113.7")
    records = [record for record in caplog.records if record.name == "samvydat.requests"]
    assert len(records) == 3
    handler.setFormatter(JsonFormatter())
    lines = [handler.format(record) for record in records]
    for line in lines:
        assert "\n" not in line
        assert "203.0.113.7" not in line and "198.51.100.9" not in line
        assert "secret" not in line
    first, second, third = (json.loads(line) for line in lines)
    assert first["path"] == "/en/" and first["status"] == 200 and first["cache"] == "miss"
    assert second["cache"] == "hit" and second["duration_ms"] >= 0 and second["bytes"] > 0
    assert third["path"] == "/en/search/" and third["cache"] == "bypass"


def test_production_settings_pass_the_deploy_check(tmp_path):
    env = {
        **os.environ,
        **PRODUCTION_ENV,
        "DJANGO_SETTINGS_MODULE": "samvydat.settings.production",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **production_secrets(),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests in this process, never in production
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def production_secrets() -> dict[str, str]:
    """Keys other apps require in production (each app's own checks say which), made up for this test."""
    from cryptography.fernet import Fernet

    return {
        "NEWSLETTER_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "NEWSLETTER_INDEX_KEY": Fernet.generate_key().decode(),
        "NEWSLETTER_SUPPRESSION_KEY": Fernet.generate_key().decode(),
        "SUBMISSIONS_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "OTP_SEED_KEY": Fernet.generate_key().decode(),
    }


# --- No inline script or style in what readers get ------------------------------------------------------------
TEMPLATE_DIRS = [REPO_ROOT / "samvydat" / "templates", *sorted((REPO_ROOT / "samvydat").glob("*/templates"))]
# Templates that never reach a reader's browser: the admin's, e-mails, WeasyPrint's print templates.
NOT_SERVED_TO_READERS = {"pdfs", "mail", "email", "emails", "admin", "wagtailadmin", "wagtailsnippets"}


def reader_templates():
    for directory in TEMPLATE_DIRS:
        for template in directory.rglob("*.html"):
            parts = set(template.relative_to(directory).parts[:-1])
            if not parts & NOT_SERVED_TO_READERS and not any(part.endswith("_admin") for part in parts):
                yield template


class InlineFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "style" in attributes:
            self.found.append(f"<{tag} style=…>")
        if any(name.startswith("on") for name in attributes):
            self.found.append(f"<{tag} on…=>")
        if tag == "style":
            self.found.append("<style>")
        if tag == "script" and not attributes.get("src") and attributes.get("type") != "application/ld+json":
            self.found.append("<script> without src")


def test_public_templates_have_no_inline_script_or_style():
    offenders = []
    for template in reader_templates():
        text = template.read_text()
        if re.search(r"<style\b|\sstyle=|\son[a-z]+=", text) or re.search(
            r"<script(?![^>]*\bsrc=)(?![^>]*ld\+json)", text
        ):
            offenders.append(str(template.relative_to(REPO_ROOT)))
    assert not offenders, f"inline script or style in {offenders}"


@pytest.mark.django_db
def test_rendered_reader_pages_have_no_inline_script_or_style(client):
    from samvydat.news.models import NewsPage
    from samvydat.weekly.models import TrendDashboardPage, WeeklyIssuePage

    paths = ["/en/", "/be/", "/ru/"] + [
        model.objects.live().filter(locale__language_code="en").first().url
        for model in (NewsPage, WeeklyIssuePage, TrendDashboardPage)
    ]
    for path in paths:
        finder = InlineFinder()
        finder.feed(client.get(path).content.decode())
        assert not finder.found, f"{path}: {finder.found}"
