"""Kill the sending worker (a real ``db_worker`` process) with SIGKILL five times mid-send and restart it.

Against a real SMTP server (aiosmtpd on loopback) and a file database shared with the worker: every confirmed
subscriber gets the campaign; nobody else does; a reader gets a second copy only if that message was in flight
when a kill came (accepted by the server before the kill, sent again after it), with the same Message-ID.
"""

import json
import random
import signal
import sqlite3
import subprocess
import time
from collections import defaultdict

import pytest

from .smtp_sink import SmtpSink
from .subprocesses import CACHE_DIR, MANAGE, REPO, SCENARIO, migrated_sqlite, run, worker_env

CONFIRMED = 1500
BATCH = 20
KILLS = 5
DEADLINE = 240  # seconds for the whole send, kills and restarts included


@pytest.fixture
def sink():
    server = SmtpSink().start()
    yield server
    server.stop()


def start_worker(env, log):
    return subprocess.Popen(
        [*MANAGE, "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2", "--verbosity", "0"],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def test_five_sigkills_skip_nobody_and_double_only_in_flight_messages(tmp_path, sink):
    database = migrated_sqlite(CACHE_DIR, tmp_path / "kill.sqlite3")
    env = worker_env(f"sqlite:///{database}", sink.port, NEWSLETTER_LEASE_SECONDS="2", NEWSLETTER_BATCH_SIZE=str(BATCH))
    run([*SCENARIO, "seed", "--confirmed", str(CONFIRMED), "--pending", "20", "--unsubscribed", "20"], env)
    run([*SCENARIO, "start"], env)
    handler = sink.handler
    rng = random.Random()
    thresholds = sorted(rng.sample(range(CONFIRMED // 20, CONFIRMED * 4 // 5), KILLS))
    kills: list[float] = []
    log = (tmp_path / "worker.log").open("w")
    worker = start_worker(env, log)
    started = time.monotonic()
    try:
        for threshold in thresholds:
            reached = handler.wait_for(lambda h, t=threshold: h.count >= t, timeout=DEADLINE)
            assert reached, f"the worker stalled below {threshold} messages (log: {tmp_path / 'worker.log'})"
            worker.send_signal(signal.SIGKILL)
            worker.wait()
            kills.append(time.time())
            worker = start_worker(env, log)
        everyone = {f"reader{n}@en.example.org" for n in range(CONFIRMED)}
        done = handler.wait_for(
            lambda h: everyone <= {r for m in h.messages for r in m.recipients},
            timeout=max(1, DEADLINE - (time.monotonic() - started)),
        )
        assert done, "not every confirmed reader received the campaign in time"
        status = json.loads(run([*SCENARIO, "status"], env))
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        log.close()

    copies = defaultdict(list)
    for message in handler.messages:
        (recipient,) = message.recipients
        copies[recipient].append(message)
    assert set(copies) == everyone  # nobody skipped, nobody unconfirmed or unsubscribed mailed
    duplicates = {recipient: got for recipient, got in copies.items() if len(got) > 1}
    for recipient, got in duplicates.items():
        assert len({message.message_id for message in got}) == 1, f"{recipient}: copies with different Message-IDs"
        first, again = got[0].at, got[1].at
        assert any(first <= kill <= again for kill in kills), f"{recipient}: doubled without a kill in between"
    assert len(duplicates) <= KILLS * BATCH
    (campaign,) = status.values()
    assert campaign == {"status": "sent", "sent": CONFIRMED, "remaining": 0}
    with sqlite3.connect(database) as db:
        running = db.execute(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING'"
        ).fetchone()
    assert running[0] >= 1  # the killed tasks' rows: proof the kills hit while a task was running
