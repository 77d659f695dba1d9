"""A dump of the database and of the media and submissions folders reveals nothing a reader sent; the form
never answers with a server error and keeps nothing it refuses (property-based)."""

import io
import os
import zipfile

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from samvydat.submissions.models import Submission, SubmissionFile
from tests.comments.dumps import database_dump

from . import samples

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.187"
AGENT = "Distinctive-Submitter-Agent-K2M"


def folder_bytes(*roots) -> bytes:
    from pathlib import Path

    chunks = []
    for root in roots:
        for path in sorted(Path(root).rglob("*")):
            if path.is_file():
                chunks.append(path.read_bytes())
    return b"".join(chunks)


def test_database_and_folders_reveal_nothing(client, send_data, submissions_root):
    files = [
        SimpleUploadedFile("secret-name-Y7.jpg", samples.jpeg_with_gps()),
        SimpleUploadedFile("memo-Y7.pdf", samples.pdf_with_metadata()),
        SimpleUploadedFile("letter-Y7.docx", samples.docx_with_author()),
    ]
    data = send_data(text="Secret text SUBMISSION-Y7 about the plant", contact="phone +375 29 000-Y7", files=files)
    response = client.post(reverse("submissions:send"), data, REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=AGENT)
    assert response.status_code == 303
    assert SubmissionFile.objects.count() == 3

    dump = database_dump()
    assert "submissions_submission" in dump
    on_disk = folder_bytes(django_settings.MEDIA_ROOT, submissions_root)
    assert on_disk  # the encrypted files are there
    for secret in ["SUBMISSION-Y7", "000-Y7", "secret-name-Y7", "memo-Y7", "letter-Y7", ADDRESS, AGENT]:
        assert secret not in dump, f"{secret!r} readable in the database"
        assert secret.encode() not in on_disk, f"{secret!r} readable in the folders"
    for marker in [samples.SECRET_AUTHOR.encode(), samples.CAMERA.encode(), b"Memo text"]:
        assert marker not in on_disk
    ours = folder_bytes(submissions_root)  # the media folder holds the site's own PDFs; ours hold no file format
    for marker in [b"%PDF", b"PK\x03\x04", b"\xff\xd8\xff", b"Exif"]:
        assert marker not in ours


@hypothesis_settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    fields=st.fixed_dictionaries(
        {},
        optional={
            "kind": st.sampled_from(["information", "museum", "", "other"]),
            "text": st.text(max_size=300),
            "contact": st.text(max_size=600),
            "website": st.text(max_size=5),
            "work": st.text(max_size=40),
        },
    ),
    uploads=st.lists(
        st.tuples(
            st.text(st.characters(codec="ascii", categories=["L", "N"]), min_size=1, max_size=12),
            st.sampled_from([".jpg", ".pdf", ".docx", ".odt", ".png", ".exe", ""]),
            st.one_of(
                st.binary(max_size=300),
                st.sampled_from(
                    [b"\xff\xd8\xff\xe0garbage", b"%PDF-1.4 broken", b"PK\x03\x04broken", b"\x89PNG\r\n\x1a\n"]
                ),
            ),
        ),
        max_size=3,
    ),
    valid_token=st.booleans(),
)
def test_any_submission_gives_no_server_error_and_refusals_keep_nothing(
    client, send_data, submissions_root, fields, uploads, valid_token
):
    data = {**(send_data() if valid_token else {}), **fields}
    data["files"] = [SimpleUploadedFile(stem + ext, body) for stem, ext, body in uploads]
    before = Submission.objects.count()
    response = client.post(reverse("submissions:send"), data)
    assert response.status_code < 500
    stored = Submission.objects.count() - before
    if response.status_code != 303 or data.get("website"):
        assert stored == 0
    if stored == 0:
        assert not submissions_root.exists() or len(list(submissions_root.iterdir())) == SubmissionFile.objects.count()
    from django.core.cache import caches

    caches[django_settings.RATE_LIMIT_CACHE_ALIAS].clear()


def test_uploads_never_touch_the_disk_unencrypted(client, send_data, monkeypatch):
    """Django writes uploads above 2.5 MB to a temporary file; ours stay in memory."""
    from django.core.files import uploadedfile

    temporary_files = []
    real_init = uploadedfile.TemporaryUploadedFile.__init__

    def recording_init(self, *args, **kwargs):
        temporary_files.append(args[:1])
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(uploadedfile.TemporaryUploadedFile, "__init__", recording_init)
    big = io.BytesIO()
    with zipfile.ZipFile(big, "w") as archive:
        archive.writestr("[Content_Types].xml", samples.DOCX_TYPES)
        archive.writestr("word/document.xml", b"<w/>")
        archive.writestr("word/vbaProject.bin", os.urandom(3_000_000))  # macros: refused
    assert len(big.getvalue()) > 2_621_440  # above Django's in-memory threshold
    upload = SimpleUploadedFile("large.docx", big.getvalue())
    response = client.post(reverse("submissions:send"), send_data(files=[upload]))
    assert response.status_code == 400 and "macros" in response.content.decode()
    assert temporary_files == []
