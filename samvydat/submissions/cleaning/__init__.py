"""Files from readers: recognised by their content, stripped of metadata, or refused with a reason.

``clean_upload(name, data, budget=…)`` returns a ``CleanFile`` (new bytes, a safe name, the type) or raises
``Refused`` with a message for the reader. Nothing here writes to disk. Accepted: JPEG, PNG and WebP images
(re-encoded from their pixels: EXIF with GPS, XMP, IPTC, ICC and comments are gone), PDF (every object walked:
metadata, annotation authors and dates, actions that leave the file removed, JPEGs re-encoded; refused when it
holds scripts, launch actions, attachments or a password) and Word (.docx) or OpenDocument (.odt) texts
(rebuilt from an allow-list of parts, ids, authors and external links removed, pictures re-encoded; refused with
macros, or when the archive would unpack to far more than it weighs). All files of one request share one
``Budget`` (pixels, unpacked bytes). The web process never calls this directly: ``sandbox.files_cleaned`` runs
it in a child process with a memory and CPU limit.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .errors import Budget, OverBudget, Refused, default_budget

__all__ = [
    "ACCEPTED_EXTENSIONS",
    "Budget",
    "CleanFile",
    "OverBudget",
    "Refused",
    "clean_upload",
    "default_budget",
    "sniff",
]


@dataclass(frozen=True)
class CleanFile:
    name: str
    content_type: str
    data: bytes


TYPES = {
    "jpeg": ("image/jpeg", {".jpg", ".jpeg"}),
    "png": ("image/png", {".png"}),
    "webp": ("image/webp", {".webp"}),
    "pdf": ("application/pdf", {".pdf"}),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", {".docx"}),
    "odt": ("application/vnd.oasis.opendocument.text", {".odt"}),
}
ACCEPTED_EXTENSIONS = sorted(ext for _type, extensions in TYPES.values() for ext in extensions)


def sniff(data: bytes) -> str | None:
    """The type of ``data`` by its first bytes ("jpeg", "pdf", "zip"…), whatever its name says."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[:1024].lstrip(b"\x00\t\n\r\x0c ").startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    return None


def safe_name(name: str, extension: str) -> str:
    """A plain file name ending in ``extension``: no directories, control characters or odd dots."""
    name = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = re.sub(r"[^\w\- ]+", "_", stem, flags=re.UNICODE).strip(" ._")[:80] or "file"
    return f"{stem}{extension}"


def _extension(name: str) -> str:
    return ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""


def clean_upload(name: str, data: bytes, *, budget: Budget | None = None) -> CleanFile:
    from . import images, office, pdf

    budget = budget if budget is not None else default_budget()
    kind = sniff(data)
    if kind == "zip":
        kind = office.document_kind(data)
    if kind is None:
        raise Refused(
            _(
                "“%(name)s” is not a file we accept. Please send images (JPEG, PNG, WebP), PDFs or documents (DOCX, ODT)."
            ),
            name=name,
        )
    content_type, extensions = TYPES[kind]
    extension = _extension(name)
    if extension not in extensions:
        raise Refused(
            _("“%(name)s” does not contain what its name says (it looks like a %(kind)s file). Please check it."),
            name=name,
            kind=kind.upper(),
        )
    if kind in images.FORMATS:
        cleaned = images.clean_image(data, kind, budget=budget, name=name)
    elif kind == "pdf":
        cleaned = pdf.clean_pdf(data, budget=budget, name=name)
    else:
        cleaned = office.clean_document(data, kind, budget=budget, name=name)
    return CleanFile(
        name=safe_name(name, sorted(extensions)[0] if kind != "jpeg" else ".jpg"),
        content_type=content_type,
        data=cleaned,
    )
