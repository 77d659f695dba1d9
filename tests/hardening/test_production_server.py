"""``deploy/serve`` (what ``make serve`` runs): granian with the production settings answers, logs JSON lines
without the client's address, believes X-Forwarded-For from no one unless TRUSTED_PROXIES says so, and stops cleanly."""

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
READER_ADDRESS = "203.0.113.77"  # TEST-NET-3: an address that must never reach a log


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, headers: dict | None = None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.headers, response.read()  # case-insensitive names


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("production-server")
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "samvydat.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{root / 'db.sqlite3'}",
        "MEDIA_ROOT": str(root / "media"),
        "STATIC_ROOT": str(root / "static"),
        "PAGE_CACHE_DIR": str(root / "pagecache"),
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "GRANIAN": str(Path(sys.executable).parent / "granian"),
    }
    (root / "static").mkdir()  # collectstatic's work in production
    log = root / "server.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [str(REPO_ROOT / "deploy" / "serve")], env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            _get(url + "/healthz")
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                os.killpg(process.pid, signal.SIGKILL)  # granian's workers too
                pytest.fail(f"deploy/serve did not answer:\n{log.read_text()[-3000:]}")
            time.sleep(0.1)
    yield url, process, log
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)  # the master and its workers (a killed master leaves them running)
        process.wait()


def test_it_answers_with_production_headers(production_server):
    url, _process, _log = production_server
    status, headers, body = _get(url + "/healthz")
    assert status == 200 and json.loads(body)["status"] == "ok"
    assert "Set-Cookie" not in headers and headers["X-Content-Type-Options"] == "nosniff"
    assert "Strict-Transport-Security" not in headers  # plain HTTP: HSTS only over HTTPS
    # nginx on 127.0.0.1 says the reader came over HTTPS: believed, so HSTS is sent.
    _status, headers, _body = _get(
        url + "/healthz", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": READER_ADDRESS}
    )
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_logs_are_json_lines_without_the_readers_address(production_server):
    url, process, log = production_server
    _get(url + "/healthz?reader=secret-query", headers={"X-Forwarded-For": READER_ADDRESS})
    process.send_signal(signal.SIGTERM)  # also flushes every worker's output
    assert process.wait(timeout=120) == 0  # a graceful stop of every worker; slow only on a loaded machine
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
    assert any(line["logger"] == "_granian" for line in lines)
    requests = [line for line in lines if line["logger"] == "samvydat.requests"]
    assert any(line["path"] == "/healthz" and line["status"] == 200 for line in requests)
    text = log.read_text()
    assert READER_ADDRESS not in text and "127.0.0.1:" not in text.replace(url, "") and "secret-query" not in text
