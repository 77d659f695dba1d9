"""Word (.docx) and OpenDocument (.odt) texts: ZIP archives checked against bombs and macros, rebuilt with the
author, editor, company and date fields emptied and the pictures inside cleaned like any image."""

import io
import re
import zipfile

from django.utils.translation import gettext_lazy as _

from .errors import Refused
from .images import FORMATS, clean_image

MAX_ENTRIES = 2000
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200  # a part unpacking to more than 200× its packed size is a bomb, not a text
FIXED_DATE = (1980, 1, 1, 0, 0, 0)  # ZIP entry times are editing times: replaced
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

DOCX_CORE = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/"/>'
)
DOCX_APP = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"/>'
)
DOCX_CUSTOM = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"/>'
)
ODT_META = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.2">'
    b"<office:meta/></office:document-meta>"
)
REPLACED = {
    "docx": {"docProps/core.xml": DOCX_CORE, "docProps/app.xml": DOCX_APP, "docProps/custom.xml": DOCX_CUSTOM},
    "odt": {"meta.xml": ODT_META},
}
# Who wrote, changed or commented what, and when (tracked changes, comments, annotations).
PERSONAL_ATTRIBUTES = re.compile(rb'\b(w:author|w:initials|w15:userId|w15:providerId)="[^"]*"')
DATE_ATTRIBUTES = re.compile(rb'\s(w:date|w16du:dateUtc)="[^"]*"')  # optional: removed
PERSONAL_ELEMENTS = re.compile(rb"<(dc:creator|dc:date|meta:creator|meta:initial-creator)>[^<]*</\1>")
MACRO_PARTS = re.compile(r"(^|/)(vbaProject\.bin|vbaData\.xml)$|^Basic/|^Scripts/", re.IGNORECASE)
PICTURE_PARTS = re.compile(r"^(word/media/|Pictures/|Thumbnails/)", re.IGNORECASE)


def _archive(data: bytes) -> zipfile.ZipFile | None:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None


def document_kind(data: bytes) -> str | None:
    """ "docx", "odt" or None for any other ZIP (or a broken one)."""
    archive = _archive(data)
    if archive is None:
        return None
    names = set(archive.namelist())
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return "docx"
    if "mimetype" in names:
        try:
            info = archive.getinfo("mimetype")
            if info.file_size < 200 and archive.read("mimetype").strip() == ODT_MIMETYPE:
                return "odt"
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
            return None
    return None


def _read_bounded(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    """Read one part, never unpacking more than ``budget`` bytes whatever its header claims."""
    with archive.open(info) as part:
        data = part.read(budget + 1)
    if len(data) > budget:
        raise _Bomb
    return data


class _Bomb(Exception):
    pass


def clean_document(data: bytes, kind: str, *, name: str = "") -> bytes:
    archive = _archive(data)
    if archive is None:
        raise Refused(_("“%(name)s” is damaged or not a readable document."), name=name)
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise Refused(_("“%(name)s” has too many parts to be a text document."), name=name)
    if any(MACRO_PARTS.search(info.filename) for info in infos):
        raise Refused(
            _("“%(name)s” contains macros. Please save it without them (as .docx or .odt) and send that."), name=name
        )
    out = io.BytesIO()
    remaining = MAX_UNPACKED_BYTES
    try:
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as rebuilt:
            for info in sorted(infos, key=lambda i: i.filename != "mimetype"):  # ODT: mimetype first, stored
                if info.is_dir():
                    continue
                budget = min(remaining, max(info.compress_size, 1) * MAX_RATIO, MAX_UNPACKED_BYTES)
                content = _read_bounded(archive, info, budget)
                remaining -= len(content)
                content = _clean_part(kind, info.filename, content, name=name)
                target = zipfile.ZipInfo(info.filename, date_time=FIXED_DATE)
                target.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
                rebuilt.writestr(target, content)
    except _Bomb:
        raise Refused(
            _("“%(name)s” unpacks to far more than its size (a “zip bomb”) and was not kept."), name=name
        ) from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        raise Refused(_("“%(name)s” is damaged or not a readable document."), name=name) from None
    return out.getvalue()


def _clean_part(kind: str, filename: str, content: bytes, *, name: str) -> bytes:
    if filename in REPLACED[kind]:
        return REPLACED[kind][filename]
    if filename.endswith(".xml"):
        content = PERSONAL_ATTRIBUTES.sub(lambda m: m.group(1) + b'=""', content)
        content = DATE_ATTRIBUTES.sub(b"", content)
        return PERSONAL_ELEMENTS.sub(lambda m: b"<%s></%s>" % (m.group(1), m.group(1)), content)
    if PICTURE_PARTS.search(filename):
        from . import sniff

        picture = sniff(content)
        if picture in FORMATS:
            try:
                return clean_image(content, picture, name=name)
            except Refused:
                raise Refused(_("“%(name)s” contains a picture we could not clean."), name=name) from None
    return content
