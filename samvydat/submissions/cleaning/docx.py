"""Word documents rebuilt from an allow-list of parts.

Kept: the text (document, headers, footers, footnotes, endnotes, comments), its styles, numbering, settings,
theme and fonts table, and pictures re-encoded from their pixels. Left out: ``customXml/`` (SharePoint owners,
…), ``word/people.xml`` (``w15:author`` with the account ids of everyone who commented), ``docProps/thumbnail.*``,
``docProps/custom.xml``, embedded objects and ActiveX controls, embedded fonts, the glossary, and every
relationship that points outside the file (``TargetMode="External"``: remote templates, linked pictures and
hyperlinks — they call a server when the file is opened or clicked), together with the attributes that referred
to them. In what is kept: revision-session ids (``w:rsid*``), paragraph and document ids (``w14:paraId``,
``w14:textId``, ``w14:docId``, ``w15:docId``), ``w:attachedTemplate``, mail-merge sources and document
variables are removed, authors and initials emptied, dates removed, picture names and descriptions (which
older Word fills with the picture's path on the sender's disk) emptied. Field codes that fetch other files or
run programs (INCLUDEPICTURE, INCLUDETEXT, LINK, DDE, …) are refused.
"""

import posixpath
import re
from xml.sax.saxutils import quoteattr

from django.utils.translation import gettext_lazy as _

from . import xml
from .errors import Budget, Refused
from .office import picture_cleaned

CORE = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/"/>'
)
APP = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"/>'
)
REPLACED = {"docProps/core.xml": CORE, "docProps/app.xml": APP}
KEPT_XML = re.compile(
    r"^(\[Content_Types\]\.xml|word/(document|styles|stylesWithEffects|settings|webSettings|fontTable|numbering"
    r"|footnotes|endnotes|comments|commentsExtended|commentsIds|commentsExtensible)\.xml"
    r"|word/(header|footer)\d+\.xml|word/theme/theme\d+\.xml)$"
)
PICTURES = re.compile(r"^word/media/[^/]+$")
RELATIONSHIPS = re.compile(r"^(_rels/\.rels|word/_rels/[^/]+\.rels|word/theme/_rels/[^/]+\.rels)$")
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REMOVED_ATTRIBUTES = r"rsid\w*|paraId|textId|date|dateUtc|userId|providerId|durableId|href|title"
EMPTIED_ATTRIBUTES = r"author|initials"
REMOVED_ELEMENTS = r"rsids|rsidRoot|docId|attachedTemplate|mailMerge|docVars|person|saveThroughXslt"
PICTURE_PROPERTIES = re.compile(rb"<[\w.-]+:(?:docPr|cNvPr)\b[^>]*>")
FETCHING_FIELDS = re.compile(
    rb"\b(INCLUDEPICTURE|INCLUDETEXT|LINK|DDE|DDEAUTO|IMPORT|HYPERLINK\s+\"?\\\\|AUTOTEXTLIST|DATABASE)\b"
)
_FORBIDDEN_ATTRIBUTE = re.compile(r"^(rsid\w*|paraId|textId|date|dateUtc|userId|providerId|durableId)$")
_FORBIDDEN_ELEMENT = re.compile(r"^(" + REMOVED_ELEMENTS + r"|presenceInfo)$")


def cleaned_parts(parts: dict[str, bytes], *, budget: Budget, name: str) -> dict[str, bytes]:
    kept: dict[str, bytes] = {}
    for filename, content in parts.items():
        if filename in REPLACED:
            kept[filename] = REPLACED[filename]
        elif KEPT_XML.match(filename):
            kept[filename] = content
        elif PICTURES.match(filename):
            picture = picture_cleaned(content, budget=budget, name=name)
            if picture is not None:
                kept[filename] = picture
    dropped_ids: dict[str, set[str]] = {}
    for filename in [n for n in parts if RELATIONSHIPS.match(n) and (_source_of(n) in kept or n == "_rels/.rels")]:
        source = _source_of(filename)
        kept[filename], dropped_ids[source] = _relationships_kept(parts[filename], source, set(kept), name=name)
    kept["[Content_Types].xml"] = _content_types_kept(kept.get("[Content_Types].xml", b""), set(kept), name=name)
    for filename in [n for n in kept if KEPT_XML.match(n) and n != "[Content_Types].xml"]:
        kept[filename] = _part_cleaned(kept[filename], dropped_ids.get(filename, set()), name=name)
    return kept


def _source_of(rels: str) -> str:
    """``word/_rels/document.xml.rels`` → ``word/document.xml``; ``_rels/.rels`` → ``""`` (the package)."""
    folder, base = posixpath.split(rels)
    return posixpath.join(posixpath.dirname(folder), base[: -len(".rels")]) if base != ".rels" else ""


def _target(source: str, target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _relationships_kept(content: bytes, source: str, present: set[str], *, name: str) -> tuple[bytes, set[str]]:
    """Only the relationships to parts that stay in the file; none that points outside it."""
    root = xml.parsed(content, name=name)
    lines, dropped = [], set()
    for relationship in root.iter(f"{{{RELS_NS}}}Relationship"):
        rid, kind, target = (relationship.get(key, "") for key in ("Id", "Type", "Target"))
        internal = relationship.get("TargetMode", "Internal") == "Internal" and "://" not in target
        if internal and _target(source, target) in present:
            lines.append(f"<Relationship Id={quoteattr(rid)} Type={quoteattr(kind)} Target={quoteattr(target)}/>")
        else:
            dropped.add(rid)
    rebuilt = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{RELS_NS}">'
    return (rebuilt + "".join(lines) + "</Relationships>").encode(), dropped


def _content_types_kept(content: bytes, present: set[str], *, name: str) -> bytes:
    root = xml.parsed(content, name=name)
    lines = [
        f"<Default Extension={quoteattr(item.get('Extension', ''))} ContentType={quoteattr(item.get('ContentType', ''))}/>"
        for item in root.iter(f"{{{TYPES_NS}}}Default")
    ]
    for item in root.iter(f"{{{TYPES_NS}}}Override"):
        part = item.get("PartName", "")
        if part.lstrip("/") in present:
            lines.append(f"<Override PartName={quoteattr(part)} ContentType={quoteattr(item.get('ContentType', ''))}/>")
    rebuilt = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="{TYPES_NS}">'
    return (rebuilt + "".join(lines) + "</Types>").encode()


def _part_cleaned(content: bytes, dropped_ids: set[str], *, name: str) -> bytes:
    xml.parsed(content, name=name)  # no DTD, no entities, well-formed: before any edit
    if _fetching_fields(content):
        raise Refused(
            _(
                "“%(name)s” contains fields that fetch other files or run programs. Please remove them and send it again."
            ),
            name=name,
        )
    content = xml.attributes_with_values_removed(content, dropped_ids)
    content = xml.elements_removed(content, REMOVED_ELEMENTS)
    content = xml.attributes_removed(content, REMOVED_ATTRIBUTES)
    content = xml.attributes_emptied(content, EMPTIED_ATTRIBUTES)
    content = PICTURE_PROPERTIES.sub(_picture_properties_emptied, content)
    xml.verify(xml.parsed(content, name=name), _still_personal, name=name)
    return content


def _fetching_fields(content: bytes) -> bool:
    """Field codes (split over several runs, or in ``w:fldSimple``) that fetch files or start programs."""
    codes = re.findall(rb"<[\w.-]+:instrText\b[^>]*>([^<]*)<", content)
    codes += re.findall(rb"""\s[\w.-]+:instr\s*=\s*(?:"([^"]*)"|'([^']*)')""", content)
    texts = [code if isinstance(code, bytes) else b"".join(code) for code in codes]
    return any(FETCHING_FIELDS.search(joined) for joined in (b"".join(texts), b" ".join(texts)))


def _picture_properties_emptied(match: re.Match) -> bytes:
    tag = re.sub(rb"""\s(descr|title)\s*=\s*("[^"]*"|'[^']*')""", b"", match.group(0))
    return re.sub(rb"""\sname\s*=\s*("[^"]*"|'[^']*')""", b' name="Picture"', tag)


def _still_personal(element) -> bool:
    if _FORBIDDEN_ELEMENT.match(xml.local(element.tag)):
        return True
    for attribute, value in element.attrib.items():
        local = xml.local(attribute)
        if _FORBIDDEN_ATTRIBUTE.match(local) or (local in ("author", "initials") and value):
            return True
        if local == "href" and attribute.startswith("{"):
            return True
    picture = xml.local(element.tag) in ("docPr", "cNvPr")
    return picture and bool(element.get("descr") or element.get("name") != "Picture")
