"""Readers send information: the page explains how to stay safe; what they send is cleaned, encrypted at rest
and kept all or nothing; refusals are clear and keep nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from samvydat.submissions import crypto
from samvydat.submissions.models import Submission, SubmissionFile
from samvydat.submissions.services import submission_file_chunks, submission_open

from . import samples

pytestmark = pytest.mark.django_db

SAFETY = {"en": "Tor Browser", "be": "Tor Browser", "ru": "Tor Browser"}
HEADINGS = {"en": "Send us information", "be": "Дашліце нам інфармацыю", "ru": "Пришлите нам информацию"}


def send_url(lang="en"):
    with translation.override(lang):
        return reverse("submissions:send")


@pytest.mark.parametrize("lang", ["en", "be", "ru"])
def test_the_page_explains_how_to_stay_safe(client, lang, settings):
    settings.ONION_ADDRESS = "samvydatexampleonionaddressxxxxxxxxxxxxxxxxxxxxxxxxxxxx.onion"
    response = client.get(send_url(lang))
    html = response.content.decode()
    assert response.status_code == 200 and not response.cookies
    assert HEADINGS[lang] in html and SAFETY[lang] in html
    assert "http://samvydatexampleonionaddress" in html
    assert 'enctype="multipart/form-data"' in html and "csrfmiddlewaretoken" not in html


def test_without_an_onion_address_none_is_shown(client, settings):
    settings.ONION_ADDRESS = ""
    assert ".onion" not in client.get(send_url()).content.decode()


def stored_bytes(submissions_root) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(submissions_root.rglob("*")) if path.is_file())


def test_a_submission_is_encrypted_with_its_files_stripped(client, send_data, submissions_root):
    photo = SimpleUploadedFile("minsk-protest-ivanova.jpg", samples.jpeg_with_gps(), content_type="image/jpeg")
    memo = SimpleUploadedFile("memo.pdf", samples.pdf_with_metadata(), content_type="application/pdf")
    response = client.post(send_url("be"), send_data(files=[photo, memo]))
    assert response.status_code == 303 and response["Location"] == "/be/send/sent/"
    assert not response.cookies
    submission = Submission.objects.get()
    assert submission.language == "be" and submission.kind == "information"
    assert "TXT-4Q7" not in submission.text_encrypted and "4Q7" not in submission.contact_encrypted

    on_disk = stored_bytes(submissions_root)
    for secret in [b"ivanova", samples.CAMERA.encode(), samples.SECRET_AUTHOR.encode(), b"Exif", b"\xff\xd8\xff"]:
        assert secret not in on_disk

    opened = submission_open(submission=submission)
    assert opened.text.endswith("Marker TXT-4Q7.") and opened.contact == "signal: contact-4Q7"
    assert [f.name for f in opened.files] == ["minsk-protest-ivanova.jpg", "memo.pdf"]
    photo_file, memo_file = SubmissionFile.objects.order_by("pk")
    photo_bytes = b"".join(submission_file_chunks(submitted_file=photo_file))
    with Image.open(io.BytesIO(photo_bytes)) as image:
        assert image.format == "JPEG" and not image.getexif()
        assert not image.getexif().get_ifd(0x8825)  # no GPS
    assert b"GPS" not in photo_bytes and samples.CAMERA.encode() not in photo_bytes
    memo_bytes = b"".join(submission_file_chunks(submitted_file=memo_file))
    assert memo_bytes.startswith(b"%PDF") and samples.SECRET_AUTHOR.encode() not in memo_bytes


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("script.pdf", samples.pdf_with_javascript(), "scripts"),
        ("bomb.docx", samples.docx_bomb(), "zip bomb"),
        ("huge.png", samples.png_bomb(), "too large an image"),
        ("photo.jpg", b"MZ\x90\x00program", "not a file we accept"),
    ],
)
def test_a_hostile_file_is_refused_and_nothing_is_kept(client, send_data, submissions_root, name, data, reason):
    good = SimpleUploadedFile("fine.jpg", samples.jpeg_with_gps())
    bad = SimpleUploadedFile(name, data)
    response = client.post(send_url(), send_data(files=[good, bad]))
    assert response.status_code == (413 if "too large" in reason else 400)
    html = response.content.decode()
    assert reason in html.replace("&quot;", '"').replace("&#x27;", "'") and "Nothing was kept" in html
    assert "Marker TXT-4Q7" in html  # the reader's text comes back to them, not their files
    assert not Submission.objects.exists() and not SubmissionFile.objects.exists()
    assert not submissions_root.exists() or not any(submissions_root.iterdir())


def test_too_large_files_are_refused_before_they_are_read(client, send_data, settings):
    settings.SUBMISSIONS_MAX_FILE_BYTES = 50_000
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * 60_000)
    response = client.post(send_url(), send_data(files=[big]))
    assert response.status_code == 413
    assert "larger than" in response.content.decode()
    assert not Submission.objects.exists()


def test_too_many_files(client, send_data, settings):
    settings.SUBMISSIONS_MAX_FILES = 2
    files = [SimpleUploadedFile(f"{n}.jpg", samples.jpeg_with_gps()) for n in range(3)]
    response = client.post(send_url(), send_data(files=files))
    assert response.status_code == 400 and "at most 2 files" in response.content.decode()
    assert not Submission.objects.exists()


def test_spam_defences_apply(client, send_data, monkeypatch):
    from samvydat.comments import antispam

    fresh = antispam.form_token(page_id=0, kind="submission")
    assert client.post(send_url(), send_data(token=fresh)).status_code == 400  # sent at once, no proof of work
    assert client.post(send_url(), send_data(token="forged")).status_code == 400
    assert not Submission.objects.exists()
    data = send_data(website="spam")
    monkeypatch.setattr(antispam, "now", lambda: 10**10)  # far in the future: too old
    assert client.post(send_url(), data).status_code == 400
    assert not Submission.objects.exists()


def test_with_proof_of_work_it_is_taken_at_once(client, send_data, settings):
    from samvydat.comments import antispam

    settings.COMMENTS_POW_BITS = 6
    data = send_data(token=antispam.form_token(page_id=0, kind="submission"))
    data["work"] = antispam.proof_of_work_solve(data["token"], bits=6)
    assert client.post(send_url(), data).status_code == 303
    assert Submission.objects.count() == 1


def test_key_rotation_keeps_old_submissions_readable(client, send_data, settings):
    from cryptography.fernet import Fernet

    assert client.post(send_url(), send_data()).status_code == 303
    settings.SUBMISSIONS_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), *settings.SUBMISSIONS_ENCRYPTION_KEYS]
    opened = submission_open(submission=Submission.objects.get())
    assert opened.contact == "signal: contact-4Q7"
    settings.SUBMISSIONS_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(crypto.InvalidToken):
        submission_open(submission=Submission.objects.get())
