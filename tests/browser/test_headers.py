"""The Content-Security-Policy in a real browser: readers' pages and the admin pages editors use raise no CSP
violation (Chromium reports every blocked script, style, frame or image as a ``securitypolicyviolation`` event
and a console error), and readers still get no cookie."""

import re
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from .conftest import _SITE_ENV, REPO_ROOT

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


def _first_page_id(model_path: str) -> int:
    """The id of the first live page of a model in the browser site's database."""
    module, name = model_path.rsplit(".", 1)
    script = f"from {module} import {name}; print({name}.objects.live().order_by('pk').first().pk)"
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "manage.py"), "shell", "-c", script],
        cwd=REPO_ROOT,
        env=_SITE_ENV,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(result.stdout.split()[-1])


@pytest.mark.parametrize(
    ("address", "panel"),
    [
        (lambda: f"/admin/pages/{_first_page_id('samvydat.news.models.NewsPage')}/edit/", "authors"),
        (lambda: f"/admin/pages/{_first_page_id('samvydat.discussions.models.DiscussionPage')}/edit/", "participants"),
        (lambda: "/admin/settings/mirror/mirrorsettings/", "addresses"),
    ],
    ids=["news authors", "discussion participants", "mirror addresses"],
)
def test_inline_panels_start_without_inline_scripts(editor_visit, address, panel):
    """Wagtail's InlinePanel starts from a static script (samvydat/security), so the strict policy still lets an
    editor add a row: the panel's "Add" button inserts a new child form."""
    editor_visit.context.add_init_script(VIOLATION_RECORDER)
    path = address()
    response = editor_visit.page.goto(editor_visit.site_url + path)
    assert response is not None and response.status == 200, path
    policy = response.headers["content-security-policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    forms = editor_visit.page.locator(f"#id_{panel}-FORMS > [data-inline-panel-child]")
    before = forms.count()
    total_before = int(editor_visit.page.input_value(f"#id_{panel}-TOTAL_FORMS"))
    editor_visit.page.click(f"#id_{panel}-ADD")
    expect(forms).to_have_count(before + 1)
    assert int(editor_visit.page.input_value(f"#id_{panel}-TOTAL_FORMS")) == total_before + 1
    # Every widget in the page started, the new row's too, with its own form index in place of __prefix__.
    markers = editor_visit.page.locator("[data-samvydat-new], [data-samvydat-chooser], [data-samvydat-call]")
    expect(markers.and_(editor_visit.page.locator(":not([data-started])"))).to_have_count(0)
    new_row = forms.last.inner_html()
    assert "__prefix__" not in new_row and f"{panel}-{total_before}-" in new_row
    assert not csp_violations(editor_visit), "\n".join(csp_violations(editor_visit))
