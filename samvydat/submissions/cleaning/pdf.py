"""PDFs are rebuilt page by page (pypdf) without document information, XMP metadata or JPEG metadata; PDFs
that can act (JavaScript, launch actions, attachments, forms with scripts) or are password-protected are refused."""

import io
import logging

from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError, PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, StreamObject

from .errors import Refused
from .images import jpeg_without_metadata

MAX_PAGES = 2000
MAX_OBJECTS = 200_000
# Keys and action types that make a PDF do something when opened or clicked.
ACTIVE_KEYS = {"/JS", "/JavaScript", "/Launch", "/EmbeddedFiles", "/EmbeddedFile", "/RichMedia", "/XFA"}
ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/Rendition", "/GoToE"}
PAGE_METADATA_KEYS = ["/Metadata", "/PieceInfo", "/AA", "/Thumb"]

logging.getLogger("pypdf").setLevel(logging.ERROR)  # a damaged PDF is the reader's problem, not a log line


def clean_pdf(data: bytes, *, name: str = "") -> bytes:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise Refused(_("“%(name)s” is protected by a password. Please send it without one."), name=name)
        if len(reader.pages) > MAX_PAGES:
            raise Refused(_("“%(name)s” has too many pages (at most %(max)s)."), name=name, max=MAX_PAGES)
        if _is_active(reader.trailer):
            raise Refused(
                _("“%(name)s” contains scripts, attachments or actions. Please print it to a new PDF and send that."),
                name=name,
            )
        writer = PdfWriter()
        for page in reader.pages:
            added = writer.add_page(page)
            for key in PAGE_METADATA_KEYS:
                added.pop(NameObject(key), None)
        writer.metadata = None
        writer._root_object.pop(NameObject("/Metadata"), None)
        _strip_jpeg_metadata(writer)
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()
    except Refused:
        raise
    except _TooComplex:
        raise Refused(_("“%(name)s” is too complex a PDF to check. Please print it to a new PDF."), name=name) from None
    except (
        PdfReadError,
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        RecursionError,
        OSError,
        AssertionError,
        ZeroDivisionError,
    ):
        raise Refused(_("“%(name)s” is damaged or not a readable PDF."), name=name) from None


class _TooComplex(Exception):
    pass


def _is_active(root) -> bool:
    """Walk every object reachable from the trailer; True when anything could run or launch."""
    seen: set[tuple[int, int]] = set()
    stack = [root]
    visited = 0
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            ref = (node.idnum, node.generation)
            if ref in seen:
                continue
            seen.add(ref)
            node = node.get_object()
        visited += 1
        if visited > MAX_OBJECTS:
            raise _TooComplex
        if isinstance(node, DictionaryObject):  # streams are dictionaries too
            for key, value in node.items():
                if key in ACTIVE_KEYS:
                    return True
                if key == "/S" and value in ACTIVE_ACTIONS:
                    return True
                stack.append(value)
        elif isinstance(node, ArrayObject):
            stack.extend(node)
    return False


def _strip_jpeg_metadata(writer: PdfWriter) -> None:
    """JPEG images inside the PDF (DCTDecode streams) may carry their camera's EXIF: drop those segments."""
    for page in writer.pages:
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else None
        xobjects = resources.get("/XObject") if isinstance(resources, DictionaryObject) else None
        xobjects = xobjects.get_object() if xobjects is not None else None
        if not isinstance(xobjects, DictionaryObject):
            continue
        for reference in xobjects.values():
            stream = reference.get_object()
            if not isinstance(stream, StreamObject) or stream.get("/Subtype") != "/Image":
                continue
            filters = stream.get("/Filter")
            if filters == "/DCTDecode" or (isinstance(filters, ArrayObject) and list(filters) == ["/DCTDecode"]):
                stream._data = jpeg_without_metadata(stream._data)  # pypdf writes the new /Length
