"""Files readers might send, made on the fly: with tell-tale metadata, or hostile."""

import base64
import io
import struct
import zipfile
import zlib

from PIL import ExifTags, Image
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, TextStringObject

SECRET_AUTHOR = "Secret Author QZ9"
CAMERA = "SecretCam QZ9"


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = CAMERA
    exif[ExifTags.Base.Artist] = SECRET_AUTHOR
    exif[ExifTags.Base.Orientation] = 6  # taken sideways: the cleaned copy is turned upright
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (53.0, 54.0, 7.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (27.0, 33.0, 42.25)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, comment=SECRET_AUTHOR.encode())
    return out.getvalue()


def png_with_text() -> bytes:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", SECRET_AUTHOR)
    out = io.BytesIO()
    Image.new("RGBA", (10, 10), (0, 0, 255, 128)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def png_bomb(width: int = 60_000, height: int = 60_000) -> bytes:
    """A PNG whose header claims 3.6 gigapixels; the data is a few bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 100))
        + chunk(b"IEND", b"")
    )


def pdf_with_metadata() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Author": SECRET_AUTHOR, "/Creator": CAMERA, "/Title": "Leaked memo"})
    xmp = DecodedStreamObject()
    xmp.set_data(f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>{SECRET_AUTHOR}</dc:creator></x:xmpmeta>'.encode())
    xmp.update({NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")})
    writer._root_object[NameObject("/Metadata")] = writer._add_object(xmp)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_with_javascript() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert('hello');")}
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _zip(parts: dict[str, bytes], *, stored_first: str | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_STORED if name == stored_first else None)
    return out.getvalue()


DOCX_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="xml" ContentType="application/xml"/></Types>'
)


def docx_with_author(*, extra: dict[str, bytes] | None = None) -> bytes:
    core = (
        '<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        f'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>{SECRET_AUTHOR}</dc:creator>'
        "</cp:coreProperties>"
    ).encode()
    document = (
        '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f'<w:body><w:ins w:id="1" w:author="{SECRET_AUTHOR}" w:date="2024-01-01T10:00:00Z"><w:r><w:t>Memo text'
        "</w:t></w:r></w:ins></w:body></w:document>"
    ).encode()
    return _zip(
        {
            "[Content_Types].xml": DOCX_TYPES,
            "word/document.xml": document,
            "docProps/core.xml": core,
            "word/media/image1.jpeg": jpeg_with_gps(),
            **(extra or {}),
        }
    )


def odt_with_author() -> bytes:
    meta = (
        '<?xml version="1.0"?><office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"><office:meta>'
        f"<meta:initial-creator>{SECRET_AUTHOR}</meta:initial-creator></office:meta></office:document-meta>"
    ).encode()
    content = (
        '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"><office:body><office:text>'
        f"<office:annotation><dc:creator>{SECRET_AUTHOR}</dc:creator></office:annotation>"
        "</office:text></office:body></office:document-content>"
    ).encode()
    return _zip(
        {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": content, "meta.xml": meta},
        stored_first="mimetype",
    )


def docx_bomb() -> bytes:
    return docx_with_author(extra={"word/bomb.xml": b"<a>" + b" " * 30_000_000 + b"</a>"})


# --- Hostile fixtures: one canary per trace; none of them may survive cleaning ------------------------------
CANARIES = {
    "people": "PeopleAuthor-C1",
    "people_id": "S-1-5-21-CANARY-C2",
    "custom_xml": "CustomXmlOwner-C3",
    "rsid": "00C4C4C4",
    "para_id": "7C5C5C5C",
    "doc_id": "{C6C6C6C6-DOC-ID}",
    "remote_template": "template-host-c7.example",
    "external_image": "image-host-c8.example",
    "hyperlink": "link-host-c9.example",
    "thumbnail": "ThumbnailCam-C10",
    "embedding": "EmbeddedOle-C11",
    "comment_author": "CommentAuthor-C12",
    "comment_initials": "CIC13",
    "revision_date": "2019-03-14T15:09:26Z",
    "picture_path": "C:\\Users\\ivan-c14\\Pictures",
    "company": "Company-C15",
    "custom_property": "CustomProperty-C16",
    "printer": "PrinterName-C17",
    "sender_field": "SenderField-C18",
    "initials": "INC19",
    "annotation_author": "AnnotAuthor-C20",
    "annotation_date": "D:20190314150926",
    "piece_info": "PieceInfo-C21",
    "smb_share": "smb-share-c22",
    "xmp_gps": "XmpGps-C23",
    "form_jpeg_camera": "FormJpegCam-C24",
    "vml_path": "file:///C:/Users/vml-c25",
}

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
W14 = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
W15 = 'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
RELS = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def jpeg_with(camera: str, *, xmp: str = "", size=(40, 30)) -> bytes:
    """A JPEG with EXIF (camera, GPS) and, optionally, an XMP packet."""
    image = Image.new("RGB", size, (10, 120, 200))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = camera
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (53.0, 54.0, 7.5)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, xmp=xmp.encode() if xmp else None)
    return out.getvalue()


def docx_with_every_trace() -> bytes:
    c = CANARIES
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="jpeg" ContentType="image/jpeg"/><Default Extension="bin" ContentType="application/'
        'vnd.openxmlformats-officedocument.oleObject"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'wordprocessingml.document.main+xml"/><Override PartName="/word/people.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.people+xml"/><Override PartName="/customXml/'
        'itemProps1.xml" ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/>'
        "</Types>"
    )
    package_rels = (
        f'<?xml version="1.0"?><Relationships {RELS}>'
        f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
        'thumbnail" Target="docProps/thumbnail.jpeg"/>'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
        'core-properties" Target="docProps/core.xml"/>'
        f'<Relationship Id="rId4" Type="{REL}/custom-properties" Target="docProps/custom.xml"/></Relationships>'
    )
    document_rels = (
        f'<?xml version="1.0"?><Relationships {RELS}>'
        f'<Relationship Id="rId1" Type="{REL}/settings" Target="settings.xml"/>'
        f'<Relationship Id="rId2" Type="http://schemas.microsoft.com/office/2011/relationships/people" '
        'Target="people.xml"/>'
        f'<Relationship Id="rId3" Type="{REL}/customXml" Target="../customXml/item1.xml"/>'
        f'<Relationship Id="rId4" Type="{REL}/image" Target="media/image1.jpeg"/>'
        f'<Relationship Id="rId5" Type="{REL}/image" Target="http://{c["external_image"]}/p.png" '
        'TargetMode="External"/>'
        f'<Relationship Id="rId6" Type="{REL}/hyperlink" Target="https://{c["hyperlink"]}/" TargetMode="External"/>'
        f'<Relationship Id="rId7" Type="{REL}/oleObject" Target="embeddings/oleObject1.bin"/>'
        f'<Relationship Id="rId8" Type="{REL}/comments" Target="comments.xml"/></Relationships>'
    )
    settings_rels = (
        f'<?xml version="1.0"?><Relationships {RELS}><Relationship Id="rId1" Type="{REL}/attachedTemplate" '
        f'Target="file://\\\\{c["remote_template"]}\\share\\normal.dotm" TargetMode="External"/></Relationships>'
    )
    document = (
        f'<?xml version="1.0"?><w:document {W} {W14} {R} xmlns:wp="http://schemas.openxmlformats.org/'
        'drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"><w:body>'
        f'<w:p w:rsidR="{c["rsid"]}" w:rsidRDefault="{c["rsid"]}" w14:paraId="{c["para_id"]}" '
        f'w14:textId="{c["para_id"]}"><w:ins w:id="1" w:author="{c["comment_author"]}" '
        f'w:date="{c["revision_date"]}"><w:r w:rsidRPr="{c["rsid"]}"><w:t>Memo text</w:t></w:r></w:ins>'
        '<w:hyperlink r:id="rId6"><w:r><w:t>a link</w:t></w:r></w:hyperlink></w:p>'
        f'<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="IMG_0001.jpeg" descr="{c["picture_path"]}\\x.jpg"/>'
        '<a:graphic><a:graphicData><a:blip r:embed="rId4"/><a:blip r:link="rId5"/></a:graphicData></a:graphic>'
        "</wp:inline></w:drawing></w:r></w:p>"
        f'<w:p><w:r><w:object><v:shape><v:imagedata r:id="rId4" o:href="{c["vml_path"]}/x.emf" o:title="x"/>'
        '</v:shape><o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" r:id="rId7"/></w:object></w:r></w:p>'
        "</w:body></w:document>"
    )
    word_settings = (
        f'<?xml version="1.0"?><w:settings {W} {W14} {W15} {R}><w:attachedTemplate r:id="rId1"/>'
        f'<w:rsids><w:rsidRoot w:val="{c["rsid"]}"/><w:rsid w:val="{c["rsid"]}"/></w:rsids>'
        f'<w14:docId w14:val="{c["para_id"]}"/><w15:docId w15:val="{c["doc_id"]}"/></w:settings>'
    )
    people = (
        f'<?xml version="1.0"?><w15:people {W15}><w15:person w15:author="{c["people"]}">'
        f'<w15:presenceInfo w15:providerId="AD" w15:userId="{c["people_id"]}"/></w15:person></w15:people>'
    )
    comments = (
        f'<?xml version="1.0"?><w:comments {W}><w:comment w:id="0" w:author="{c["comment_author"]}" '
        f'w:date="{c["revision_date"]}" w:initials="{c["comment_initials"]}"><w:p><w:r><w:t>A comment</w:t>'
        "</w:r></w:p></w:comment></w:comments>"
    )
    core = (
        '<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        f'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>{SECRET_AUTHOR}'
        "</dc:creator></cp:coreProperties>"
    )
    app = (
        '<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'extended-properties"><Company>{c["company"]}</Company></Properties>'
    )
    custom = f'<?xml version="1.0"?><Properties><property name="x">{c["custom_property"]}</property></Properties>'
    return _zip(
        {
            "[Content_Types].xml": types.encode(),
            "_rels/.rels": package_rels.encode(),
            "word/_rels/document.xml.rels": document_rels.encode(),
            "word/_rels/settings.xml.rels": settings_rels.encode(),
            "word/document.xml": document.encode(),
            "word/settings.xml": word_settings.encode(),
            "word/people.xml": people.encode(),
            "word/comments.xml": comments.encode(),
            "customXml/item1.xml": f"<owner>{c['custom_xml']}</owner>".encode(),
            "customXml/itemProps1.xml": f"<props>{c['custom_xml']}</props>".encode(),
            "docProps/core.xml": core.encode(),
            "docProps/app.xml": app.encode(),
            "docProps/custom.xml": custom.encode(),
            "docProps/thumbnail.jpeg": jpeg_with(c["thumbnail"]),
            "word/embeddings/oleObject1.bin": f"OLE {c['embedding']}".encode(),
            "word/media/image1.jpeg": jpeg_with(CAMERA),
        }
    )


ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0"'
)


def odt_with_every_trace() -> bytes:
    c = CANARIES
    content = (
        f'<?xml version="1.0"?><office:document-content {ODF_NS}><office:body><office:text>'
        "<text:tracked-changes><text:changed-region><text:insertion><office:change-info>"
        f"<dc:creator>{c['comment_author']}</dc:creator><dc:date>{c['revision_date']}</dc:date>"
        "</office:change-info></text:insertion></text:changed-region></text:tracked-changes>"
        f"<text:p>Memo text<office:annotation><dc:creator>{c['annotation_author']}</dc:creator>"
        f"<dc:date>{c['revision_date']}</dc:date><meta:creator-initials>{c['initials']}</meta:creator-initials>"
        "<text:p>note</text:p></office:annotation>"
        f"<text:sender-lastname>{c['sender_field']}</text:sender-lastname>"
        f'<text:a xlink:href="https://{c["hyperlink"]}/">a link</text:a></text:p>'
        f'<draw:frame><draw:image xlink:href="http://{c["external_image"]}/p.png"/></draw:frame>'
        '<draw:frame><draw:image xlink:href="Pictures/photo.jpg"/></draw:frame>'
        "</office:text></office:body></office:document-content>"
    )
    meta = (
        f'<?xml version="1.0"?><office:document-meta {ODF_NS}><office:meta>'
        f"<meta:initial-creator>{SECRET_AUTHOR}</meta:initial-creator></office:meta></office:document-meta>"
    )
    settings = (
        f'<?xml version="1.0"?><office:document-settings {ODF_NS}><office:settings>'
        '<config:config-item-set config:name="ooo:configuration-settings">'
        f'<config:config-item config:name="PrinterName" config:type="string">{c["printer"]}</config:config-item>'
        '<config:config-item config:name="PrinterSetup" config:type="base64Binary">'
        f"{base64.b64encode(c['printer'].encode()).decode()}</config:config-item>"
        "</config:config-item-set></office:settings></office:document-settings>"
    )
    entries = "".join(
        f'<manifest:file-entry manifest:full-path="{path}" manifest:media-type="{media}"/>'
        for path, media in [
            ("/", "application/vnd.oasis.opendocument.text"),
            ("content.xml", "text/xml"),
            ("meta.xml", "text/xml"),
            ("settings.xml", "text/xml"),
            ("Thumbnails/thumbnail.png", "image/png"),
            ("Pictures/photo.jpg", "image/jpeg"),
        ]
    )
    manifest = (
        '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:'
        f'1.0">{entries}</manifest:manifest>'
    )
    thumbnail = io.BytesIO()
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Software", c["thumbnail"])
    Image.new("RGB", (8, 8)).save(thumbnail, "PNG", pnginfo=info)
    return _zip(
        {
            "mimetype": b"application/vnd.oasis.opendocument.text",
            "content.xml": content.encode(),
            "meta.xml": meta.encode(),
            "settings.xml": settings.encode(),
            "META-INF/manifest.xml": manifest.encode(),
            "Thumbnails/thumbnail.png": thumbnail.getvalue(),
            "Pictures/photo.jpg": jpeg_with(CAMERA),
        },
        stored_first="mimetype",
    )


def _stream(data: bytes, **entries):
    from pypdf.generic import StreamObject

    stream = StreamObject()
    stream._data = data
    stream.update({NameObject(key): value for key, value in entries.items()})
    return stream


def pdf_with_every_trace() -> bytes:
    """Document information, XMP on the catalogue, a page and an image; an annotation with its author and dates;
    links to an SMB share (GoToR and URI); PieceInfo; and a JPEG with GPS EXIF and XMP inside a form XObject
    inside another form XObject."""
    from pypdf.generic import ArrayObject, FloatObject, NumberObject

    c = CANARIES
    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    add = writer._add_object

    def name(value: str) -> NameObject:
        return NameObject(value)

    def xmp(text: str):
        return add(_stream(f"<x:xmpmeta>{text}</x:xmpmeta>".encode(), **{"/Type": name("/Metadata"),
                                                                          "/Subtype": name("/XML")}))  # fmt: skip

    photo = jpeg_with(c["form_jpeg_camera"], xmp=f"<exif:GPSLatitude>{c['xmp_gps']}</exif:GPSLatitude>")
    image = add(
        _stream(
            photo,
            **{
                "/Type": name("/XObject"),
                "/Subtype": name("/Image"),
                "/Width": NumberObject(40),
                "/Height": NumberObject(30),
                "/ColorSpace": name("/DeviceRGB"),
                "/BitsPerComponent": NumberObject(8),
                "/Filter": name("/DCTDecode"),
                "/Metadata": xmp(c["xmp_gps"]),
            },
        )
    )

    def form(content: bytes, resources: DictionaryObject):
        return add(
            _stream(
                content,
                **{
                    "/Type": name("/XObject"),
                    "/Subtype": name("/Form"),
                    "/BBox": ArrayObject([NumberObject(0), NumberObject(0), NumberObject(200), NumberObject(200)]),
                    "/Resources": resources,
                    "/PieceInfo": DictionaryObject({name("/App"): TextStringObject(c["piece_info"])}),
                },
            )
        )

    inner = form(
        b"q 40 0 0 30 0 0 cm /Im1 Do Q", DictionaryObject({name("/XObject"): DictionaryObject({name("/Im1"): image})})
    )
    outer = form(b"/Fm2 Do", DictionaryObject({name("/XObject"): DictionaryObject({name("/Fm2"): inner})}))
    page[name("/Resources")] = DictionaryObject({name("/XObject"): DictionaryObject({name("/Fm1"): outer})})
    page.replace_contents(_stream(b"/Fm1 Do"))
    page[name("/PieceInfo")] = DictionaryObject({name("/Illustrator"): TextStringObject(c["piece_info"])})
    page[name("/Metadata")] = xmp(c["xmp_gps"])
    rect = ArrayObject([FloatObject(10), FloatObject(10), FloatObject(50), FloatObject(50)])
    note = DictionaryObject(
        {
            name("/Type"): name("/Annot"),
            name("/Subtype"): name("/Text"),
            name("/Rect"): rect,
            name("/T"): TextStringObject(c["annotation_author"]),
            name("/M"): TextStringObject(c["annotation_date"]),
            name("/CreationDate"): TextStringObject(c["annotation_date"]),
            name("/Contents"): TextStringObject("a note"),
        }
    )
    remote = DictionaryObject(
        {
            name("/Type"): name("/Annot"),
            name("/Subtype"): name("/Link"),
            name("/Rect"): rect,
            name("/A"): DictionaryObject(
                {
                    name("/S"): name("/GoToR"),
                    name("/F"): TextStringObject(f"\\\\{c['smb_share']}\\docs\\x.pdf"),
                    name("/D"): ArrayObject([NumberObject(0)]),
                }
            ),
        }
    )
    uri = DictionaryObject(
        {
            name("/Type"): name("/Annot"),
            name("/Subtype"): name("/Link"),
            name("/Rect"): rect,
            name("/A"): DictionaryObject(
                {name("/S"): name("/URI"), name("/URI"): TextStringObject(f"smb://{c['smb_share']}/x")}
            ),
        }
    )
    page[name("/Annots")] = ArrayObject([add(note), add(remote), add(uri)])
    writer.add_metadata({"/Author": SECRET_AUTHOR, "/Creator": CAMERA})
    writer._root_object[name("/Metadata")] = xmp(c["xmp_gps"])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def png_pixels_bomb(width: int = 8000, height: int = 5000) -> bytes:
    """A real, fully decodable PNG of ``width`` × ``height`` black pixels: a few hundred KB, 160 MB decoded."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + b"\x00" * (width * 4)
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def pdf_strings(data: bytes) -> bytes:
    """Everything a PDF holds, decoded: its bytes, every string and name, every stream's decoded data."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

    reader = PdfReader(io.BytesIO(data))
    chunks, seen, stack = [data], set(), [reader.trailer]
    for number in range(1, int(reader.trailer.get("/Size", 1))):  # referenced or not
        stack.append(reader.get_object(number))
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            node = node.get_object()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, StreamObject):
            chunks.append(node.get_data() if node.get("/Filter") != "/DCTDecode" else node._data)
        if isinstance(node, DictionaryObject):
            stack.extend(node.values())
            chunks.extend(str(key).encode() for key in node)
        elif isinstance(node, ArrayObject):
            stack.extend(node)
        elif isinstance(node, str):
            chunks.append(str(node).encode("utf-8", "replace"))
    return b"\n".join(chunks)
