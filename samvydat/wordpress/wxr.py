"""A hardened reader of WordPress eXtended RSS (WXR 1.1 and 1.2), as *Tools → Export* writes it.

Exports come from outside, so the XML is parsed with ``defusedxml``: a document type declaration is refused
outright (WordPress never writes one), hence no entity of any kind (no billion laughs) and no external
reference (nothing fetched, no local file read). The file is streamed item by item (``iterparse``, each item
cleared once read), so memory stays flat in the export's size.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from .errors import ExportError

CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"
WXR_VERSIONS = ("1.1", "1.2")
_WP_PREFIX = "{http://wordpress.org/export/"


@dataclass(frozen=True)
class Term:
    """A category, tag or other taxonomy term (Polylang's languages and translation groups are terms)."""

    taxonomy: str
    slug: str
    name: str
    description: str = ""


@dataclass
class Item:
    post_id: int
    post_type: str
    status: str
    title: str
    slug: str
    link: str
    content: str
    excerpt: str
    author: str
    published_at: datetime | None
    parent_id: int
    attachment_url: str = ""
    terms: list[Term] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)

    def terms_in(self, taxonomy: str) -> list[Term]:
        return [term for term in self.terms if term.taxonomy == taxonomy]

    @property
    def thumbnail_id(self) -> int | None:
        """The attachment chosen as the featured image (``_thumbnail_id``), if any."""
        value = self.meta.get("_thumbnail_id", "").strip()
        return int(value) if value.isdigit() else None


@dataclass
class Export:
    path: Path
    version: str
    base_url: str
    authors: dict[str, str]  # login → display name
    terms: list[Term]
    items: list[Item]

    def terms_in(self, taxonomy: str) -> list[Term]:
        return [term for term in self.terms if term.taxonomy == taxonomy]

    def attachments(self) -> dict[int, Item]:
        return {item.post_id: item for item in self.items if item.post_type == "attachment"}


def _local(tag: str) -> tuple[str, str]:
    """(``wp`` | ``content`` | …, local name) of a namespaced tag."""
    if tag.startswith(_WP_PREFIX):
        namespace, _, name = tag[1:].partition("}")
        return ("excerpt" if namespace.endswith("/excerpt/") else "wp"), name
    if tag.startswith(CONTENT):
        return "content", tag[len(CONTENT) :]
    if tag.startswith(DC):
        return "dc", tag[len(DC) :]
    return "", tag


def _children(element) -> dict[tuple[str, str], str]:
    values = {}
    for child in element:
        values.setdefault(
            _local(child.tag), (child.text or "").strip() if child.tag != CONTENT + "encoded" else child.text or ""
        )
    return values


def _gmt_date(value: str, path: Path, post_id: int) -> datetime | None:
    if not value or value.startswith("0000-00-00"):
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        raise ExportError(path, f"wp:post_date_gmt {value!r} is not a date", post_id=post_id) from None


def _item(element, path: Path) -> Item:
    values = _children(element)
    raw_id = values.get(("wp", "post_id"), "")
    if not raw_id.isdigit():
        raise ExportError(path, f"an item (titled {values.get(('', 'title'), '')!r}) has no numeric wp:post_id")
    post_id = int(raw_id)
    post_type = values.get(("wp", "post_type"), "")
    if not post_type:
        raise ExportError(path, "no wp:post_type", post_id=post_id)
    terms = [
        Term(taxonomy=child.get("domain", ""), slug=child.get("nicename", ""), name=(child.text or "").strip())
        for child in element.findall("category")
    ]
    meta = {}
    for postmeta in element:
        if _local(postmeta.tag) == ("wp", "postmeta"):
            pair = _children(postmeta)
            meta[pair.get(("wp", "meta_key"), "")] = pair.get(("wp", "meta_value"), "")
    parent = values.get(("wp", "post_parent"), "0")
    return Item(
        post_id=post_id,
        post_type=post_type,
        status=values.get(("wp", "status"), ""),
        title=values.get(("", "title"), ""),
        slug=values.get(("wp", "post_name"), ""),
        link=values.get(("", "link"), ""),
        content=values.get(("content", "encoded"), ""),
        excerpt=values.get(("excerpt", "encoded"), "").strip(),
        author=values.get(("dc", "creator"), ""),
        published_at=_gmt_date(values.get(("wp", "post_date_gmt"), ""), path, post_id),
        parent_id=int(parent) if parent.isdigit() else 0,
        attachment_url=values.get(("wp", "attachment_url"), ""),
        terms=terms,
        meta=meta,
    )


def _channel_term(element) -> Term:
    values = _children(element)
    kind = _local(element.tag)[1]
    if kind == "category":
        return Term(
            "category",
            values.get(("wp", "category_nicename"), ""),
            values.get(("wp", "cat_name"), ""),
            values.get(("wp", "category_description"), ""),
        )
    if kind == "tag":
        return Term(
            "post_tag",
            values.get(("wp", "tag_slug"), ""),
            values.get(("wp", "tag_name"), ""),
            values.get(("wp", "tag_description"), ""),
        )
    return Term(
        values.get(("wp", "term_taxonomy"), ""),
        values.get(("wp", "term_slug"), ""),
        values.get(("wp", "term_name"), ""),
        values.get(("wp", "term_description"), ""),
    )


def iter_export(path: Path) -> Iterator[tuple[str, object]]:
    """("version" | "base_url" | "author" | "term" | "item", value) in file order, streamed."""
    path = Path(path)
    depth = 0
    seen_rss = False
    try:
        with path.open("rb") as source:
            events = iterparse(
                source, events=("start", "end"), forbid_dtd=True, forbid_entities=True, forbid_external=True
            )
            for event, element in events:
                if event == "start":
                    depth += 1
                    if depth == 1:
                        if element.tag != "rss":
                            raise ExportError(
                                path, f"not a WordPress export: the root is <{element.tag}>, not <rss>", line=1
                            )
                        seen_rss = True
                    continue
                depth -= 1
                if depth != 2:  # only children of <channel> are read; deeper ones are read with their parent
                    continue
                namespace, name = _local(element.tag)
                if namespace == "wp" and name == "wxr_version":
                    version = (element.text or "").strip()
                    if version not in WXR_VERSIONS:
                        raise ExportError(path, f"WXR version {version!r} is not supported (1.1 or 1.2)")
                    yield "version", version
                elif namespace == "wp" and name == "base_site_url":
                    yield "base_url", (element.text or "").strip()
                elif namespace == "wp" and name == "author":
                    values = _children(element)
                    yield (
                        "author",
                        (values.get(("wp", "author_login"), ""), values.get(("wp", "author_display_name"), "")),
                    )
                elif namespace == "wp" and name in ("category", "tag", "term"):
                    yield "term", _channel_term(element)
                elif namespace == "" and name == "item":
                    yield "item", _item(element, path)
                else:
                    continue
                element.clear()
    except ParseError as error:
        line = error.position[0] if getattr(error, "position", None) else None
        raise ExportError(path, f"not well-formed XML ({error})", line=line) from None
    except DefusedXmlException as error:
        raise ExportError(
            path,
            f"refused: the file declares a document type or entities ({type(error).__name__}); "
            "a WordPress export never does",
        ) from None
    except OSError as error:
        raise ExportError(path, f"cannot be read ({error.strerror or error})") from None
    if not seen_rss:
        raise ExportError(path, "empty file, not a WordPress export")


def read_export(path: Path) -> Export:
    """The whole export (channel terms, authors and items); raises ``ExportError`` naming the line or post."""
    export = Export(path=Path(path), version="", base_url="", authors={}, terms=[], items=[])
    seen_ids = set()
    for kind, value in iter_export(path):
        if kind == "version":
            export.version = value
        elif kind == "base_url":
            export.base_url = value
        elif kind == "author":
            export.authors[value[0]] = value[1] or value[0]
        elif kind == "term":
            export.terms.append(value)
        else:
            if value.post_id in seen_ids:
                raise ExportError(path, "the same wp:post_id appears twice", post_id=value.post_id)
            seen_ids.add(value.post_id)
            export.items.append(value)
    if not export.version:
        raise ExportError(path, "no wp:wxr_version: not a WordPress export")
    return export
