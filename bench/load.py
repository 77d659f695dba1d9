"""Load on the production recipe (``.venv/bin/python bench/load.py``; docs/benchmarks.md, docs/deployment.md).

On loopback, with production settings (``samvydat.settings.production``, SQLite, the demo content, files as the
page cache unless ``REDIS_URL`` is set), granian started by ``deploy/serve`` (as ``make serve`` does) and nginx from
``deploy/nginx/samvydat.conf`` (paths and ``listen`` replaced, TLS lines left out):

1. **app**: cached article pages straight from the application server (granian) — ``wrk``, 100 connections, ``--duration`` seconds
   (goal: 0 errors, ≥ 5,000 requests/s);
2. **nginx → app**: the same pages through nginx, served from nginx's cache;
3. **nginx file**: nginx serving the very same bytes as a static file (goal for 2: ≥ 0.8 of this);
4. **mixed**: ``--mixed`` seconds of browsing every page of the site, listings with ``?page=N`` and searches (when
   ``/<lang>/search/`` exists) straight at granian: no 5xx, every worker's memory within ±10 % from start to end
   and ≤ 200 MB. Memory is read after a warm-up of the same mix (``--warmup`` seconds).

The database, media and collected static files are prepared once in ``bench/out/load/`` (``--rebuild`` to redo).
``wrk`` (Debian package ``wrk``) and ``nginx`` must be installed.

    .venv/bin/python bench/load.py                       # 60 s per scenario, 300 s mixed
    .venv/bin/python bench/load.py --duration 10 --mixed 30 --warmup 10   # a quick look
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "load"
PYTHON = sys.executable
GOAL_RPS = 5000
GOAL_RATIO = 0.8
MAX_WORKER_MB = 200
SEARCH_WORDS = ["belarus", "economy", "лукашэнка", "рэпрэсіі", "выборы", "санкции", "exile", "media", "week", "law"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=60, help="seconds per cached-page scenario (default 60)")
    parser.add_argument("--connections", type=int, default=100)
    parser.add_argument("--mixed", type=int, default=300, help="seconds of mixed browsing (default 300; 0: skip)")
    parser.add_argument("--mixed-connections", type=int, default=32)
    parser.add_argument("--warmup", type=int, default=30, help="seconds of mixed browsing before memory is read")
    parser.add_argument("--rebuild", action="store_true", help="prepare the database and static files again")
    args = parser.parse_args()

    from rich.console import Console
    from rich.table import Table

    console = Console()
    for tool in ("wrk", "nginx"):
        if not (shutil.which(tool) or Path(f"/usr/sbin/{tool}").exists()):
            sys.exit(f"{tool} is not installed (Debian: apt-get install {tool})")
    env = bench_environment()
    prepare(env, console, rebuild=args.rebuild)
    app_port, proxy_port, file_port = free_port(), free_port(), free_port()
    console.print(
        f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} on {os.cpu_count()} cores"
    )

    with app_server(env, app_port) as master:
        app = f"http://127.0.0.1:{app_port}"
        articles = article_paths(env)
        with nginx(app_port, proxy_port, file_port, direct_copy(app, articles[0])) as proxy:
            for base in (app, f"http://127.0.0.1:{proxy_port}"):
                for path in articles:
                    for _ in range(3):
                        fetch(base + path)  # fill the shared cache, every worker's memory and nginx's cache
            rows = [
                ("app (granian, page cache)", wrk(app, articles, args.connections, args.duration, master.pid)),
                (
                    "nginx → app (nginx cache)",
                    wrk(f"http://127.0.0.1:{proxy_port}", articles, args.connections, args.duration, proxy.pid),
                ),
                (
                    "nginx file (same bytes)",
                    wrk(f"http://127.0.0.1:{file_port}", ["/direct.html"], args.connections, args.duration, proxy.pid),
                ),
            ]
        table = Table(title=f"Cached article pages, {args.connections} connections, {args.duration} s each")
        columns = (
            "scenario",
            "requests/s",
            "p50 ms",
            "p99 ms",
            "errors",
            "non-2xx",
            "server CPU ms/req",
            "CPU-bound req/s",
        )
        for column in columns:
            table.add_column(column, justify="left" if column == "scenario" else "right")
        for name, result in rows:
            table.add_row(
                name,
                f"{result['rps']:,.0f}",
                f"{result['p50']:.2f}",
                f"{result['p99']:.2f}",
                str(result["errors"]),
                str(result["non2xx"]),
                f"{result['cpu_ms']:.3f}",
                f"{cpu_bound(result):,.0f}",
            )
        console.print(table)
        console.print(
            "CPU-bound req/s: what the server's own CPU time per request allows on all "
            f"{os.cpu_count()} cores (no load generator, nothing else running) — the machine is shared, see the load."
        )
        app_result, proxy_result, file_result = (result for _, result in rows)
        console.print(f"app / goal ({GOAL_RPS:,} req/s): {app_result['rps'] / GOAL_RPS:.2f}")
        console.print(f"nginx → app / nginx file: {proxy_result['rps'] / file_result['rps']:.2f} (goal ≥ {GOAL_RATIO})")
        console.print(f"app / nginx file: {app_result['rps'] / file_result['rps']:.2f}")

        if args.mixed:
            mixed(app, env, master, args, console)
    console.print(f"load afterwards: {' '.join(f'{value:.2f}' for value in os.getloadavg())}")


def cpu_bound(result: dict) -> float:
    return (os.cpu_count() or 1) * 1000 / result["cpu_ms"] if result["cpu_ms"] else 0.0


# --- Preparation -----------------------------------------------------------------------------------------------
def bench_environment() -> dict[str, str]:
    from cryptography.fernet import Fernet

    OUT.mkdir(parents=True, exist_ok=True)
    keys = OUT / "keys.json"
    if not keys.exists():
        keys.write_text(
            json.dumps(
                {
                    "SECRET_KEY": secrets.token_urlsafe(50),
                    "NEWSLETTER_ENCRYPTION_KEY": Fernet.generate_key().decode(),
                    "NEWSLETTER_INDEX_KEY": Fernet.generate_key().decode(),
                    "NEWSLETTER_SUPPRESSION_KEY": Fernet.generate_key().decode(),
                    "SUBMISSIONS_ENCRYPTION_KEY": Fernet.generate_key().decode(),
                }
            )
        )
    stored = json.loads(keys.read_text())
    if "OTP_SEED_KEY" not in stored:  # required since the editors' second factor (accounts.E001)
        stored["OTP_SEED_KEY"] = Fernet.generate_key().decode()
        keys.write_text(json.dumps(stored))
    return {
        **os.environ,
        **stored,
        "DJANGO_SETTINGS_MODULE": "samvydat.settings.production",
        "DATABASE_URL": f"sqlite:///{OUT / 'db.sqlite3'}",
        "MEDIA_ROOT": str(OUT / "media"),
        "STATIC_ROOT": str(OUT / "static"),
        "PAGE_CACHE_DIR": str(OUT / "pagecache"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback; nginx terminates TLS in production
        "TASKS_BACKEND": "immediate",
        "PYTHONPATH": str(ROOT),
    }


def prepare(env: dict, console, *, rebuild: bool) -> None:
    manage = [PYTHON, str(ROOT / "manage.py")]
    marker = OUT / "prepared"
    if marker.exists() and not rebuild:
        console.print(f"Using the prepared site in {OUT} ({marker.read_text().strip()}); collecting static files…")
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        return
    for name in ("db.sqlite3", "db.sqlite3-wal", "db.sqlite3-shm"):
        (OUT / name).unlink(missing_ok=True)
    for name in ("media", "static", "pagecache"):
        shutil.rmtree(OUT / name, ignore_errors=True)
    for step in (["migrate", "--noinput", "-v0"], ["load_demo"], ["collectstatic", "--noinput", "-v0"]):
        console.print(f"manage.py {' '.join(step)}…")
        subprocess.run([*manage, *step], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    marker.write_text(time.strftime("%Y-%m-%d %H:%M"))


def article_paths(env: dict) -> list[str]:
    """Eight article pages (news, commentaries, plans) in the three languages."""
    script = (
        "import django, json; django.setup()\n"
        "from samvydat.news.models import NewsPage\n"
        "from samvydat.weekly.models import CommentaryPage\n"
        "from samvydat.plans.models import PlanPage\n"
        "urls = []\n"
        "for model in (NewsPage, CommentaryPage, PlanPage):\n"
        "    for lang in ('en', 'be', 'ru'):\n"
        "        urls += [p.url for p in model.objects.live().filter(locale__language_code=lang).order_by('-pk')[:1]]\n"
        "print(json.dumps(urls[:8]))\n"
    )
    result = subprocess.run([PYTHON, "-c", script], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def all_paths(app: str) -> list[str]:
    """Every page in the sitemap (all languages), plus the listings' second and third pages."""
    paths = []
    index = fetch(app + "/sitemap.xml").decode()
    parts = re.findall(r"<loc>([^<]+)</loc>", index)
    for part in parts if "sitemapindex" in index else [app + "/sitemap.xml"]:
        for location in re.findall(r"<loc>([^<]+)</loc>", fetch(app + re.sub(r"^https?://[^/]+", "", part)).decode()):
            paths.append(re.sub(r"^https?://[^/]+", "", location))
    listings = [path for path in paths if path.count("/") == 3]  # /en/news/ and the like
    return paths + [f"{path}?page={page}" for path in listings for page in (2, 3)]


def direct_copy(app: str, path: str) -> Path:
    """The bytes of a cached article page as a file, for nginx to serve directly."""
    directory = OUT / "direct"
    directory.mkdir(exist_ok=True)
    (directory / "direct.html").write_bytes(fetch(app + path))
    return directory


# --- Servers ---------------------------------------------------------------------------------------------------
class app_server:
    """``deploy/serve``: granian with the production settings, as ``make serve`` starts it."""

    def __init__(self, env: dict, port: int):
        self.env = {**env, "BIND": f"127.0.0.1:{port}", "GRANIAN": str(Path(PYTHON).parent / "granian")}
        self.port = port

    def __enter__(self):
        log = (OUT / "server.log").open("w")
        self.process = subprocess.Popen(
            [str(ROOT / "deploy" / "serve")],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        wait_until_serving(f"http://127.0.0.1:{self.port}/healthz", self.process)
        return self.process

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class nginx:
    """deploy/nginx/samvydat.conf on plain HTTP, plus a server that serves the same page as a file."""

    def __init__(self, app_port: int, proxy_port: int, file_port: int, direct: Path):
        self.prefix = OUT / "nginx"
        shutil.rmtree(self.prefix, ignore_errors=True)
        (self.prefix / "logs").mkdir(parents=True)
        (self.prefix / "cache").mkdir()
        site = []
        skipping = False
        for line in (ROOT / "deploy" / "nginx" / "samvydat.conf").read_text().splitlines():
            if line.startswith("# begin http-to-https"):
                skipping = True
            if not skipping and not line.rstrip().endswith("# tls"):
                if "# bench: listen" in line:
                    line = f"    listen 127.0.0.1:{proxy_port};"
                line = line.replace("127.0.0.1:8000", f"127.0.0.1:{app_port}")
                line = line.replace("/var/cache/nginx/samvydat", str(self.prefix / "cache"))
                line = line.replace("/var/log/nginx/", f"{self.prefix / 'logs'}/")
                line = line.replace("/srv/samvydat/errors/", f"{ROOT / 'deploy' / 'nginx' / 'errors'}/")
                line = line.replace("/srv/samvydat/static/", f"{OUT / 'static'}/")
                line = line.replace("/srv/samvydat/media/", f"{OUT / 'media'}/")
                site.append(line)
            if line.startswith("# end http-to-https"):
                skipping = False
        (self.prefix / "samvydat.conf").write_text("\n".join(site) + "\n")
        (self.prefix / "nginx.conf").write_text(
            f"""worker_processes auto;
pid {self.prefix / "nginx.pid"};
error_log {self.prefix / "logs" / "error.log"} warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path {self.prefix / "tmp-body"};
    proxy_temp_path {self.prefix / "tmp-proxy"};
    fastcgi_temp_path {self.prefix / "tmp-fastcgi"};
    uwsgi_temp_path {self.prefix / "tmp-uwsgi"};
    scgi_temp_path {self.prefix / "tmp-scgi"};
    include {self.prefix / "samvydat.conf"};
    server {{
        listen 127.0.0.1:{file_port};
        root {direct};
        access_log off;
        server_tokens off;
        location / {{ try_files $uri =404; }}
    }}
}}
"""
        )
        self.proxy_port, self.file_port = proxy_port, file_port

    def __enter__(self):
        nginx_binary = shutil.which("nginx") or "/usr/sbin/nginx"
        self.process = subprocess.Popen(
            [nginx_binary, "-p", str(self.prefix), "-c", str(self.prefix / "nginx.conf"), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=(self.prefix / "logs" / "stderr.log").open("w"),
        )
        wait_until_serving(f"http://127.0.0.1:{self.file_port}/direct.html", self.process)
        wait_until_serving(f"http://127.0.0.1:{self.proxy_port}/healthz", self.process)
        self.pid = self.process.pid
        return self

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGQUIT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def wait_until_serving(url: str, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"{process.args[0]} exited with {process.returncode} (logs in {OUT})")
        try:
            fetch(url)
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    sys.exit(f"{url} did not answer within {timeout} s")


# --- wrk -------------------------------------------------------------------------------------------------------
WRK_SCRIPT = """
local paths = {%(paths)s}
local counter = 0
local threads = {}
function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end
function init(args)
  counter = id or 1
  s5xx = 0
  s4xx = 0
end
function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
function response(status, headers, body)
  if status >= 500 then s5xx = s5xx + 1 elseif status >= 400 then s4xx = s4xx + 1 end
end
function done(summary, latency, requests)
  local five, four = 0, 0
  for _, thread in ipairs(threads) do
    five = five + thread:get("s5xx")
    four = four + thread:get("s4xx")
  end
  io.write(string.format("RESULT %%d %%d %%d %%d %%f %%f %%d %%d %%d %%d %%d\\n",
    summary.requests, summary.duration, five, four,
    latency:percentile(50), latency:percentile(99),
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status,
    summary.errors.timeout))
end
"""


def cpu_seconds(master_pid: int) -> float:
    """User + system CPU time of a server: its master and its workers."""
    pids = [master_pid, *(int(pid) for pid in children(master_pid))]
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()


def wrk(base: str, paths: list[str], connections: int, seconds: int, server_pid: int | None = None) -> dict:
    script = OUT / "wrk.lua"
    script.write_text(WRK_SCRIPT % {"paths": ", ".join(json.dumps(path) for path in paths)})
    threads = min(2, connections)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script), base]
    cpu_before = cpu_seconds(server_pid) if server_pid else 0.0
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    cpu = cpu_seconds(server_pid) - cpu_before if server_pid else 0.0
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    requests, duration_us, s5xx, s4xx, p50_us, p99_us, *errors = line.split()[1:]
    connect, read, write, status, timeout = (int(value) for value in errors)
    return {
        "rps": int(requests) / (int(duration_us) / 1e6),
        "requests": int(requests),
        "p50": float(p50_us) / 1000,
        "p99": float(p99_us) / 1000,
        "errors": connect + read + write + timeout,
        "non2xx": status,
        "5xx": int(s5xx),
        "4xx": int(s4xx),
        "cpu_ms": 1000 * cpu / int(requests) if server_pid and int(requests) else 0.0,
    }


# --- Mixed browsing --------------------------------------------------------------------------------------------
def mixed(app: str, env: dict, master: subprocess.Popen, args, console) -> None:
    from rich.table import Table

    paths = all_paths(app)
    search_note = "searches included"
    try:
        fetch(app + "/en/search/?q=belarus")
        searches = [f"/{lang}/search/?q={word}" for lang in ("en", "be", "ru") for word in SEARCH_WORDS]
        searches = [urllib.request.quote(path, safe="/?=") for path in searches]
    except urllib.error.HTTPError:
        searches = []
        search_note = "no /<lang>/search/ yet: listings and pages only"
    # Searches are one request in five when there is a search page.
    mix = paths + searches * max(1, len(paths) // (4 * max(1, len(searches)))) if searches else paths
    console.print(f"Mixed browsing: {len(paths)} pages and listing pages, {len(searches)} searches ({search_note}).")
    warm = wrk(app, mix, args.mixed_connections, args.warmup)
    start = worker_memory(master.pid)
    result = wrk(app, mix, args.mixed_connections, args.mixed, master.pid)
    end = worker_memory(master.pid)

    table = Table(
        title=f"Mixed browsing, {args.mixed_connections} connections, {args.mixed} s (after {args.warmup} s warm-up)"
    )
    for column in ("requests/s", "p50 ms", "p99 ms", "5xx", "4xx", "socket errors", "server CPU ms/req"):
        table.add_column(column, justify="right")
    table.add_row(
        f"{result['rps']:,.0f}",
        f"{result['p50']:.1f}",
        f"{result['p99']:.1f}",
        str(result["5xx"] + warm["5xx"]),
        str(result["4xx"]),
        str(result["errors"]),
        f"{result['cpu_ms']:.2f}",
    )
    console.print(table)
    memory = Table(title="Application server workers' resident memory (MB)")
    for column in ("worker", "start", "end", "change", "within ±10 %", "≤ 200 MB"):
        memory.add_column(column, justify="right")
    for pid, before in start.items():
        after = end.get(pid)
        if after is None:
            memory.add_row(str(pid), f"{before:.1f}", "gone", "", "no", "")
            continue
        change = (after - before) / before
        memory.add_row(
            str(pid),
            f"{before:.1f}",
            f"{after:.1f}",
            f"{change:+.1%}",
            "yes" if abs(change) <= 0.10 else "NO",
            "yes" if after <= MAX_WORKER_MB else "NO",
        )
    console.print(memory)


def worker_memory(master_pid: int) -> dict[int, float]:
    memory = {}
    for pid in children(master_pid):
        status = Path(f"/proc/{pid}/status").read_text()
        memory[int(pid)] = int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024
    return memory


if __name__ == "__main__":
    main()
