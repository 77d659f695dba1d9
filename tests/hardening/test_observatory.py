"""Every kind of response scores A+ (≥ 100) by the Mozilla HTTP Observatory's rules, with production's settings."""

import pytest

from samvydat.news.models import NewsPage
from samvydat.weekly.models import WeeklyIndexPage
from tests.hardening.observatory import csp_result, parse_csp, scorecard

pytestmark = pytest.mark.django_db
HOST = "samvydat.example"
PROBE_ORIGIN = "https://attacker.example"


def score(client, path: str):
    https_response = client.get(path, secure=True, HTTP_HOST=HOST, HTTP_ORIGIN=PROBE_ORIGIN)
    http_response = client.get(path, secure=False, HTTP_HOST=HOST)
    return https_response, scorecard(
        https_response=https_response, http_response=http_response, host=HOST, probe_origin=PROBE_ORIGIN
    )


def reader_paths() -> list[str]:
    news = NewsPage.objects.live().filter(locale__language_code="be").first()
    weekly = WeeklyIndexPage.objects.live().filter(locale__language_code="ru").first()
    return ["/en/", news.url, weekly.url, "/en/feeds/all.rss"]


def test_reader_pages_score_a_plus(client, production_headers):
    for path in reader_paths():
        response, card = score(client, path)
        assert response.status_code == 200, path
        assert card.score >= 100, f"{path}\n{card}"
        assert card.results["content-security-policy"][0] == "csp-implemented-with-no-unsafe-default-src-none", path
        assert card.results["cookies"][0] == "cookies-not-found", path


def test_admin_login_scores_a_plus_with_its_cookies(client, production_headers):
    response, card = score(client, "/admin/login/")
    assert response.status_code == 200
    assert card.score >= 100, str(card)
    # The admin's policy allows inline styles (Wagtail's widgets write them), never inline scripts.
    assert card.results["content-security-policy"][0] == "csp-implemented-with-unsafe-inline-in-style-src-only"
    assert "'unsafe-inline'" not in parse_csp(response["Content-Security-Policy"])["script-src"]


def test_health_endpoint_and_not_found_score_a_plus(client, production_headers):
    for path, status in (("/healthz", 200), ("/en/no-such-page/", 404)):
        response, card = score(client, path)
        assert response.status_code == status
        assert card.score >= 100, f"{path}\n{card}"


def test_required_headers_on_a_reader_page(client, production_headers):
    response = client.get("/en/", secure=True, HTTP_HOST=HOST)
    max_age = int(response["Strict-Transport-Security"].split("max-age=")[1].split(";")[0])
    assert max_age >= 365 * 24 * 3600
    assert "includeSubDomains" in response["Strict-Transport-Security"]
    policy = parse_csp(response["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_admin_cookies_are_secure_httponly_and_samesite(client, production_headers):
    response = client.get("/admin/login/", secure=True, HTTP_HOST=HOST)
    assert response.cookies, "the login page sets its CSRF cookie"
    for morsel in response.cookies.values():
        assert morsel["secure"] and morsel["httponly"] and morsel["samesite"] == "Lax", morsel.output()


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        (None, -25),
        ("default-src 'none'; script-src 'self'", 10),
        ("default-src 'self'", 5),
        ("default-src 'self'; style-src 'self' 'unsafe-inline'", 0),
        ("default-src 'self'; script-src 'self' 'unsafe-eval'", -10),
        ("default-src 'self'; script-src 'self' 'unsafe-inline'", -20),
        ("default-src 'self'; script-src 'nonce-abc' 'unsafe-inline'", 5),
        ("script-src 'self'", -20),  # object-src unrestricted
        ("default-src 'self'; img-src http://images.example", -10),
        ("default-src 'self'; default-src 'none'", -25),
    ],
)
def test_the_csp_rules_themselves(policy, expected):
    """The scorer must be able to fail: known policies get the published modifiers."""
    assert csp_result(policy)[1] == expected
