"""OpenDocument texts rebuilt from an allow-list of parts.

Kept: ``mimetype`` (first, stored), the text and styles (also of embedded formula or chart objects,
``Object N/``), the manifest (listing only what stays) and pictures re-encoded from their pixels. Replaced by
empty ones: ``meta.xml`` (author, dates, editing time, printed by) and ``settings.xml`` (printer name and the
printer driver's setup blob, window layout). Left out: ``Thumbnails/``, ``ObjectReplacements/``,
``Configurations2/``, ``manifest.rdf`` and anything else. In the text: authors, initials and dates of comments
and tracked changes, author and sender fields (filled from the sender's user data) are emptied; every link
that leaves the file (``xlink:href`` with a scheme or an absolute path: linked pictures, linked sections,
hyperlinks) is removed. DDE links and scripts are refused, as are password-protected files.
"""

import re

from django.utils.translation import gettext_lazy as _

from . import xml
from .errors import Budget, Refused
from .office import picture_cleaned

META = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.2">'
    b"<office:meta/></office:document-meta>"
)
SETTINGS = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<office:document-settings xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    b'office:version="1.2"/>'
)
MANIFEST = "META-INF/manifest.xml"
MANIFEST_NS = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
TEXT_PARTS = re.compile(r"^((Object \d+/)?(content|styles)\.xml)$")
REPLACED_PARTS = re.compile(r"^(Object \d+/)?(meta|settings)\.xml$")
PICTURES = re.compile(r"^Pictures/[^/]+$")
EMPTIED_ELEMENTS = (
    r"creator|date|initial-creator|creator-initials|printed-by|print-date|creation-date|author-name"
    r"|author-initials|sender-[\w-]+"
)
_PERSONAL_ELEMENT = re.compile(r"^(" + EMPTIED_ELEMENTS + r")$")
_EXTERNAL = re.compile(r"^([a-zA-Z][\w+.-]*:|/|\\|\.\./)")
_HREF = re.compile(rb"""(\s[\w.-]+:href\s*=\s*)("([^"]*)"|'([^']*)')""")
_ACTIVE = re.compile(rb"<[\w.-]+:(dde-source|dde-connection-decl|dde-connection|event-listener|script)\b")


def cleaned_parts(parts: dict[str, bytes], *, budget: Budget, name: str) -> dict[str, bytes]:
    if b"encryption-data" in parts.get(MANIFEST, b""):
        raise Refused(_("“%(name)s” is protected by a password. Please send it without one."), name=name)
    kept: dict[str, bytes] = {"mimetype": parts["mimetype"].strip()}
    for filename, content in parts.items():
        if REPLACED_PARTS.match(filename):
            kept[filename] = META if filename.endswith("meta.xml") else SETTINGS
        elif TEXT_PARTS.match(filename):
            kept[filename] = _text_cleaned(content, name=name)
        elif PICTURES.match(filename):
            picture = picture_cleaned(content, budget=budget, name=name)
            if picture is not None:
                kept[filename] = picture
    kept[MANIFEST] = _manifest_kept(parts.get(MANIFEST, b""), set(kept), name=name)
    return kept


def _text_cleaned(content: bytes, *, name: str) -> bytes:
    xml.parsed(content, name=name)  # no DTD, no entities, well-formed: before any edit
    if _ACTIVE.search(content):
        raise Refused(
            _("“%(name)s” contains links to programs or scripts. Please remove them and send it again."), name=name
        )
    content = xml.elements_emptied(content, EMPTIED_ELEMENTS)
    content = _HREF.sub(lambda m: b"" if _EXTERNAL.match((m.group(3) or m.group(4) or b"").decode()) else m.group(0),
                        content)  # fmt: skip
    xml.verify(xml.parsed(content, name=name), _still_personal, name=name)
    return content


def _still_personal(element) -> bool:
    if _PERSONAL_ELEMENT.match(xml.local(element.tag)) and (element.text or len(element) or element.attrib):
        return True
    return bool(_EXTERNAL.match(element.get(XLINK_HREF, "")))


def _manifest_kept(content: bytes, present: set[str], *, name: str) -> bytes:
    """The manifest, listing only the parts that stay (a listed part that is missing makes the file "damaged")."""
    from xml.sax.saxutils import quoteattr

    root = xml.parsed(content, name=name) if content else None
    entries = []
    for entry in root.iter(f"{{{MANIFEST_NS}}}file-entry") if root is not None else []:
        path = entry.get(f"{{{MANIFEST_NS}}}full-path", "")
        if path == "/" or path in present or (path.endswith("/") and any(p.startswith(path) for p in present)):
            media = entry.get(f"{{{MANIFEST_NS}}}media-type", "")
            entries.append(
                f"<manifest:file-entry manifest:full-path={quoteattr(path)} manifest:media-type={quoteattr(media)}/>"
            )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<manifest:manifest xmlns:manifest="{MANIFEST_NS}" manifest:version="1.2">'
        + "".join(entries)
        + "</manifest:manifest>"
    ).encode()
