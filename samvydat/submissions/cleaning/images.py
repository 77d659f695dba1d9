"""Images are re-encoded from their pixels, so no metadata block (EXIF with GPS, XMP, IPTC, ICC, comments, PNG
text chunks, trailing data such as a second MPF picture or a motion photo) survives.

The size is read from the header and charged to the request's ``Budget`` before a single pixel is decoded
(decompression bombs: an 8000 × 5000 PNG weighs 635 KB and decodes to 160 MB).
"""

import io
import warnings

from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import Budget, OverBudget, Refused

FORMATS = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}
_UNREADABLE = (UnidentifiedImageError, OSError, SyntaxError, ValueError, TypeError, IndexError, EOFError, KeyError)


def clean_image(data: bytes, kind: str, *, budget: Budget, name: str = "") -> bytes:
    """New ``kind`` image bytes made from the pixels of ``data`` only."""
    pixels = _decoded(data, budget=budget, name=name, expected=FORMATS[kind])
    out = io.BytesIO()
    options = {"quality": 90} if kind in ("jpeg", "webp") else {}
    pixels.save(out, FORMATS[kind], **options)
    return out.getvalue()


def reencoded_jpeg(data: bytes, *, budget: Budget, name: str = "") -> tuple[bytes, str]:
    """A JPEG (from a PDF's DCTDecode stream) decoded and encoded again: (new bytes, its mode L/RGB/CMYK).

    Lossy once, but sound: stripping segments in place would keep what follows the first picture (MPF pictures
    with their own EXIF, motion photos) and anything a non-conforming file hides between markers."""
    pixels = _decoded(data, budget=budget, name=name, expected="JPEG", upright=False, keep_cmyk=True)
    out = io.BytesIO()
    pixels.save(out, "JPEG", quality=92)
    return out.getvalue(), pixels.mode


def _decoded(
    data: bytes, *, budget: Budget, name: str, expected: str, upright: bool = True, keep_cmyk: bool = False
) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format != expected:
                    raise Refused(_("“%(name)s” is not the image it claims to be."), name=name)
                budget.spend_pixels(*image.size, name=name)
                image.load()
                if upright:
                    image = ImageOps.exif_transpose(image)
                return _plain_pixels(image, keep_alpha=expected != "JPEG", keep_cmyk=keep_cmyk)
    except Refused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise OverBudget(_("“%(name)s” is too large an image."), name=name) from None
    except MemoryError:
        raise
    except _UNREADABLE:
        raise Refused(_("“%(name)s” is damaged or not a readable image."), name=name) from None


def _plain_pixels(image: Image.Image, *, keep_alpha: bool, keep_cmyk: bool = False) -> Image.Image:
    """A new image holding only the pixels: no ``info`` dictionary, no EXIF, no ICC profile, no palette tricks."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    plain_mode = "CMYK" if image.mode == "CMYK" and keep_cmyk else ("L" if image.mode == "L" else "RGB")
    mode = "RGBA" if has_alpha and keep_alpha else plain_mode
    converted = image.convert(mode)
    del image
    raw = converted.tobytes()
    size = converted.size
    del converted
    return Image.frombytes(mode, size, raw)
