"""The Content-Security-Policy in a real browser: readers' pages and the admin pages editors use raise no CSP
violation (Chromium reports every blocked script, style, frame or image as a ``securitypolicyviolation`` event
and a console error), and readers still get no cookie."""

import re

import pytest

pytestmark = pytest.mark.browser

# Collects violations from the first moment of every document (Playwright's init scripts run before the page's).
VIOLATION_RECORDER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile || ""}:${event.lineNumber || ""} (${(event.sample || "").slice(0, 80)})`);
});
"""


def csp_violations(visit) -> list[str]:
    events = visit.page.evaluate("window.__cspViolations || []")
    console = [text for text in visit.recorder.console_errors if "Content Security Policy" in text]
    return events + console


def open_and_check(visit, path: str) -> list[str]:
    response = visit.page.goto(visit.site_url + path)
    assert response is not None and response.status == 200, f"{path}: {response and response.status}"
    assert "Content-Security-Policy" in {name.title() for name in response.headers}, f"{path}: no CSP header"
    visit.page.wait_for_load_state("networkidle")
    return [f"{path}: {violation}" for violation in csp_violations(visit)]


def test_reader_pages_raise_no_csp_violation(visit):
    visit.context.add_init_script(VIOLATION_RECORDER)
    violations = []
    for path in ("/en/", "/be/", "/ru/"):
        violations += open_and_check(visit, path)
    # One of each kind of page the home page links to (articles, listings, the dashboard).
    links = visit.page.eval_on_selector_all("main a[href^='/ru/']", "links => links.map(a => a.getAttribute('href'))")
    for path in list(dict.fromkeys(links))[:6]:
        violations += open_and_check(visit, path)
    assert not violations, "\n".join(violations)
    visit.assert_clean()


ADMIN_PATHS = [
    "/admin/",
    "/admin/pages/",
    "/admin/images/",
    "/admin/documents/",
    "/admin/snippets/",
    "/admin/reports/site-history/",
    "/admin/users/",
]


def test_admin_pages_raise_no_csp_violation(editor_visit):
    editor_visit.context.add_init_script(VIOLATION_RECORDER)
    violations = []
    for path in ADMIN_PATHS:
        violations += open_and_check(editor_visit, path)
    assert not violations, "\n".join(dict.fromkeys(violations))


def test_the_page_editor_raises_no_csp_violation(editor_visit):
    editor_visit.context.add_init_script(VIOLATION_RECORDER)
    violations = []

    # The page editor (Draftail, StreamField, choosers, the live preview panel) is the admin's busiest page: the
    # first page under the first home page in the explorer.
    def links(pattern: str) -> list[str]:
        hrefs = editor_visit.page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
        return [match.group(0) for href in hrefs if (match := re.search(pattern, href))]

    editor_visit.page.goto(editor_visit.site_url + "/admin/pages/")
    explorers = links(r"/admin/pages/\d+/$")
    assert explorers, "no page tree in the explorer"
    editor_visit.page.goto(editor_visit.site_url + explorers[-1])
    edit_paths = links(r"/admin/pages/\d+/edit/")
    assert edit_paths, "no page to edit was found"
    violations += open_and_check(editor_visit, edit_paths[-1])
    editor_visit.page.click("button[data-side-panel-toggle='preview']", timeout=5_000)
    editor_visit.page.wait_for_load_state("networkidle")
    violations += [f"{edit_paths[-1]} (preview): {v}" for v in csp_violations(editor_visit)]
    assert not violations, "\n".join(dict.fromkeys(violations))
