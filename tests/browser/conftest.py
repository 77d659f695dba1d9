"""Browser tests: Debian's Chromium, driven by Playwright, against a real development server.

The server runs in a subprocess on its own temporary SQLite database (or PostgreSQL database, with
``BROWSER_POSTGRES_URL``) with the demo content loaded (``manage.py migrate`` + ``manage.py load_demo``), so these
tests never touch pytest-django's test database and need no ``db`` fixture. One server and one browser serve the
whole session; each test gets a fresh browser context (no shared cookies or cache).
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import skip_or_fail

from . import two_factor

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO_ROOT / "test-artifacts" / "screenshots"
CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Belt and braces: no host name resolves, so even a regression cannot reach the network.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
LANGUAGES = ["en", "be", "ru"]
SERVER_START_TIMEOUT = 60  # seconds; migrate and load_demo run before this clock starts
COMMAND_TIMEOUT = 300  # seconds for each of migrate and load_demo

# Not network requests: they never leave the browser.
LOCAL_SCHEMES = {"data", "blob", "about", "chrome-extension"}

# The environment the browser site's server runs with (filled by ``site_url``), for commands run against it.
_SITE_ENV: dict[str, str] = {}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def _run(args: list[str], env: dict, log: Path) -> None:
    with log.open("a") as out:
        out.write(f"\n$ {' '.join(args)}\n")
        out.flush()
        result = subprocess.run(
            args, cwd=REPO_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, timeout=COMMAND_TIMEOUT
        )
    if result.returncode != 0:
        pytest.fail(f"{' '.join(args[1:])} failed (exit {result.returncode}):\n{_tail(log)}", pytrace=False)


def _wait_until_serving(url: str, process: subprocess.Popen, log: Path) -> None:
    """Poll the server until it answers any HTTP response, with a deadline (no fixed sleeps)."""
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    delay = 0.05
    while True:
        if process.poll() is not None:
            pytest.fail(f"runserver exited with {process.returncode}:\n{_tail(log)}", pytrace=False)
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answered, that is all we wait for
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if time.monotonic() > deadline:
            pytest.fail(
                f"runserver did not answer on {url} within {SERVER_START_TIMEOUT}s:\n{_tail(log)}", pytrace=False
            )
        time.sleep(delay)
        delay = min(delay * 2, 0.5)


@pytest.fixture(scope="session")
def site_smtp():
    """A real SMTP server (aiosmtpd on loopback) the browser site sends its mail to; tests read ``.handler``."""
    from tests.newsletter.smtp_sink import SmtpSink

    sink = SmtpSink().start()
    yield sink
    sink.stop()


@pytest.fixture(scope="session")
def _site_database(tmp_path_factory):
    """The browser site's database URL: a SQLite file, or with ``BROWSER_POSTGRES_URL`` (a server's address,
    ``postgres://postgres@127.0.0.1:5432``) a new PostgreSQL database of its own, dropped afterwards."""
    server = os.environ.get("BROWSER_POSTGRES_URL", "").rstrip("/")
    if not server:
        yield f"sqlite:///{tmp_path_factory.mktemp('browser-db') / 'db.sqlite3'}"
        return
    import psycopg

    name = f"samvydat_browser_{os.getpid()}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield f"{server}/{name}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def site_url(tmp_path_factory, site_smtp, _site_database) -> str:
    """Base URL (``http://127.0.0.1:<port>``) of a development server with the demo content."""
    root = tmp_path_factory.mktemp("browser-site")
    log = root / "server.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "samvydat.settings.dev",
        "DATABASE_URL": _site_database,
        "MEDIA_ROOT": str(root / "media"),
        "STATIC_ROOT": str(root / "static"),
        "SUBMISSIONS_ROOT": str(root / "submissions"),  # readers' encrypted files (samvydat.submissions)
        "LIMITS_CACHE_DIR": str(root / "limits"),  # the site-wide caps start empty each session (security.ratelimit)
        "COMMENTS_MIN_FORM_SECONDS": "0",  # the no-JavaScript time check is tested with a moved clock instead
        "ALLOWED_HOSTS": "127.0.0.1",
        "PYTHONUNBUFFERED": "1",
        # Mail goes over real SMTP to ``site_smtp`` (newsletter confirmations and digests).
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(site_smtp.port),
    }
    _SITE_ENV.update(env)
    manage = [sys.executable, str(REPO_ROOT / "manage.py")]
    _run([*manage, "migrate", "--noinput", "--verbosity", "0"], env, log)
    _run([*manage, "load_demo"], env, log)

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    with log.open("a") as out:
        process = subprocess.Popen(
            [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=REPO_ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
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


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        skip_or_fail("Playwright (python) is not installed in the virtualenv")
    if not (shutil.which(CHROMIUM_PATH) or Path(CHROMIUM_PATH).is_file()):
        skip_or_fail(f"Chromium not found at {CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)")
    with sync_playwright() as playwright:
        try:
            instance = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS, headless=True)
        except Error as error:
            skip_or_fail(f"Chromium at {CHROMIUM_PATH} would not start: {error}")
        yield instance
        instance.close()


@dataclass
class Recorder:
    """Everything a page did that a reader's privacy or a developer's console would care about."""

    site_url: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    set_cookies: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    bad_statuses: list[str] = field(default_factory=list)

    def attach(self, context, page) -> None:
        # Context-level request events also cover popups and workers, not only this page.
        context.on("request", lambda request: self.requests.append(request.url))
        context.on("requestfailed", self._on_failed)
        context.on("response", self._on_response)
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))

    def _on_failed(self, request) -> None:
        # Chromium cancels loads still in flight (the favicon, most often) when the page navigates on:
        # net::ERR_ABORTED is the browser's own cancellation, not a request the site failed to answer.
        if request.failure and "ERR_ABORTED" in request.failure:
            return
        self.failed.append(f"{request.url} ({request.failure})")

    def _on_console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(f"{message.text} @ {message.location.get('url', '')}")

    def _on_response(self, response) -> None:
        cookie = response.headers.get("set-cookie")  # Playwright joins repeated headers
        if cookie:
            self.set_cookies.append(f"{response.url}: {cookie}")
        if response.status >= 400:
            self.bad_statuses.append(f"{response.status} {response.url}")

    @property
    def foreign_requests(self) -> list[str]:
        host = urlsplit(self.site_url).netloc
        return [
            url for url in self.requests if urlsplit(url).scheme not in LOCAL_SCHEMES and urlsplit(url).netloc != host
        ]

    def assert_clean(self, context) -> None:
        __tracebackhide__ = True
        assert self.requests, "no request was recorded at all — the recorder is not attached"
        assert not self.foreign_requests, f"requests to other hosts: {self.foreign_requests}"
        assert not self.console_errors, f"console errors: {self.console_errors}"
        assert not self.page_errors, f"page errors: {self.page_errors}"
        assert not self.failed, f"failed requests: {self.failed}"
        assert not self.bad_statuses, f"error responses: {self.bad_statuses}"
        assert not self.set_cookies, f"Set-Cookie headers: {self.set_cookies}"
        assert context.cookies() == [], f"cookies in the browser: {context.cookies()}"


@dataclass
class Visit:
    context: object
    page: object
    recorder: Recorder
    site_url: str

    def goto(self, path: str):
        response = self.page.goto(self.site_url + path)
        assert response is not None and response.status == 200, f"{path}: {response and response.status}"
        return response

    def path(self) -> str:
        return urlsplit(self.page.url).path

    def assert_clean(self) -> None:
        __tracebackhide__ = True
        self.recorder.assert_clean(self.context)

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        target = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(target), full_page=True)
        return target


def _new_visit(browser, site_url: str, **context_options) -> Visit:
    context = browser.new_context(**context_options)
    context.set_default_timeout(10_000)
    page = context.new_page()
    recorder = Recorder(site_url)
    recorder.attach(context, page)
    return Visit(context, page, recorder, site_url)


@pytest.fixture
def visit(browser, site_url):
    """A fresh context and page with JavaScript on, recording requests, errors and cookies."""
    current = _new_visit(browser, site_url)
    yield current
    current.context.close()


@pytest.fixture
def visit_without_js(browser, site_url):
    """The same with JavaScript disabled."""
    current = _new_visit(browser, site_url, java_script_enabled=False)
    yield current
    current.context.close()


# The browser editor's authenticator key, recovery codes and verified session (filled by ``editor_visit``).
_BROWSER_EDITOR_SECOND_FACTOR = two_factor.SecondFactor()
EDITOR_USERNAME = "browser-editor"
EDITOR_PASSWORD = "a-long-browser-password-123"


@pytest.fixture(scope="session")
def _browser_editor(site_url) -> tuple[str, str]:
    """A superuser in the browser site's database (created once per session)."""
    env = {**_SITE_ENV, "DJANGO_SUPERUSER_PASSWORD": EDITOR_PASSWORD}
    _run(
        [
            sys.executable,
            str(REPO_ROOT / "manage.py"),
            "createsuperuser",
            "--noinput",
            "--username",
            EDITOR_USERNAME,
            "--email",
            "browser-editor@example.org",
        ],
        env,
        Path(_SITE_ENV["MEDIA_ROOT"]).parent / "server.log",
    )
    return EDITOR_USERNAME, EDITOR_PASSWORD


@pytest.fixture
def editor_visit(browser, site_url, _browser_editor):
    """A browser context logged in to the admin as a superuser, through the real login form and second factor.

    The one place browser tests learn how editors sign in. The first use enrols an authenticator app through the
    real pages (tests/browser/two_factor.py); later contexts start from that verified session, and sign in again
    (password + a computed code) only when it is gone, e.g. after a test signed out.
    """
    username, password = _browser_editor
    state = _BROWSER_EDITOR_SECOND_FACTOR
    current = None
    if state.storage_state:
        current = _new_visit(browser, site_url, storage_state=state.storage_state)
        current.page.goto(f"{site_url}/admin/")
        if "/admin/login/" in current.page.url or "/admin/2fa/" in current.page.url:
            current.context.close()
            current = None
    if current is None:
        current = _new_visit(browser, site_url)
        current.page.goto(f"{site_url}/admin/login/")
        current.page.fill("input[name=username]", username)
        current.page.fill("input[name=password]", password)
        current.page.click("button[type=submit], input[type=submit]")
        two_factor.pass_second_factor(current.page, state)
        state.storage_state = current.context.storage_state()
    assert "/admin/login/" not in current.page.url, "the editor could not log in"
    assert "/admin/2fa/" not in current.page.url, "the editor did not pass the second factor"
    yield current
    current.context.close()
