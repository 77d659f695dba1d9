"""Search in under-attack mode in a real browser: with JavaScript the mirror's Pagefind index answers in the
browser (results link to the live site's pages); without, a note says so and points to the mirrors.

The site runs from a copy of the browser site's database (the switch must not reach the other browser tests),
with its own mirror export (Pagefind built) as ``MIRROR_ROOT`` and the mode switched on with ``manage.py shell``.
"""

import sqlite3
import subprocess
import sys

import pytest

from tests.browser.conftest import _SITE_ENV, REPO_ROOT, _free_port, _new_visit, _run, _wait_until_serving

pytestmark = pytest.mark.browser
SWITCH_ON = (
    "from samvydat.search.models import SearchSettings; s = SearchSettings.load(); s.under_attack = True; s.save()"
)


@pytest.fixture(scope="module")
def attacked_site_url(site_url, tmp_path_factory):
    root = tmp_path_factory.mktemp("attacked-site")
    log = root / "server.log"
    database = _SITE_ENV["DATABASE_URL"].removeprefix("sqlite:///")
    with sqlite3.connect(database) as source, sqlite3.connect(root / "db.sqlite3") as copy:
        source.backup(copy)  # the running site's writes included (WAL)
    env = {
        **_SITE_ENV,
        "DATABASE_URL": f"sqlite:///{root / 'db.sqlite3'}",
        "MIRROR_ROOT": str(root / "mirror"),
        "PAGE_CACHE_DIR": str(root / "pages"),
        "LIMITS_CACHE_DIR": str(root / "limits"),
    }
    manage = [sys.executable, str(REPO_ROOT / "manage.py")]
    _run([*manage, "export_mirror", str(root / "mirror")], env, log)
    _run([*manage, "shell", "-c", SWITCH_ON], env, log)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    with log.open("a") as out:
        process = subprocess.Popen(
            [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"], cwd=REPO_ROOT, env=env, stdout=out, stderr=out
        )
    try:
        _wait_until_serving(f"{url}/", process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def attacked(browser, attacked_site_url):
    visits = []

    def open_visit(**options):
        visit = _new_visit(browser, attacked_site_url, **options)
        visits.append(visit)
        return visit

    yield open_visit
    for visit in visits:
        visit.context.close()


def test_with_javascript_the_static_index_answers_in_the_browser(attacked):
    visit = attacked()
    visit.goto("/en/search/?q=Lukashenka")
    results = visit.page.locator(".mirror-search__results li a")
    try:
        results.first.wait_for(timeout=20_000)
    except Exception as error:
        recorder = visit.recorder
        status = visit.page.locator(".mirror-search__status").inner_text()
        pytest.fail(
            f"no results: status {status!r}; console {recorder.console_errors}; page {recorder.page_errors}; "
            f"failed {recorder.failed}; statuses {recorder.bad_statuses}; requests {recorder.requests[-12:]}: {error}"
        )
    assert results.count() > 0
    href = results.first.get_attribute("href")
    assert href.startswith(visit.site_url + "/en/") and not href.endswith("index.html"), href
    assert visit.page.goto(href).status == 200  # the live site's own address
    visit.goto("/en/search/")
    box = visit.page.locator("#mirror-search-q")
    box.fill("Tsikhanouskaya")
    box.press("Enter")
    visit.page.locator(".mirror-search__results li a").first.wait_for(timeout=20_000)
    visit.screenshot("search-under-attack")
    visit.assert_clean()


def test_without_javascript_a_note_points_to_the_mirrors(attacked):
    visit = attacked(java_script_enabled=False)
    visit.goto("/be/search/?q=Лукашэнка")
    note = visit.page.locator("#search-light-noscript")
    assert note.is_visible()
    assert "JavaScript" in note.inner_text()
    assert note.locator("a").count() >= 1  # the mirrors, or at least "other ways to reach us"
    visit.screenshot("search-under-attack-no-js")
    visit.assert_clean()
