"""What one sign-in attempt costs the server: Django's default Argon2 hasher (100 MiB, t=2, p=8) against samvydat's
``Argon2idHasher`` (19 MiB, t=2, p=1; ``samvydat/accounts/hashers.py``) — ``.venv/bin/python bench/passwords.py``.

Each hasher is measured in a fresh child process, so peak memory is that hasher's alone: one check of a password
(``verify``, what a sign-in does; an unknown username costs an ``encode`` instead, the same work), wall and CPU
time (p50 of ``--runs``), the peak resident memory it added, and eight checks at once in eight threads (a flood of
eight parallel sign-in posts: argon2-cffi releases the GIL, so they really run together). The last row is the
ratio, default / samvydat's.
"""

import argparse
import concurrent.futures
import multiprocessing
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import cpu_seconds  # noqa: E402

HASHERS = {
    "Django's Argon2PasswordHasher": "django.contrib.auth.hashers.Argon2PasswordHasher",
    "samvydat Argon2idHasher": "samvydat.accounts.hashers.Argon2idHasher",
}
PARALLEL = 8
PASSWORD = "correct horse battery staple"


def measure(dotted: str, runs: int) -> dict:
    """In a child process: the hasher's parameters, one verify (wall, CPU, added peak memory), eight at once."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "samvydat.settings.test"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.utils.module_loading import import_string

    hasher = import_string(dotted)()
    encoded = hasher.encode(PASSWORD, hasher.salt())
    walls, cpus = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), cpu_seconds(children=False)
        assert hasher.verify(PASSWORD, encoded)
        walls.append(time.perf_counter() - started)
        cpus.append(cpu_seconds(children=False) - started_cpu)
    one_peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with concurrent.futures.ThreadPoolExecutor(PARALLEL) as pool:
        started, started_cpu = time.perf_counter(), cpu_seconds(children=False)
        assert all(pool.map(lambda _n: hasher.verify(PASSWORD, encoded), range(PARALLEL)))
        parallel_wall, parallel_cpu = time.perf_counter() - started, cpu_seconds(children=False) - started_cpu
    parallel_peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "params": f"m={hasher.memory_cost // 1024} MiB, t={hasher.time_cost}, p={hasher.parallelism}",
        "wall": statistics.median(walls),
        "cpu": statistics.median(cpus),
        # ru_maxrss never goes down: peaks are measured against a child that only set Django up (bare_peak).
        "peak_one_kib": one_peak_kib,
        "parallel_wall": parallel_wall,
        "parallel_cpu": parallel_cpu,
        "peak_parallel_kib": parallel_peak_kib,
    }


def bare_peak() -> int:
    """Peak resident memory of a child that set Django up and hashed nothing (the base to subtract)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "samvydat.settings.test"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.utils.module_loading import import_string

    for dotted in HASHERS.values():
        import_string(dotted)
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from rich.console import Console
    from rich.table import Table

    context = multiprocessing.get_context("spawn")  # a fresh interpreter each: peaks do not mix
    load_before = os.getloadavg()
    with context.Pool(1, maxtasksperchild=1) as pool:
        base_kib = pool.apply(bare_peak)
    results = {}
    for label, dotted in HASHERS.items():
        with context.Pool(1, maxtasksperchild=1) as pool:
            results[label] = pool.apply(measure, (dotted, args.runs))
    load_after = os.getloadavg()

    def mib(kib: float) -> str:
        return f"{kib / 1024:.0f} MiB"

    table = Table(
        title=f"One sign-in's password check ({args.runs} runs; {os.cpu_count()} cores; "
        f"load {load_before[0]:.1f} → {load_after[0]:.1f})"
    )
    columns = ["hasher", "parameters", "wall p50", "CPU p50", "peak memory added", f"{PARALLEL} at once: wall"]
    for column in [*columns, f"{PARALLEL} at once: CPU", f"{PARALLEL} at once: peak memory added"]:
        table.add_column(column, justify="left" if column in ("hasher", "parameters") else "right")
    rows = []
    for label, found in results.items():
        row = (
            found["wall"],
            found["cpu"],
            max(found["peak_one_kib"] - base_kib, 0),
            found["parallel_wall"],
            found["parallel_cpu"],
            max(found["peak_parallel_kib"] - base_kib, 0),
        )
        rows.append(row)
        table.add_row(
            label,
            found["params"],
            f"{row[0] * 1000:.0f} ms",
            f"{row[1] * 1000:.0f} ms",
            mib(row[2]),
            f"{row[3] * 1000:.0f} ms",
            f"{row[4] * 1000:.0f} ms",
            mib(row[5]),
        )
    default, ours = rows
    table.add_row(
        "ratio default / samvydat",
        "",
        *(f"{a / b:.1f}×" if b else "–" for a, b in zip(default, ours, strict=True)),
    )
    Console(width=160).print(table)


if __name__ == "__main__":
    main()
