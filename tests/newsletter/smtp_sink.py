"""A real SMTP server on loopback (aiosmtpd) that records what it accepted, for tests and the benchmark.

Recipients can ask for trouble: ``…+temp…@`` gets ``451`` (try later) at RCPT, ``…+hard…@`` gets ``550``, and
``…+drop…@`` has the connection closed on it once. ``rcpt_replies`` adds more: a recipient containing a key (any case) gets
that reply, ``{address}`` filled in, as real servers do (``550 5.1.1 <a@b>: user unknown``). The EHLO/HELO name
each client gave is kept in ``helo_names``.
"""

import email
import socket
import threading
import time
from dataclasses import dataclass, field
from email import policy

from aiosmtpd.controller import Controller


@dataclass
class Received:
    recipients: list[str]
    raw: bytes
    at: float

    @property
    def message(self):
        return email.message_from_bytes(self.raw, policy=policy.default)

    @property
    def message_id(self) -> str:
        for line in self.raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n"):
            if line.lower().startswith(b"message-id:"):
                return line.split(b":", 1)[1].strip().decode()
        return ""


@dataclass
class Handler:
    keep: bool = True  # False: only count (the benchmark)
    messages: list[Received] = field(default_factory=list)
    count: int = 0
    dropped: set[str] = field(default_factory=set)
    rcpt_replies: dict[str, str] = field(default_factory=dict)
    helo_names: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)
    changed: threading.Condition = field(default=None)

    def __post_init__(self):
        self.changed = threading.Condition(self.lock)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if session.host_name:
            self.helo_names.add(session.host_name)
        for needle, reply in self.rcpt_replies.items():
            if needle.lower() in address.lower():
                return reply.format(address=address)
        if "+temp" in address:
            return "451 4.3.0 Temporary failure, try again later"
        if "+hard" in address:
            return "550 5.1.1 No such user"
        if "+drop" in address and address not in self.dropped:
            self.dropped.add(address)
            server.transport.close()
            return "421 4.4.2 Connection dropped"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.changed:
            self.count += 1
            if self.keep:
                self.messages.append(Received(list(envelope.rcpt_tos), envelope.original_content, time.time()))
            self.changed.notify_all()
        return "250 Message accepted for delivery"

    def wait_for(self, predicate, timeout: float) -> bool:
        """Block until ``predicate(handler)`` is true (woken by each message), or the timeout passes."""
        with self.changed:
            return self.changed.wait_for(lambda: predicate(self), timeout=timeout)

    def to(self, address: str) -> list[Received]:
        return [message for message in self.messages if address in message.recipients]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmtpSink:
    def __init__(self, *, keep: bool = True, port: int | None = None):
        self.handler = Handler(keep=keep)
        self.port = port or free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, ready_timeout=30)

    def start(self) -> "SmtpSink":
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()
