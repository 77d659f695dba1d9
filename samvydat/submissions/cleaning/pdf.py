"""PDFs are rebuilt page by page (pypdf), then every object the new file holds is walked — pages, annotations,
form XObjects nested at any depth, fonts, images — and cleaned:

* metadata anywhere: ``/Metadata`` (XMP) streams on any object, ``/PieceInfo`` (the editing application's
  private data), ``/LastModified``, page thumbnails, the document information dictionary (``/Info``);
* annotations lose who made them and when (``/T``, ``/M``, ``/CreationDate``, ``/NM``); signature dictionaries
  lose the signer (``/Name``, ``/Cert``, ``/Contents``, ``/M``, ``/Location``, ``/Reason``, ``/ContactInfo``);
* every action that leaves the document is removed — ``/URI`` (also ``smb:``/``file:``), ``/GoToR`` (a file on
  a share), ``/GoToE``, ``/Thread`` to another file, ``/SubmitForm``, ``/ImportData``, additional actions
  (``/AA``) — so opening or clicking calls nobody's server; only ``/GoTo`` and ``/Named`` stay;
* every JPEG (DCTDecode image, also inside form XObjects) is decoded and encoded again from its pixels,
  within the request's pixel budget; JPEG 2000 images are refused (their boxes may carry XMP).

A PDF that would run something (JavaScript, launch actions, attachments, rich media, XFA) or is protected by a
password is refused. Objects nobody references (old revisions of an edited file) are never copied.
"""

import io
import logging

from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError, PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, StreamObject

from .errors import Budget, Refused
from .images import reencoded_jpeg

MAX_PAGES = 2000
MAX_OBJECTS = 200_000
# Keys and action types that make a PDF do something when opened or clicked: refused.
ACTIVE_KEYS = {"/JS", "/JavaScript", "/Launch", "/EmbeddedFiles", "/EmbeddedFile", "/RichMedia", "/XFA"}
ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/Rendition", "/GoToE"}
# Removed from every dictionary: metadata and private data of the applications that made or edited the file.
METADATA_KEYS = ["/Metadata", "/PieceInfo", "/LastModified", "/Thumb", "/AA"]
# Who made an annotation and when.
ANNOTATION_KEYS = ["/T", "/M", "/CreationDate", "/NM"]
SIGNATURE_KEYS = ["/Name", "/M", "/Location", "/Reason", "/ContactInfo", "/Cert", "/Contents", "/Prop_Build"]
ACTION_KEYS = ["/A", "/PA", "/OpenAction", "/Next"]
INTERNAL_ACTIONS = {"/GoTo", "/Named"}
ANNOTATION_SUBTYPES = {
    "/Text", "/Link", "/FreeText", "/Line", "/Square", "/Circle", "/Polygon", "/PolyLine", "/Highlight",
    "/Underline", "/Squiggly", "/StrikeOut", "/Stamp", "/Caret", "/Ink", "/Popup", "/FileAttachment", "/Sound",
    "/Movie", "/Widget", "/Screen", "/PrinterMark", "/TrapNet", "/Watermark", "/3D", "/Redact", "/Projection",
    "/RichMedia",
}  # fmt: skip

logging.getLogger("pypdf").setLevel(logging.ERROR)  # a damaged PDF is the reader's problem, not a log line


def clean_pdf(data: bytes, *, budget: Budget, name: str = "") -> bytes:
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
            writer.add_page(page)
        writer.metadata = None
        _clean_objects(writer._root_object, budget=budget, name=name)
        writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)  # what was cut off above
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()
    except Refused:
        raise
    except _TooComplex:
        raise Refused(_("“%(name)s” is too complex a PDF to check. Please print it to a new PDF."), name=name) from None
    except MemoryError:
        raise
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
        NotImplementedError,
    ):
        raise Refused(_("“%(name)s” is damaged or not a readable PDF."), name=name) from None


class _TooComplex(Exception):
    pass


def _walk(root):
    """Every dictionary, stream and array reachable from ``root``, each once (indirect objects resolved)."""
    seen: set[int] = set()
    stack = [root]
    visited = 0
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            node = node.get_object()
        if not isinstance(node, DictionaryObject | ArrayObject) or id(node) in seen:
            continue
        seen.add(id(node))
        visited += 1
        if visited > MAX_OBJECTS:
            raise _TooComplex
        yield node
        stack.extend(node.values() if isinstance(node, DictionaryObject) else node)


def _is_active(root) -> bool:
    """True when anything reachable from the trailer could run, launch or attach."""
    for node in _walk(root):
        if isinstance(node, DictionaryObject):
            if any(key in ACTIVE_KEYS for key in node):
                return True
            if node.get("/S") in ACTIVE_ACTIONS:
                return True
    return False


def _clean_objects(root, *, budget: Budget, name: str) -> None:
    for node in list(_walk(root)):
        if not isinstance(node, DictionaryObject):
            continue
        for key in METADATA_KEYS:
            node.pop(NameObject(key), None)
        for key in ACTION_KEYS:
            action = node.get(key)
            action = action.get_object() if action is not None else None
            if isinstance(action, DictionaryObject) and action.get("/S") not in INTERNAL_ACTIONS:
                node.pop(NameObject(key))
        if node.get("/Subtype") in ANNOTATION_SUBTYPES and "/Rect" in node:
            for key in ANNOTATION_KEYS:
                if not (key == "/T" and node.get("/Subtype") == "/Widget"):  # a form field's /T is its name
                    node.pop(NameObject(key), None)
        if node.get("/Type") == "/Sig" or "/ByteRange" in node:
            for key in SIGNATURE_KEYS:
                node.pop(NameObject(key), None)
        if isinstance(node, StreamObject) and node.get("/Subtype") == "/Image":
            _clean_image(node, budget=budget, name=name)


def _filters(stream: StreamObject) -> list[str]:
    filters = stream.get("/Filter")
    filters = filters.get_object() if filters is not None else None
    if filters is None:
        return []
    return [str(item) for item in filters] if isinstance(filters, ArrayObject) else [str(filters)]


def _clean_image(stream: StreamObject, *, budget: Budget, name: str) -> None:
    filters = _filters(stream)
    if "/JPXDecode" in filters:
        raise Refused(
            _("“%(name)s” holds JPEG 2000 pictures, which we cannot clean. Please print it to a new PDF."), name=name
        )
    if "/DCTDecode" not in filters:
        width, height = int(stream.get("/Width", 0)), int(stream.get("/Height", 0))
        budget.spend_pixels(width, height, name=name)  # plain pixels carry no metadata, but decoding costs memory
        return
    if filters != ["/DCTDecode"]:
        raise _TooComplex
    data, mode = reencoded_jpeg(stream._data, budget=budget, name=name)
    stream._data = data  # pypdf writes the new /Length
    stream.pop(NameObject("/DecodeParms"), None)
    colour_spaces = {"L": "/DeviceGray", "RGB": "/DeviceRGB", "CMYK": "/DeviceCMYK"}
    current = stream.get("/ColorSpace")
    current = current.get_object() if current is not None else None
    if current in colour_spaces.values() and current != colour_spaces[mode]:
        stream[NameObject("/ColorSpace")] = NameObject(colour_spaces[mode])
