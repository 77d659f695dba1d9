"""Files are recognised by their content, stripped of metadata, or refused with a reason."""

import io
import zipfile

import pytest
from PIL import Image
from pypdf import PdfReader

from samvydat.submissions.cleaning import Refused, clean_upload, sniff

from . import samples


def test_jpeg_loses_exif_gps_and_comments_and_is_turned_upright():
    original = samples.jpeg_with_gps()
    assert samples.CAMERA.encode() in original and b"Exif" in original
    cleaned = clean_upload("IMG_0001.JPG", original)
    assert cleaned.content_type == "image/jpeg" and cleaned.name == "IMG_0001.jpg"
    assert samples.CAMERA.encode() not in cleaned.data and samples.SECRET_AUTHOR.encode() not in cleaned.data
    assert b"Exif" not in cleaned.data
    with Image.open(io.BytesIO(cleaned.data)) as image:
        assert not image.getexif() and not image.info.get("exif") and "comment" not in image.info
        assert image.size == (48, 64)  # orientation 6 applied, then dropped


def test_png_loses_text_chunks_keeps_transparency():
    cleaned = clean_upload("a.png", samples.png_with_text())
    assert samples.SECRET_AUTHOR.encode() not in cleaned.data
    with Image.open(io.BytesIO(cleaned.data)) as image:
        assert image.mode == "RGBA" and not image.text


def test_pdf_loses_document_information_and_xmp():
    original = samples.pdf_with_metadata()
    assert samples.SECRET_AUTHOR.encode() in original
    cleaned = clean_upload("memo.pdf", original)
    assert samples.SECRET_AUTHOR.encode() not in cleaned.data and samples.CAMERA.encode() not in cleaned.data
    reader = PdfReader(io.BytesIO(cleaned.data))
    assert len(reader.pages) == 1
    assert not reader.metadata
    assert "/Metadata" not in reader.trailer["/Root"]


def test_a_second_picture_after_the_first_one_goes_too():
    """Phones append a second JPEG with its own EXIF (MPF) or a video after the picture: all of it goes."""
    original = samples.jpeg_with_gps() + samples.jpeg_with("TrailingCam-T1")
    cleaned = clean_upload("IMG_0002.jpg", original)
    assert b"TrailingCam-T1" not in cleaned.data and cleaned.data.count(b"\xff\xd8\xff") == 1


def test_docx_loses_authors_dates_and_picture_metadata():
    cleaned = clean_upload("memo.docx", samples.docx_with_author())
    archive = zipfile.ZipFile(io.BytesIO(cleaned.data))
    everything = b"".join(archive.read(name) for name in archive.namelist())
    assert samples.SECRET_AUTHOR.encode() not in everything and samples.CAMERA.encode() not in everything
    assert b"2024-01-01" not in everything
    assert b"Memo text" in archive.read("word/document.xml")
    assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in archive.infolist())


def test_odt_loses_authors_and_keeps_its_mimetype_first():
    cleaned = clean_upload("memo.odt", samples.odt_with_author())
    archive = zipfile.ZipFile(io.BytesIO(cleaned.data))
    assert archive.namelist()[0] == "mimetype"
    assert archive.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
    everything = b"".join(archive.read(name) for name in archive.namelist())
    assert samples.SECRET_AUTHOR.encode() not in everything


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("photo.jpg", b"MZ\x90\x00 this is a program", "not a file we accept"),
        ("photo.jpg", samples.pdf_with_metadata(), "does not contain what its name says"),
        ("photo.exe", samples.jpeg_with_gps(), "does not contain what its name says"),
        ("huge.png", samples.png_bomb(), "too large an image"),
        ("broken.jpg", samples.jpeg_with_gps()[:200], "damaged"),
        ("script.pdf", samples.pdf_with_javascript(), "scripts"),
        ("broken.pdf", b"%PDF-1.7\n garbage", "damaged"),
        ("bomb.docx", samples.docx_bomb(), "zip bomb"),
        ("macro.docx", samples.docx_with_author(extra={"word/vbaProject.bin": b"\x00" * 10}), "macros"),
        ("archive.docx", samples._zip({"a.txt": b"hello"}), "not a file we accept"),
        ("empty.pdf", b"", "not a file we accept"),
    ],
)
def test_hostile_or_wrong_files_are_refused_with_a_reason(name, data, reason):
    with pytest.raises(Refused) as refused:
        clean_upload(name, data)
    assert reason in str(refused.value) and name in str(refused.value)


def test_types_are_told_by_content():
    assert sniff(samples.jpeg_with_gps()) == "jpeg"
    assert sniff(samples.png_with_text()) == "png"
    assert sniff(samples.pdf_with_metadata()) == "pdf"
    assert sniff(samples.docx_with_author()) == "zip"
    assert sniff(b"GIF89a") is None
