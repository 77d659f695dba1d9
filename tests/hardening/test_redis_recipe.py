"""deploy/redis/samvydat.conf read by a real redis-server (a user process on a free port): bounded memory with LRU
eviction, nothing written to disk — a flood of distinct keys pushes old ones out instead of growing Redis."""

import shutil
import subprocess
import time
from pathlib import Path

import pytest
import redis

from tests.mirror.nginx import free_port

RECIPE = Path(__file__).resolve().parents[2] / "deploy" / "redis" / "samvydat.conf"

pytestmark = pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server is not installed")


def redis_running(workdir: Path, *extra: str):
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", str(RECIPE), "--port", str(port), "--dir", str(workdir), *extra],
        stdout=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            return process, client
        except redis.ConnectionError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise
            time.sleep(0.05)


def test_the_recipe_bounds_memory_and_keeps_nothing_on_disk(tmp_path):
    process, client = redis_running(tmp_path)
    try:
        assert client.config_get("maxmemory")["maxmemory"] == str(256 * 1024 * 1024)
        assert client.config_get("maxmemory-policy")["maxmemory-policy"] == "allkeys-lru"
        assert client.config_get("save")["save"] == "" and client.config_get("appendonly")["appendonly"] == "no"
        client.set("page:CANARY-6610", "cached page")
        client.shutdown(nosave=False)  # a shutdown that would save if saving were configured
    except redis.ConnectionError:
        pass  # the shutdown closes the connection
    finally:
        process.wait(timeout=10)
    assert not [path for path in tmp_path.rglob("*") if path.is_file()]  # no dump.rdb, no appendonly file


def test_a_flood_of_distinct_keys_evicts_old_ones_instead_of_failing(tmp_path):
    process, client = redis_running(tmp_path, "--maxmemory", "4mb")  # the recipe's policy at a test's size
    try:
        value = "x" * 1024
        for n in range(20_000):  # ≈ 20 MB of distinct pages into 4 MB
            client.set(f"page:{n}", value, ex=3600)
        info = client.info()
        assert info["used_memory"] <= 5 * 1024 * 1024 and info["evicted_keys"] > 0
        assert client.exists("page:19999") and not client.exists("page:0")  # the newest stay, the oldest went
    finally:
        process.kill()
        process.wait(timeout=10)
