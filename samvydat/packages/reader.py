"""Read a content package from disk and check each file on its own (no database needed)."""

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from .errors import ItemError, PackageProblem
from .frontmatter import Document, parse
from .limits import file_refusal

PAGE_SECTIONS = ("plans", "news", "weekly", "discussions", "statements")
SNIPPET_SECTIONS = ("topics", "people")
SECTIONS = SNIPPET_SECTIONS + PAGE_SECTIONS
TRENDS = ("improved", "unchanged", "worsened")
FORMATS = ("online", "offline")
KINDS = ("person", "organisation")
FILENAME = re.compile(r"^(?P<slug>[a-z0-9](?:[a-z0-9-]{0,200}[a-z0-9])?)\.(?P<lang>[a-z]{2,3})\.md$")
KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$")
#: ``translationOf``: the fingerprint of the source's text a translation was made from (translations.text.digest).
SOURCE_DIGEST = re.compile(r"^[0-9a-f]{16}$")


@dataclass
class Item:
    section: str
    slug: str
    lang: str
    path: Path
    doc: Document

    @property
    def meta(self) -> dict:
        return self.doc.meta

    @property
    def key(self) -> str:
        return str(self.meta["translationKey"])

    def problem(self, message: str, line: int | None = None) -> PackageProblem:
        return PackageProblem(self.path, line or 1, message)

    def line_of(self, key: str) -> int:
        return self.doc.line_of(key)


def read_package(root: Path) -> tuple[list[Item], list[PackageProblem]]:
    """Every Markdown file under ``root/content``, parsed and checked; the problems found."""
    content = root / "content"
    problems: list[PackageProblem] = []
    items: list[Item] = []
    if not content.is_dir():
        return [], [
            PackageProblem(content, 1, "no 'content' folder: a package is PATH/content/<section>/<slug>.<lang>.md")
        ]
    languages = {code for code, _name in settings.LANGUAGES}
    max_bytes = settings.PACKAGE_MAX_FILE_BYTES
    for section_dir in sorted(p for p in content.iterdir() if p.is_dir()):
        section = section_dir.name
        markdown_files = sorted(section_dir.glob("*.md"))
        if section not in SECTIONS:
            where = markdown_files[0] if markdown_files else section_dir
            problems.append(PackageProblem(where, 1, f"unknown section '{section}' (known: {', '.join(SECTIONS)})"))
            continue
        for path in markdown_files:
            match = FILENAME.match(path.name)
            if not match:
                problems.append(PackageProblem(path, 1, "file name must be <slug>.<lang>.md, slug in a-z, 0-9 and '-'"))
                continue
            if match["lang"] not in languages:
                problems.append(
                    PackageProblem(
                        path, 1, f"unknown language '{match['lang']}' (known: {', '.join(sorted(languages))})"
                    )
                )
                continue
            refusal = file_refusal(path, root=root, max_bytes=max_bytes)
            if refusal:
                problems.append(PackageProblem(path, 1, refusal))
                continue
            try:
                text = path.read_text(encoding="utf-8")
                item = Item(section, match["slug"], match["lang"], path, parse(text))
                check_item(item)
            except UnicodeDecodeError:
                problems.append(PackageProblem(path, 1, "the file is not UTF-8 text"))
                continue
            except ItemError as error:
                problems.append(PackageProblem(path, error.line, error.message))
                continue
            items.append(item)
    return items, problems


def _need(item: Item, key: str) -> object:
    value = item.meta.get(key)
    if value in (None, "", []):
        raise ItemError(f"'{key}' is required in {item.section}", item.line_of(key) if key in item.meta else 2)
    return value


def _date(item: Item, key: str) -> None:
    value = item.meta.get(key)
    if isinstance(value, str):
        try:
            item.meta[key] = datetime.date.fromisoformat(value)
        except ValueError:
            raise ItemError(f"'{key}' must be a date as YYYY-MM-DD, not {value!r}", item.line_of(key)) from None
    elif not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        if isinstance(value, datetime.datetime):
            item.meta[key] = value.date()
        else:
            raise ItemError(f"'{key}' must be a date as YYYY-MM-DD", item.line_of(key))


def _keys(item: Item, key: str) -> list[str]:
    """A list of keys (a single string is accepted as a list of one)."""
    value = item.meta.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ItemError(f"'{key}' must be a list of keys", item.line_of(key))
    item.meta[key] = value
    return value


def _strings(item: Item, key: str) -> None:
    value = item.meta.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise ItemError(f"'{key}' must be a list of texts", item.line_of(key))
    item.meta[key] = [str(v) for v in value]


def _choice(item: Item, key: str, choices: tuple[str, ...]) -> None:
    value = item.meta.get(key)
    if value is not None and value not in choices:
        raise ItemError(f"unknown {key} {value!r} (one of: {', '.join(choices)})", item.line_of(key))


def check_item(item: Item) -> None:
    """Checks that need only the file itself. Raises ItemError with the line at fault."""
    meta = item.meta
    title = _need(item, "title")
    if not isinstance(title, str) or len(title) > 255:
        raise ItemError("'title' must be a text of at most 255 characters", item.line_of("title"))
    key = _need(item, "translationKey")
    if not isinstance(key, str) or not KEY.match(key):
        raise ItemError(
            "'translationKey' must be letters, digits, '-', '_', '.' or ':'", item.line_of("translationKey")
        )
    for text_key in ("summary", "role", "affiliation", "series", "place", "registration"):
        if text_key in meta and meta[text_key] is not None and not isinstance(meta[text_key], (str, int, float)):
            raise ItemError(f"'{text_key}' must be a text", item.line_of(text_key))
    if "translationOf" in meta:
        _check_translation_of(item)
    if "fingerprint" in meta and not (
        isinstance(meta["fingerprint"], str) and SOURCE_DIGEST.match(meta["fingerprint"])
    ):
        raise ItemError(
            "'fingerprint' must be 16 hex digits (an export writes it; it is not read)", item.line_of("fingerprint")
        )
    if "draft" in meta and not isinstance(meta["draft"], bool):
        raise ItemError("'draft' must be true or false", item.line_of("draft"))
    if item.section in PAGE_SECTIONS:
        _need(item, "date")
        _date(item, "date")
    section = item.section
    if section in ("news", "weekly"):
        _keys(item, "authors")
    if section == "news":
        _keys(item, "related")
    if section == "plans":
        _need(item, "pdf")
    if section == "weekly":
        _need(item, "week")
        _date(item, "week")
        _check_week(item)
        _need(item, "topic")
        _need(item, "trend")
        _choice(item, "trend", TRENDS)
        if not isinstance(meta["topic"], str):
            raise ItemError("'topic' must be a topic key", item.line_of("topic"))
    if section == "discussions":
        _check_discussion(item)
    if section == "statements":
        _keys(item, "signatories")
    if section == "people":
        _choice(item, "kind", KINDS)
        _strings(item, "aliases")


def _check_week(item: Item) -> None:
    """A commentary's ``week`` is a Monday and its ``date`` lies in that week or the days after it."""
    from samvydat.weekly.weeks import PUBLICATION_DAYS, commentary_dates, monday_of

    week, date = item.meta["week"], item.meta["date"]
    if monday_of(week) != week:
        raise ItemError(
            f"'week' is the Monday the issue's week starts on: {week} is a {week:%A}; did you mean {monday_of(week)}?",
            item.line_of("week"),
        )
    first, last = commentary_dates(week)
    if not first <= date <= last:
        raise ItemError(
            f"'date' of a commentary of the week of {week} must lie within that week or the {PUBLICATION_DAYS} "
            f"days after it ({first} to {last}), not {date}",
            item.line_of("date"),
        )


def _check_translation_of(item: Item) -> None:
    value = item.meta["translationOf"]
    line = item.line_of("translationOf")
    if item.lang == settings.LANGUAGE_CODE:
        raise ItemError(f"'translationOf' is only for translations, not for the '{item.lang}' source", line)
    if not isinstance(value, str) or not SOURCE_DIGEST.match(value):
        raise ItemError("'translationOf' must be the 16 hex digits an export wrote (the source's fingerprint)", line)


def _check_discussion(item: Item) -> None:
    meta = item.meta
    if meta.get("number") is not None and (not isinstance(meta["number"], int) or meta["number"] < 0):
        raise ItemError("'number' must be a whole number", item.line_of("number"))
    _choice(item, "format", FORMATS)
    registration = meta.get("registration")
    if registration and not str(registration).startswith(("https://", "http://")):
        raise ItemError("'registration' must be an http(s) address", item.line_of("registration"))
    if meta.get("moderator") is not None and not isinstance(meta["moderator"], str):
        raise ItemError("'moderator' must be a person key", item.line_of("moderator"))
    _strings(item, "questions")
    _strings(item, "briefly")
    participants = meta.get("participants") or []
    if not isinstance(participants, list) or not all(
        isinstance(p, dict) and isinstance(p.get("person"), str) for p in participants
    ):
        raise ItemError("'participants' must be a list of {person: key, intro: text}", item.line_of("participants"))
    transcript = meta.get("transcript") or []
    valid = isinstance(transcript, list) and all(
        isinstance(s, dict)
        and isinstance(s.get("question"), str)
        and isinstance(s.get("turns") or [], list)
        and all(isinstance(t, dict) and isinstance(t.get("speaker"), str) for t in s.get("turns") or [])
        for s in transcript
    )
    if not valid:
        raise ItemError(
            "'transcript' must be a list of {question: text, turns: [{speaker: key, text: text}]}",
            item.line_of("transcript"),
        )
