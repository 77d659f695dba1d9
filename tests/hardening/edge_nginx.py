"""deploy/nginx/samvydat.conf run for real (as an ordinary process, tests/mirror/nginx.py), in front of a recording
stand-in for the application.

The recipe is used as shipped except for what cannot run here: the HTTP→HTTPS server is left out, ``listen`` is a
free loopback port, the paths point into the test's directory, and the TLS lines (marked ``# tls``) are left out or,
with ``tls=True``, kept with a self-signed certificate made for the test. The
stand-in is a WSGI application behind ``samvydat.serving.proxies.forwarded_headers_wrap`` configured as in
production (``TRUSTED_PROXIES`` empty): it records what reached the application (``REMOTE_ADDR``, headers, body
size) and which files under nginx's temporary body folder nginx held open while the request was being passed on
(nginx unlinks its temporary files at once and keeps writing to them, so the folder alone always looks empty:
``/proc/<pid>/fd`` shows them).
"""

import contextlib
import datetime
import http.client
import os
import re
import socket
import ssl
import threading
from dataclasses import dataclass, field
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from samvydat.serving.proxies import forwarded_headers_wrap
from tests.mirror.nginx import free_port, nginx_running

REPO_ROOT = Path(__file__).resolve().parents[2]
RECIPE = REPO_ROOT / "deploy" / "nginx" / "samvydat.conf"


def recipe_config(*, port: int, app_port: int, workdir: Path, tls: bool = False, error_level: str | None = None) -> str:
    """deploy/nginx/samvydat.conf for a test: the redirect server out, ports and paths replaced; the TLS lines out,
    or kept with ``workdir``'s certificate; ``error_level`` replaces the error log's level (to show what it hides)."""
    lines, skipping = [], False
    for line in RECIPE.read_text().splitlines():
        if line.startswith("# begin http-to-https"):
            skipping = True
        if not skipping and (tls or not line.rstrip().endswith("# tls")):
            if "# bench: listen" in line:
                line = f"    listen 127.0.0.1:{port}{' ssl' if tls else ''};"
            line = line.replace("/etc/letsencrypt/live/samvydat.example.org/", f"{workdir}/")
            if error_level and line.strip().startswith("error_log "):
                line = re.sub(r" \w+;$", f" {error_level};", line)
            line = line.replace("127.0.0.1:8000", f"127.0.0.1:{app_port}")
            line = line.replace("/var/cache/nginx/samvydat", str(workdir / "cache"))
            line = line.replace("/var/log/nginx/", f"{workdir / 'logs'}/")
            line = line.replace("/srv/samvydat/errors/", f"{REPO_ROOT / 'deploy' / 'nginx' / 'errors'}/")
            line = line.replace("/srv/samvydat/", f"{workdir / 'srv'}/")
            lines.append(line)
        if line.startswith("# end http-to-https"):
            skipping = False
    text = "\n".join(lines) + "\n"
    assert f"listen 127.0.0.1:{port}" in text and "/var/log" not in text, "the recipe no longer has the lines replaced"
    return text


@dataclass
class Seen:
    """One request as the application received it."""

    method: str
    path: str
    remote_addr: str
    headers: dict
    body_bytes: int
    temp_files: list = field(default_factory=list)


class Recorder:
    """The stand-in application: answers 200 to GET, 303 to POST (as the readers' forms do), records each request."""

    def __init__(self, temp_dir: Path, pid_file: Path, cache_control: str | None = None):
        self.temp_dir = temp_dir
        self.pid_file = pid_file
        self.cache_control = cache_control  # what every GET answer says (None: no header, nginx keeps nothing)
        self.seen: list[Seen] = []
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        temp_files = self.nginx_temp_files()  # while nginx passes the request on, a buffered body is still open
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        headers = {
            key[5:].replace("_", "-").lower(): value for key, value in environ.items() if key.startswith("HTTP_")
        }
        with self.lock:
            self.seen.append(
                Seen(
                    environ["REQUEST_METHOD"],
                    environ["PATH_INFO"] + (f"?{environ['QUERY_STRING']}" if environ.get("QUERY_STRING") else ""),
                    environ["REMOTE_ADDR"],
                    headers,
                    len(body),
                    temp_files,
                )
            )
        if environ["REQUEST_METHOD"] == "POST":
            start_response("303 See Other", [("Location", "/en/comments/sent/"), ("Content-Length", "0")])
            return [b""]
        headers = [("Content-Type", "text/plain"), ("Content-Length", "2")]
        if self.cache_control:
            headers.append(("Cache-Control", self.cache_control))
        start_response("200 OK", headers)
        return [b"ok"]

    def nginx_temp_files(self) -> list[str]:
        """Files under the temp folder open in nginx's master or worker processes (deleted ones included)."""
        master = int(self.pid_file.read_text())
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        found = []
        for pid in [master, *map(int, children)]:
            for descriptor in Path(f"/proc/{pid}/fd").iterdir():
                with contextlib.suppress(OSError):
                    target = os.readlink(descriptor)
                    if target.startswith(str(self.temp_dir)):
                        found.append(target)
        return found


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):  # the stand-in's own access log would name 127.0.0.1: keep the output clean
        pass


@dataclass
class Edge:
    url: str
    port: int
    workdir: Path
    app: Recorder
    tls: bool = False
    stop_app: object = None  # stops the application (nginx keeps running)

    def request(self, method: str, path: str, *, body: bytes = b"", headers: dict | None = None, source: str):
        """One request from the client address ``source`` (127.0.0.x: each is a different client for nginx)."""
        if self.tls:
            unverified = ssl._create_unverified_context()  # the test's self-signed certificate
            connection = http.client.HTTPSConnection(
                "127.0.0.1", self.port, timeout=20, source_address=(source, 0), context=unverified
            )
        else:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20, source_address=(source, 0))
        try:
            connection.request(method, path, body=body or None, headers=headers or {})
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    def raw(self, payload: bytes, *, source: str) -> None:
        """Send ``payload`` on a new connection from ``source``, read what comes back, close."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=10, source_address=(source, 0)) as raw:
            raw.sendall(payload)
            with contextlib.suppress(OSError):
                raw.recv(1024)

    def logs(self) -> str:
        """Everything nginx wrote to any log file."""
        files = [*(self.workdir / "logs").glob("*"), self.workdir / "error.log"]
        return "\n".join(path.read_text(errors="replace") for path in files if path.is_file())


@contextlib.contextmanager
def edge_running(
    workdir: Path,
    *,
    stop_signal=None,
    tls: bool = False,
    error_level: str | None = None,
    cache_control: str | None = None,
):
    """nginx with the recipe in front of the recording application; yields an ``Edge``."""
    (workdir / "logs").mkdir(parents=True, exist_ok=True)
    if tls:
        self_signed_certificate(workdir)
    (workdir / "cache").mkdir(exist_ok=True)
    recorder = Recorder(workdir / "client_body", workdir / "nginx.pid", cache_control)
    application = forwarded_headers_wrap(recorder, trusted_proxies=[])  # production's default: TRUSTED_PROXIES=""
    server = make_server("127.0.0.1", 0, application, server_class=_ThreadingServer, handler_class=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    stopped = []

    def stop():
        if not stopped:
            stopped.append(True)
            server.shutdown()
            server.server_close()

    port = free_port()
    site = recipe_config(
        port=port, app_port=server.server_address[1], workdir=workdir, tls=tls, error_level=error_level
    )
    kwargs = {"stop_signal": stop_signal} if stop_signal else {}
    try:
        with nginx_running(site, port=port, workdir=workdir, **kwargs) as url:
            recorder.seen.clear()  # nginx's start-up probe
            yield Edge(url=url, port=port, workdir=workdir, app=recorder, tls=tls, stop_app=stop)
    finally:
        stop()


def self_signed_certificate(workdir: Path) -> None:
    """``fullchain.pem`` and ``privkey.pem`` for 127.0.0.1 in ``workdir`` (the recipe's names)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "samvydat.example.org")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    (workdir / "fullchain.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    (workdir / "privkey.pem").write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )


def hour_rounded(line: str) -> bool:
    return re.match(r"^\d{4}-\d\d-\d\dT\d\d:00 ", line) is not None
