"""Hostile files with every trace the issue found: after cleaning, none of their canaries is left anywhere in the
file (parts, part names, decoded PDF strings and streams), and what stays is still a consistent document."""

import io
import posixpath
import re
import zipfile

import pytest
from defusedxml.ElementTree import fromstring
from PIL import Image
from pypdf import PdfReader

from samvydat.submissions.cleaning import Refused, clean_upload

from . import samples

REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def archive_everything(data: bytes) -> tuple[zipfile.ZipFile, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = "\n".join(archive.namelist()).encode()
    return archive, names + b"".join(archive.read(name) for name in archive.namelist())


def present(everything: bytes) -> list[str]:
    return [key for key, canary in samples.CANARIES.items() if canary.encode() in everything]


def test_docx_keeps_no_trace_and_stays_consistent():
    original = samples.docx_with_every_trace()
    traces = present(archive_everything(original)[1])
    assert len(traces) >= 15  # the fixture carries what it claims to carry
    archive, everything = archive_everything(clean_upload("memo.docx", original).data)
    assert present(everything) == []
    assert samples.SECRET_AUTHOR.encode() not in everything and samples.CAMERA.encode() not in everything
    for gone in ["word/people.xml", "customXml/item1.xml", "docProps/thumbnail.jpeg", "word/embeddings/oleObject1.bin"]:
        assert gone not in archive.namelist()
    document = archive.read("word/document.xml")
    assert b"Memo text" in document and b"a link" in document  # the text stays, the link's target goes
    for name in archive.namelist():
        if name.endswith((".xml", ".rels")):
            fromstring(archive.read(name))  # every part still parses
    rels = fromstring(archive.read("word/_rels/document.xml.rels"))
    kept_ids = set()
    for relationship in rels.iter(f"{REL_NS}Relationship"):
        assert relationship.get("TargetMode", "Internal") == "Internal"
        assert posixpath.normpath(posixpath.join("word", relationship.get("Target"))) in archive.namelist()
        kept_ids.add(relationship.get("Id"))
    assert set(re.findall(rb'r:(?:id|embed|link)="([^"]+)"', document)) <= {i.encode() for i in kept_ids}
    assert b"External" not in everything and b"attachedTemplate" not in everything
    with Image.open(io.BytesIO(archive.read("word/media/image1.jpeg"))) as picture:
        assert not picture.getexif()


def test_odt_keeps_no_trace_and_lists_only_what_stays():
    original = samples.odt_with_every_trace()
    assert len(present(archive_everything(original)[1])) >= 8
    archive, everything = archive_everything(clean_upload("memo.odt", original).data)
    assert present(everything) == [] and samples.SECRET_AUTHOR.encode() not in everything
    assert samples.CAMERA.encode() not in everything
    assert archive.namelist()[0] == "mimetype" and "Thumbnails/thumbnail.png" not in archive.namelist()
    manifest = archive.read("META-INF/manifest.xml").decode()
    assert "Thumbnails" not in manifest and "Pictures/photo.jpg" in manifest
    content = archive.read("content.xml")
    assert b"Memo text" in content and b'xlink:href="Pictures/photo.jpg"' in content


def test_pdf_keeps_no_trace_anywhere_in_its_objects():
    original = samples.pdf_with_every_trace()
    before = samples.pdf_strings(original)
    assert len(present(before)) >= 6 and samples.SECRET_AUTHOR.encode() in before
    cleaned = clean_upload("memo.pdf", original).data
    after = samples.pdf_strings(cleaned)
    assert present(after) == []
    assert samples.SECRET_AUTHOR.encode() not in after and samples.CAMERA.encode() not in after
    for key in [b"/GoToR", b"/URI", b"/PieceInfo", b"/Metadata", b"Exif", b"http://ns.adobe.com/xap"]:
        assert key not in after
    reader = PdfReader(io.BytesIO(cleaned))
    page = reader.pages[0]
    assert len(page["/Annots"]) == 3 and page["/Annots"][0].get_object()["/Contents"] == "a note"
    outer = page["/Resources"]["/XObject"]["/Fm1"]
    image = outer["/Resources"]["/XObject"]["/Fm2"]["/Resources"]["/XObject"]["/Im1"]
    with Image.open(io.BytesIO(image._data)) as picture:  # still a picture, now without EXIF
        assert picture.size == (40, 30) and not picture.getexif()


def test_png_text_chunks_go():
    cleaned = clean_upload("chart.png", samples.png_with_text())
    with Image.open(io.BytesIO(cleaned.data)) as picture:
        assert not picture.text and samples.SECRET_AUTHOR.encode() not in cleaned.data


WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        # The namespace as the default one: unprefixed attributes escape the byte-level edits; the parser sees them.
        (f'<document xmlns="{WORD}"><body><p rsidR="00C4C4C4"/></body></document>', "traces of its authors"),
        (  # a field that fetches a picture from the sender's server, split over two runs as Word does
            f'<w:document xmlns:w="{WORD}"><w:body><w:p><w:r><w:instrText> INCLUDE</w:instrText></w:r><w:r>'
            '<w:instrText>PICTURE "http://x.example/p.png" \\d</w:instrText></w:r></w:p></w:body></w:document>',
            "fetch other files",
        ),
        (
            f'<w:document xmlns:w="{WORD}"><w:fldSimple w:instr=" DDEAUTO c:\\\\windows\\\\calc.exe "/></w:document>',
            "fetch",
        ),
        (  # entities (billion laughs): refused before anything expands
            '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
            f'<w:document xmlns:w="{WORD}">&b;</w:document>',
            "damaged",
        ),
    ],
)
def test_documents_that_hide_traces_or_fetch_are_refused(document, reason):
    data = samples._zip({"[Content_Types].xml": samples.DOCX_TYPES, "word/document.xml": document.encode()})
    with pytest.raises(Refused) as refused:
        clean_upload("memo.docx", data)
    assert reason in str(refused.value)


def test_an_odt_with_a_dde_link_is_refused():
    content = (
        f"<office:document-content {samples.ODF_NS}><office:body><office:text><text:p>"
        '<office:dde-source office:dde-application="cmd"/></text:p></office:text></office:body>'
        "</office:document-content>"
    )
    data = samples._zip(
        {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": content.encode()},
        stored_first="mimetype",
    )
    with pytest.raises(Refused, match="programs or scripts"):
        clean_upload("memo.odt", data)
