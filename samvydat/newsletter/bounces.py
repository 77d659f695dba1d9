"""Reading bounce reports (RFC 3464 delivery status notifications) from a mailbox.

A DSN is a ``multipart/report; report-type=delivery-status`` message whose ``message/delivery-status`` part has
one block per recipient with ``Final-Recipient`` and ``Action``/``Status``. ``Action: failed`` with a 5.x.x status
is a hard bounce (the address does not exist or refuses us for good); 4.x.x and ``delayed`` are soft.
"""

import email
import mailbox
from collections.abc import Iterator
from dataclasses import dataclass
from email import policy
from pathlib import Path


@dataclass(frozen=True)
class Bounce:
    address: str
    hard: bool
    status: str


def _recipient_blocks(report) -> Iterator[dict[str, str]]:
    """Per-recipient fields of a ``message/delivery-status`` part (the stdlib parses it into sub-messages)."""
    payload = report.get_payload()
    blocks = payload if isinstance(payload, list) else []
    for block in blocks[1:] if len(blocks) > 1 else blocks:
        yield {key.lower(): str(value) for key, value in block.items()}


def bounces_from_message(message) -> list[Bounce]:
    if message.get_content_type() != "multipart/report":
        return []
    found = []
    for part in message.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        for fields in _recipient_blocks(part):
            recipient = fields.get("final-recipient") or fields.get("original-recipient") or ""
            address = recipient.partition(";")[2].strip() if ";" in recipient else recipient.strip()
            action = fields.get("action", "").strip().lower()
            status = fields.get("status", "").strip()
            if not address or action not in {"failed", "delayed"}:
                continue
            found.append(
                Bounce(address=address.strip("<>"), hard=action == "failed" and status.startswith("5"), status=status)
            )
    return found


def mailbox_open(path: Path):
    """A Maildir (a directory with cur/new/tmp) or an mbox file."""
    if path.is_dir():
        return mailbox.Maildir(path, factory=None, create=False)
    return mailbox.mbox(path, create=False)


def bounces_from_mailbox(path: Path) -> Iterator[tuple[str, list[Bounce]]]:
    """(key, bounces) for each message of the mailbox, parsed with the modern e-mail policy."""
    box = mailbox_open(path)
    for key in box.iterkeys():
        raw = box.get_bytes(key)
        yield key, bounces_from_message(email.message_from_bytes(raw, policy=policy.default))
