"""Start Debian's nginx as an ordinary process on a free loopback port, with deploy/nginx/mirror.conf (or any site
configuration: ``nginx_running``, which tests/hardening/edge_nginx.py uses for deploy/nginx/samvydat.conf).

Its own config, pid, logs and temporary directories live in a temporary directory, so no root is needed and
nothing touches /etc/nginx or /var/log. Used by tests/mirror/test_nginx.py and tests/browser/test_mirror.py.
"""

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.conftest import skip_or_fail

REPO_ROOT = Path(__file__).resolve().parents[2]
CONFIG = REPO_ROOT / "deploy" / "nginx" / "mirror.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
START_TIMEOUT = 20


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_config(*, port: int, root: Path) -> str:
    """deploy/nginx/mirror.conf with its ``listen`` and ``root`` lines replaced (everything else as shipped)."""
    text = CONFIG.read_text()
    text, listens = re.subn(r"^(\s*)listen 80;$", rf"\1listen 127.0.0.1:{port};", text, flags=re.M)
    text, roots = re.subn(r"^(\s*)root /srv/samvydat/mirror;$", rf"\1root {root};", text, flags=re.M)
    assert listens == 1 and roots == 1, "deploy/nginx/mirror.conf no longer has the lines the tests replace"
    return text


@contextlib.contextmanager
def nginx_serving(root: Path, workdir: Path):
    """Serve ``root`` with the mirror config; yields the base URL (``http://127.0.0.1:<port>``)."""
    port = free_port()
    with nginx_running(server_config(port=port, root=root), port=port, workdir=workdir) as url:
        yield url


@contextlib.contextmanager
def nginx_running(site: str, *, port: int, workdir: Path, stop_signal: int = signal.SIGTERM):
    """Run nginx with ``site`` (server blocks, read inside ``http {}``) listening on ``port``; yields the base URL.

    Temporary bodies go to ``workdir/client_body``; stopping with ``signal.SIGQUIT`` lets nginx flush its logs.
    """
    if not Path(NGINX).is_file():
        skip_or_fail("nginx not found (apt-get install nginx)")
    workdir.mkdir(parents=True, exist_ok=True)
    for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (workdir / name).mkdir(exist_ok=True)
    (workdir / "site.conf").write_text(site)
    (workdir / "nginx.conf").write_text(
        # As root (CI), nginx would run its workers as "nobody", who may not read pytest's private temporary
        # directories; as an ordinary user, there is no user to switch to.
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"""daemon off;
worker_processes 1;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path {workdir}/client_body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    include {workdir}/site.conf;
}}
"""
    )
    command = [NGINX, "-p", str(workdir), "-c", str(workdir / "nginx.conf"), "-e", str(workdir / "error.log")]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert check.returncode == 0, f"nginx -t failed:\n{check.stderr}"
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(url, process, workdir)
        yield url
    finally:
        process.send_signal(stop_signal)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait(url: str, process: subprocess.Popen, workdir: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    delay = 0.02
    while True:
        if process.poll() is not None:
            raise AssertionError(f"nginx exited with {process.returncode}: {(workdir / 'error.log').read_text()}")
        try:
            with urllib.request.urlopen(url + "/", timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"nginx did not answer within {START_TIMEOUT}s")
        time.sleep(delay)
        delay = min(delay * 2, 0.3)


def webroot_with(mirror_out: Path, workdir: Path, sub_path: str = "mirror") -> Path:
    """A document root holding the mirror under ``/<sub_path>/`` (a symlink to the export's OUT)."""
    root = workdir / "webroot"
    root.mkdir(parents=True, exist_ok=True)
    link = root / sub_path
    link.parent.mkdir(parents=True, exist_ok=True)
    if not link.exists():
        os.symlink(mirror_out, link)
    return root
