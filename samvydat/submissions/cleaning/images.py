"""Images are re-encoded from their pixels, so no metadata block (EXIF with GPS, XMP, IPTC, ICC, comments) survives."""

import io
import warnings

from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import Refused

FORMATS = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}
MAX_PIXELS = 40_000_000  # 40 megapixels: more than any phone camera, far less than a decompression bomb
MAX_SIDE = 20_000
# JFIF (APP0) and Adobe (APP14, colour transform of CMYK JPEGs) say how to decode the pixels, nothing about people.
_HARMLESS_APP_SEGMENTS = {b"JFIF\x00", b"Adobe"}


def clean_image(data: bytes, kind: str, *, name: str = "") -> bytes:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format != FORMATS[kind]:
                    raise Refused(_("“%(name)s” is not the image it claims to be."), name=name)
                width, height = image.size
                if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
                    raise Refused(
                        _(
                            "“%(name)s” is too large an image (%(width)s × %(height)s). Please send at most 40 megapixels."
                        ),
                        name=name,
                        width=width,
                        height=height,
                    )
                image.load()
                upright = ImageOps.exif_transpose(image)
                pixels = _plain_pixels(upright, keep_alpha=kind != "jpeg")
    except Refused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise Refused(_("“%(name)s” is too large an image. Please send at most 40 megapixels."), name=name) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, TypeError, IndexError, EOFError):
        raise Refused(_("“%(name)s” is damaged or not a readable image."), name=name) from None
    out = io.BytesIO()
    options = {"quality": 90} if kind in ("jpeg", "webp") else {"optimize": True}
    pixels.save(out, FORMATS[kind], **options)
    return out.getvalue()


def _plain_pixels(image: Image.Image, *, keep_alpha: bool) -> Image.Image:
    """A new image holding only the pixels: no ``info`` dictionary, no EXIF, no ICC profile, no palette tricks."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    plain_mode = "L" if image.mode == "L" else "RGB"
    mode = "RGBA" if has_alpha and keep_alpha else plain_mode
    converted = image.convert(mode)
    return Image.frombytes(mode, converted.size, converted.tobytes())


def jpeg_without_metadata(data: bytes) -> bytes:
    """The same JPEG bytes without APPn (EXIF, XMP, IPTC, ICC) and COM segments: lossless, for JPEGs in PDFs."""
    if not data.startswith(b"\xff\xd8"):
        return data
    out = bytearray(b"\xff\xd8")
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            return data  # not a marker where one should be: leave the stream alone
        marker = data[position + 1]
        if marker == 0xDA:  # start of scan: the compressed image follows to the end
            out += data[position:]
            return bytes(out)
        length = int.from_bytes(data[position + 2 : position + 4], "big")
        segment = data[position : position + 2 + length]
        if not (0xE0 <= marker <= 0xEF or marker == 0xFE) or segment[4:9] in _HARMLESS_APP_SEGMENTS:
            out += segment
        position += 2 + length
    return data
