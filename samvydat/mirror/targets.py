"""Where the mirror is pushed: rclone targets from ``MIRROR_TARGETS`` (docs/mirror.md, "Pushing to object storage").

``MIRROR_TARGETS`` (or the secret file ``MIRROR_TARGETS_FILE``) is a comma-separated list of rclone connection
strings, each optionally named with a ``NAME=`` prefix::

    r2=:s3,provider=Cloudflare,endpoint='https://….r2.cloudflarestorage.com',access_key_id=…,secret_access_key=…:bucket/site,
    :webdav,url='https://dav.example.org/',vendor=other,user=…,pass=…:site

A new target starts at an item that begins with ``:`` (or ``NAME=:``) or with ``remote:`` (a remote of the
operator's rclone configuration). Values with commas or colons may be quoted ('…' or "…", a quote doubled inside).

Credentials never reach the database, the command line (``ps`` shows it to every user) or a log: the parameters
are handed to rclone as ``RCLONE_CONFIG_<REMOTE>_<KEY>`` environment variables of its process, and every parameter
value is scrubbed from what rclone prints before it is kept or shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings

#: Parameters whose values are not secret and may be shown (everything else is scrubbed from messages).
PUBLIC_PARAMETERS = frozenset({"provider", "endpoint", "url", "region", "vendor", "type", "host", "port", "env_auth"})
#: Backends where comparing checksums is possible (and so used instead of modification times).
HASHING_BACKENDS = frozenset({"s3", "b2", "gcs", "azureblob", "local"})
NAME = re.compile(r"^[A-Za-z0-9_.-]{1,60}$")
_TARGET_START = re.compile(r"\s*(?:[A-Za-z0-9_.-]+=)?:[A-Za-z]|\s*[A-Za-z0-9_.-]+:(?!//)")


class TargetError(ValueError):
    """``MIRROR_TARGETS`` cannot be read; the message names the target (never its credentials)."""


@dataclass
class Target:
    name: str
    backend: str  # "s3", "webdav", … ; "" for a remote of the rclone configuration file
    path: str
    parameters: dict[str, str] = field(default_factory=dict, repr=False)
    remote: str = ""  # the configured remote's name, when ``backend`` is ""

    def rclone_remote(self, alias: str) -> str:
        """The ``REMOTE:path`` to give rclone (``alias`` is the remote set up by :meth:`rclone_environment`)."""
        return f"{self.remote or alias}:{self.path}"

    def rclone_environment(self, alias: str) -> dict[str, str]:
        if not self.backend:
            return {}
        prefix = f"RCLONE_CONFIG_{alias.upper()}_"
        environment = {prefix + "TYPE": self.backend}
        environment.update({prefix + key.upper(): value for key, value in self.parameters.items()})
        return environment

    @property
    def secrets(self) -> list[str]:
        """Values to scrub from anything rclone prints (longest first, so a value inside another goes too)."""
        values = [value for key, value in self.parameters.items() if key not in PUBLIC_PARAMETERS and value]
        return sorted(values, key=len, reverse=True)

    def scrub(self, text: str) -> str:
        for value in self.secrets:
            text = text.replace(value, "•••")
        return text

    @property
    def compares_checksums(self) -> bool:
        return self.backend in HASHING_BACKENDS or self.parameters.get("vendor") in {"rclone", "nextcloud", "owncloud"}


def configured_targets() -> list[Target]:
    """The targets of ``MIRROR_TARGETS`` (raises :class:`TargetError` naming the wrong one)."""
    return parse_targets(getattr(settings, "MIRROR_TARGETS", "") or "")


def parse_targets(text: str) -> list[Target]:
    targets: list[Target] = []
    for number, chunk in enumerate(_split_targets(text), start=1):
        target = _parse_target(chunk.strip(), number)
        if not NAME.match(target.name):
            raise TargetError(f"target {number}: a name may only have letters, digits, '.', '_' and '-'.")
        if any(other.name == target.name for other in targets):
            target.name = f"{target.name}-{number}"
        targets.append(target)
    return targets


def _split_targets(text: str) -> list[str]:
    """Cut at the commas (outside quotes) that are followed by the start of a new target."""
    chunks, start, quote = [], 0, ""
    for index, char in enumerate(text):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "," and _TARGET_START.match(text, index + 1):
            chunks.append(text[start:index])
            start = index + 1
    chunks.append(text[start:])
    return [chunk for chunk in chunks if chunk.strip()]


def _parse_target(text: str, number: int) -> Target:
    label = f"target {number}"
    name = ""
    match = re.match(r"([A-Za-z0-9_.-]+)=(?=:)", text)
    if match:
        name, text = match.group(1), text[match.end() :]
    if not text.startswith(":"):
        remote, colon, path = text.partition(":")
        if not colon or not NAME.match(remote):
            raise TargetError(f"{label}: write a connection string (:backend,key=value:path) or remote:path.")
        return Target(name=name or remote, backend="", remote=remote, path=path)
    match = re.match(r":([A-Za-z0-9]+)", text)
    if not match:
        raise TargetError(f"{label}: the backend after ':' is missing (e.g. :s3,…).")
    backend, position = match.group(1).lower(), match.end()
    parameters: dict[str, str] = {}
    while position < len(text) and text[position] == ",":
        key_match = re.match(r",\s*([A-Za-z0-9_]+)=", text[position:])
        if not key_match:
            raise TargetError(f"{label}: a parameter without key=value after {', '.join(parameters) or backend}.")
        key = key_match.group(1).lower()
        position += key_match.end()
        value, position = _value(text, position, label=label)
        parameters[key] = value
    if position >= len(text) or text[position] != ":":
        raise TargetError(f"{label}: the path is missing (…:bucket/folder at the end).")
    path = text[position + 1 :].strip()
    if not path:
        raise TargetError(f"{label}: the path is missing (…:bucket/folder at the end).")
    name = name or re.sub(r"[^A-Za-z0-9_.-]+", "-", f"{backend}-{path}").strip("-")[:60]
    return Target(name=name, backend=backend, path=path, parameters=parameters)


def _value(text: str, position: int, *, label: str) -> tuple[str, int]:
    """A value, quoted or not; an unquoted one runs to the next comma or, for the last one, to the last colon."""
    if position < len(text) and text[position] in "'\"":
        quote, position, value = text[position], position + 1, []
        while position < len(text):
            if text[position] == quote:
                if text[position + 1 : position + 2] == quote:
                    value.append(quote)
                    position += 2
                    continue
                return "".join(value), position + 1
            value.append(text[position])
            position += 1
        raise TargetError(f"{label}: a quote is not closed.")
    rest = text[position:]
    comma = rest.find(",")
    end = comma if comma >= 0 else rest.rfind(":")
    if end < 0:
        raise TargetError(f"{label}: the path is missing (…:bucket/folder at the end).")
    return rest[:end], position + end
