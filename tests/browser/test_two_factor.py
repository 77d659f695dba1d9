"""In a real browser: no admin page without the second factor, enrolment works, a recovery code works once."""

import sys
from pathlib import Path

import pytest

from . import two_factor
from .conftest import _SITE_ENV, REPO_ROOT, _new_visit, _run

pytestmark = pytest.mark.browser
USERNAME = "browser-2fa-editor"
PASSWORD = "another-long-browser-password-456"


@pytest.fixture(scope="module")
def new_editor(site_url):
    """A superuser who has never signed in (no authenticator yet), as ``make admin`` makes."""
    env = {**_SITE_ENV, "DJANGO_SUPERUSER_PASSWORD": PASSWORD}
    args = ["createsuperuser", "--noinput", "--username", USERNAME, "--email", "2fa@example.org"]
    _run(
        [sys.executable, str(REPO_ROOT / "manage.py"), *args], env, Path(_SITE_ENV["MEDIA_ROOT"]).parent / "server.log"
    )
    return USERNAME


def sign_in_with_password(visit, username):
    visit.page.goto(f"{visit.site_url}/admin/login/")
    visit.page.fill("input[name=username]", username)
    visit.page.fill("input[name=password]", PASSWORD)
    visit.page.click("button[type=submit]")
    visit.page.wait_for_url("**/admin/2fa/**")


@pytest.fixture(scope="module")
def enrolment(browser, site_url, new_editor):
    """Sign in for the first time and enrol, recording what the browser saw on the way."""
    seen = {}
    visit = _new_visit(browser, site_url)
    try:
        sign_in_with_password(visit, new_editor)
        seen["after_password"] = visit.path()
        for path in ("/admin/", "/admin/pages/", "/admin/users/"):
            visit.page.goto(site_url + path)
            seen.setdefault("admin_pages", []).append(visit.path())
        seen["qr_code"] = visit.page.locator("svg.two-factor-qr").count()
        visit.page.fill("input[name=code]", "000000")
        with visit.page.expect_navigation():
            visit.page.click("form.login-form button[type=submit]")
        seen["wrong_code_error"] = visit.page.locator(".messages .error").inner_text()
        state = two_factor.SecondFactor()
        two_factor.enrol(visit.page, state, throttled=True)
        seen["after_enrolment"] = visit.path()
        seen["state"] = state
        visit.screenshot("admin-two-factor-enrolled")
    finally:
        visit.context.close()
    return seen


def test_a_password_alone_reaches_no_admin_page(enrolment):
    assert enrolment["after_password"] == "/admin/2fa/enrol/"
    assert enrolment["admin_pages"] == ["/admin/2fa/enrol/"] * 3


def test_enrolment_with_a_qr_code_and_recovery_codes(enrolment):
    assert enrolment["qr_code"] == 1
    assert "not right" in enrolment["wrong_code_error"]
    assert len(enrolment["state"].recovery_codes) == 10
    assert enrolment["after_enrolment"] == "/admin/users/"  # the last admin page asked for, now opened


def test_a_recovery_code_works_once(browser, site_url, enrolment):
    code = enrolment["state"].recovery_codes[0]
    first = _new_visit(browser, site_url)
    try:
        sign_in_with_password(first, USERNAME)
        assert first.path() == "/admin/2fa/verify/"
        first.page.fill("input[name=code]", code)
        first.page.click("form.login-form button[type=submit]")
        first.page.wait_for_url(lambda url: "/admin/2fa/" not in url)
        assert first.path() == "/admin/"
        assert "recovery code" in first.page.locator(".messages").inner_text()
    finally:
        first.context.close()

    second = _new_visit(browser, site_url)
    try:
        sign_in_with_password(second, USERNAME)
        second.page.fill("input[name=code]", code)
        with second.page.expect_navigation():
            second.page.click("form.login-form button[type=submit]")
        assert second.path() == "/admin/2fa/verify/"
        assert "not right" in second.page.locator(".messages .error").inner_text()
        second.page.goto(site_url + "/admin/pages/")
        assert second.path() == "/admin/2fa/verify/"
    finally:
        second.context.close()
