"""Word (.docx) and OpenDocument (.odt) texts: ZIP archives checked against bombs and macros, then rebuilt from
an allow-list of parts (``docx``, ``odt``): everything else — custom XML, people, thumbnails, embedded objects,
fonts, external relationships and templates — is left out; pictures are cleaned like any image; every entry is
dated 1980-01-01."""

import io
import re
import zipfile

from django.utils.translation import gettext_lazy as _

from .errors import Budget, OverBudget, Refused
from .images import FORMATS, clean_image

MAX_ENTRIES = 2000
MAX_RATIO = 200  # a part unpacking to more than 200× its packed size is a bomb, not a text
FIXED_DATE = (1980, 1, 1, 0, 0, 0)  # ZIP entry times are editing times: replaced
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
MACRO_PARTS = re.compile(r"(^|/)(vbaProject\.bin|vbaData\.xml)$|^Basic/|^Scripts/", re.IGNORECASE)
_BROKEN = (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError, KeyError)


def _archive(data: bytes) -> zipfile.ZipFile | None:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except _BROKEN:
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
        except _BROKEN:
            return None
    return None


class _Bomb(Exception):
    pass


def _read_bounded(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: Budget) -> bytes:
    """Read one part, never unpacking more than its ratio or the request's budget allow, whatever its header says."""
    limit = min(budget.unpacked, max(info.compress_size, 1) * MAX_RATIO)
    with archive.open(info) as part:
        data = part.read(limit + 1)
    if len(data) > limit or not budget.spend_unpacked(len(data)):
        raise _Bomb
    return data


def parts_read(data: bytes, *, budget: Budget, name: str) -> dict[str, bytes]:
    """Every file in the archive (name → bytes), read within the budget; refuses bombs, macros, broken files."""
    archive = _archive(data)
    if archive is None:
        raise Refused(_("“%(name)s” is damaged or not a readable document."), name=name)
    infos = [info for info in archive.infolist() if not info.is_dir()]
    if len(infos) > MAX_ENTRIES:
        raise Refused(_("“%(name)s” has too many parts to be a text document."), name=name)
    if any(MACRO_PARTS.search(info.filename) for info in infos):
        raise Refused(
            _("“%(name)s” contains macros. Please save it without them (as .docx or .odt) and send that."), name=name
        )
    try:
        return {info.filename: _read_bounded(archive, info, budget) for info in infos}
    except _Bomb:
        raise Refused(
            _("“%(name)s” unpacks to far more than its size (a “zip bomb”) and was not kept."), name=name
        ) from None
    except _BROKEN:
        raise Refused(_("“%(name)s” is damaged or not a readable document."), name=name) from None


def picture_cleaned(content: bytes, *, budget: Budget, name: str) -> bytes | None:
    """A picture part re-encoded from its pixels, or None for kinds we cannot clean (they are left out)."""
    from . import sniff

    kind = sniff(content)
    if kind not in FORMATS:
        return None
    try:
        return clean_image(content, kind, budget=budget, name=name)
    except OverBudget:
        raise  # the reader is told which limit the picture passed
    except Refused:
        raise Refused(_("“%(name)s” contains a picture we could not clean."), name=name) from None


def archive_written(parts: dict[str, bytes], *, first: str | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as rebuilt:
        order = [first] if first in parts else []
        for filename in order + [n for n in parts if n != first]:
            target = zipfile.ZipInfo(filename, date_time=FIXED_DATE)
            target.compress_type = zipfile.ZIP_STORED if filename == first else zipfile.ZIP_DEFLATED
            target.external_attr = 0o600 << 16
            rebuilt.writestr(target, parts[filename])
    return out.getvalue()


def clean_document(data: bytes, kind: str, *, budget: Budget, name: str = "") -> bytes:
    from . import docx, odt

    parts = parts_read(data, budget=budget, name=name)
    if kind == "docx":
        return archive_written(docx.cleaned_parts(parts, budget=budget, name=name))
    return archive_written(odt.cleaned_parts(parts, budget=budget, name=name), first="mimetype")
