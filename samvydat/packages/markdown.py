"""Markdown bodies ↔ the raw JSON of ``BodyBlock`` StreamFields.

Plain Markdown becomes ``paragraph`` blocks (rich text HTML); ``##``/``###`` lines become ``heading``
blocks; ``>`` runs become ``quote`` blocks; ``:::image``/``:::video``/``:::links``/``:::document``
fences hold YAML for the richer blocks (see docs/content-format.md). Media paths are handed to a
``resolve_media(kind, path, line) -> pk`` callback, so this module never touches the database.

Markdown is untrusted input: raw HTML in it is escaped (shown as text), never passed through, and the HTML
Markdown makes is cut down by ``core.richtext.rich_text_clean`` to what the editor could store (no
``javascript:``/``data:`` links, no images, iframes or attributes). Addresses in ``:::video`` and ``:::links``
must be http(s).
"""

import re
import threading
from collections.abc import Callable

import markdown as markdown_lib
import yaml
from markdownify import markdownify

from samvydat.core.richtext import rich_text_clean, url_is_safe

from .errors import ItemError
from .frontmatter import dump_yaml, yaml_error_line

MediaResolver = Callable[[str, str, int], int]
MediaNamer = Callable[[str, int], str]

_HEADING = re.compile(r"^(#{1,3})\s+(.+?)\s*#*\s*$")
_FENCE_OPEN = re.compile(r"^:::\s*([a-z]+)\s*$")
_ATTRIBUTION = re.compile(r"^(?:—|--|–)\s*(.+)$")
FENCED_BLOCKS = {"image", "video", "links", "document"}


_converters = threading.local()
#: Anything that may be Markdown syntax, HTML or an entity, or that Markdown rewrites (tabs, carriage returns, controls).
_NOT_PLAIN = re.compile(r"[\\`*_\[\]<>&!#|~\t\r\x00-\x08\x0b-\x1f\x7f]")
#: Line starts that may open a list, a setext heading underline or a rule; and blank lines with spaces.
_BLOCK_START = re.compile(r"^(?:[-+=]|\d+[.)]|$)")


def plain_paragraphs_html(text: str) -> str | None:
    """The HTML of ``text`` when it is only plain paragraphs (most text is), else None: no Markdown needed.

    Gives exactly what Markdown gives for such text (tested against it with generated texts).
    """
    text = text.strip()
    if not text or _NOT_PLAIN.search(text):
        return None
    paragraphs = re.split(r"\n{2,}", text)
    for paragraph in paragraphs:
        for line in paragraph.split("\n"):
            if line != line.strip() or _BLOCK_START.match(line):
                return None
    return "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


class RawHtmlEscaped(markdown_lib.Extension):
    """Raw HTML in Markdown (blocks and inline tags) stays text: Markdown escapes it like any other ``<``."""

    def extendMarkdown(self, md):
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


def markdown_to_html(text: str) -> str:
    """Rich text HTML for Markdown ``text``: raw HTML escaped, the result limited to the editor's features."""
    plain = plain_paragraphs_html(text)
    if plain is not None:
        return plain  # no '<', '&' or Markdown syntax in it: nothing to sanitise
    # One converter per thread, reset between texts: building a Markdown instance costs more than most conversions.
    converter = getattr(_converters, "markdown", None)
    if converter is None:
        converter = _converters.markdown = markdown_lib.Markdown(extensions=[RawHtmlEscaped()], output_format="html")
    return rich_text_clean(converter.reset().convert(text.strip())).strip()


def html_to_markdown(html: str) -> str:
    text = markdownify(html or "", heading_style="ATX", bullets="-", strip=["span", "div"])
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def parse_body(
    body: str, *, first_line: int, resolve_media: MediaResolver, block_lines: list[int] | None = None
) -> list[dict]:
    """The raw StreamField data for a Markdown body; ``block_lines`` (if given) gets the file line of each block."""
    lines = body.split("\n")
    blocks: list[dict] = []
    starts: list[int] = block_lines if block_lines is not None else []
    text_buffer: list[tuple[int, str]] = []

    def flush_text():
        text = "\n".join(line for _no, line in text_buffer).strip()
        start = next((no for no, line in text_buffer if line.strip()), first_line)
        text_buffer.clear()
        if text:
            blocks.append({"type": "paragraph", "value": markdown_to_html(text)})
            starts.append(start)

    i = 0
    while i < len(lines):
        line = lines[i]
        line_no = first_line + i
        fence = _FENCE_OPEN.match(line)
        heading = _HEADING.match(line)
        if fence:
            flush_text()
            name = fence.group(1)
            if name not in FENCED_BLOCKS:
                raise ItemError(f"unknown block ':::{name}' (known: {', '.join(sorted(FENCED_BLOCKS))})", line_no)
            try:
                end = next(j for j in range(i + 1, len(lines)) if lines[j].strip() == ":::")
            except StopIteration:
                raise ItemError(f"':::{name}' is not closed by a ':::' line", line_no) from None
            try:
                data = yaml.safe_load("\n".join(lines[i + 1 : end])) or {}
            except yaml.YAMLError as error:
                raise ItemError(
                    f"broken YAML in ':::{name}': {getattr(error, 'problem', None) or error}",
                    line_no + 1 + (yaml_error_line(error) or 0),
                ) from None
            if not isinstance(data, dict):
                raise ItemError(f"':::{name}' must hold 'key: value' lines", line_no)
            blocks.append(_fenced_block(name, data, line_no, resolve_media))
            starts.append(line_no)
            i = end + 1
            continue
        if heading:
            flush_text()
            level = "3" if len(heading.group(1)) == 3 else "2"
            blocks.append({"type": "heading", "value": {"text": heading.group(2).strip(), "level": level}})
            starts.append(line_no)
        elif line.startswith(">"):
            flush_text()
            quote_lines = []
            while i < len(lines) and lines[i].startswith(">"):
                quote_lines.append(lines[i][1:].removeprefix(" "))
                i += 1
            attribution = ""
            if len(quote_lines) > 1 and (match := _ATTRIBUTION.match(quote_lines[-1].strip())):
                attribution = match.group(1).strip()
                quote_lines.pop()
            text = "\n".join(quote_lines).strip()
            blocks.append({"type": "quote", "value": {"text": text, "attribution": attribution}})
            starts.append(line_no)
            continue
        else:
            text_buffer.append((line_no, line))
        i += 1
    flush_text()
    return blocks


def _require(data: dict, key: str, name: str, line: int) -> str:
    value = data.get(key)
    if value in (None, ""):
        raise ItemError(f"':::{name}' needs '{key}'", line)
    return str(value)


def _http_address(value: str, name: str, line: int) -> str:
    if not url_is_safe(value):
        raise ItemError(f"':::{name}': {value[:80]!r} is not an http(s) address", line)
    return value


def _fenced_block(name: str, data: dict, line: int, resolve_media: MediaResolver) -> dict:
    if name == "image":
        src = _require(data, "src", name, line)
        value = {
            "image": resolve_media("image", src, line),
            "alt": str(data.get("alt") or ""),
            "caption": str(data.get("caption") or ""),
            "credit": str(data.get("credit") or ""),
        }
    elif name == "video":
        value = {
            "url": _http_address(_require(data, "url", name, line), name, line),
            "title": _require(data, "title", name, line),
            "transcript": markdown_to_html(str(data.get("transcript") or "")),
        }
    elif name == "links":
        items = data.get("items") or []
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            raise ItemError("':::links' needs 'items': a list of {label, url}", line)
        value = {
            "title": str(data.get("title") or ""),
            "items": [
                {"label": str(item.get("label") or ""), "url": _http_address(str(item.get("url") or ""), name, line)}
                for item in items
            ],
        }
    else:  # document
        src = _require(data, "src", name, line)
        value = {"document": resolve_media("document", src, line), "title": str(data.get("title") or "")}
    return {"type": name, "value": value}


def _fence(name: str, data: dict) -> str:
    data = {key: value for key, value in data.items() if value not in ("", None, [])}
    return f":::{name}\n{dump_yaml(data)}:::"


def body_to_markdown(raw_blocks: list[dict], *, media_name: MediaNamer) -> str:
    """The Markdown for raw StreamField data; the inverse of :func:`parse_body`."""
    parts = []
    for block in raw_blocks:
        kind, value = block["type"], block["value"]
        if kind == "paragraph":
            text = html_to_markdown(value)
            if text:
                parts.append(text)
        elif kind == "heading":
            parts.append(("### " if value.get("level") == "3" else "## ") + value["text"])
        elif kind == "quote":
            quote = [f"> {line}".rstrip() for line in value["text"].split("\n")]
            if value.get("attribution"):
                quote.append(f"> — {value['attribution']}")
            parts.append("\n".join(quote))
        elif kind == "image":
            if value.get("image"):
                data = {"src": media_name("image", value["image"])}
                data.update({key: value.get(key, "") for key in ("alt", "caption", "credit")})
                parts.append(_fence("image", data))
        elif kind == "video":
            transcript = html_to_markdown(value.get("transcript", ""))
            parts.append(_fence("video", {"url": value["url"], "title": value["title"], "transcript": transcript}))
        elif kind == "links":
            items = [{"label": item["label"], "url": item["url"]} for item in _list_values(value.get("items", []))]
            parts.append(_fence("links", {"title": value.get("title", ""), "items": items}))
        elif kind == "document" and value.get("document"):
            data = {"src": media_name("document", value["document"]), "title": value.get("title", "")}
            parts.append(_fence("document", data))
    return "\n\n".join(parts)


def _list_values(items: list) -> list:
    """ListBlock raw data is either plain values or ``{"type": "item", "value": …}`` dicts."""
    return [item["value"] if isinstance(item, dict) and item.get("type") == "item" else item for item in items]
