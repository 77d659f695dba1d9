"""A reader sends information with a photo carrying GPS data, with and without JavaScript. The stored copy
has no metadata, and a copy of the database file and of the folders shows nothing the reader sent."""

import io
import sqlite3
from pathlib import Path

import pytest
from PIL import Image

from samvydat.submissions import crypto
from tests.submissions import samples

from .conftest import _SITE_ENV

pytestmark = pytest.mark.browser


def site_database() -> Path:
    return Path(_SITE_ENV["DATABASE_URL"].removeprefix("sqlite:///"))


def everything_on_disk() -> bytes:
    """The SQLite file with its write-ahead log, the media folder and the submissions folder, byte for byte."""
    database = site_database()
    paths = [database, database.with_name(database.name + "-wal")]
    for root in (_SITE_ENV["MEDIA_ROOT"], _SITE_ENV["SUBMISSIONS_ROOT"]):
        paths += sorted(p for p in Path(root).rglob("*") if p.is_file())
    return b"".join(p.read_bytes() for p in paths if p.exists())


def send(visit, tmp_path, marker: str, *, with_js: bool) -> None:
    photo = tmp_path / f"photo-{marker}.jpg"
    photo.write_bytes(samples.jpeg_with_gps())
    visit.goto("/en/send/")
    page = visit.page
    assert "Tor Browser" in page.locator("main").inner_text()
    page.get_by_label("An item for the museum of the protests").check()
    page.locator("textarea[name=text]").fill(f"Secret message {marker} about the plant")
    page.locator("textarea[name=contact]").fill(f"contact {marker}")
    page.locator("input[name=files]").set_input_files(str(photo))
    if with_js:
        page.locator("textarea[name=text]").focus()  # the proof of work starts
    page.get_by_role("button", name="Send", exact=True).click()
    page.wait_for_url("**/send/sent/")
    assert "encrypted" in page.locator("main").inner_text()
    visit.assert_clean()


def stored_photos(marker: str) -> list[bytes]:
    with sqlite3.connect(f"file:{site_database()}?mode=ro", uri=True) as connection:
        rows = connection.execute("SELECT name_encrypted, stored_as FROM submissions_submissionfile").fetchall()
    photos = []
    for name_encrypted, stored_as in rows:
        if crypto.decrypt_text(name_encrypted) == f"photo-{marker}.jpg":
            path = Path(_SITE_ENV["SUBMISSIONS_ROOT"]) / stored_as
            photos.append(b"".join(crypto.file_decrypted_chunks(path)))
    return photos


@pytest.mark.parametrize("with_js", [False, True], ids=["without-js", "with-js"])
def test_a_photo_with_gps_is_stored_without_it_and_nothing_is_readable(tmp_path, with_js, visit, visit_without_js):
    reader = visit if with_js else visit_without_js
    marker = f"SUBM-{'JS' if with_js else 'NOJS'}-7Y"
    send(reader, tmp_path, marker, with_js=with_js)

    (photo,) = stored_photos(marker)
    with Image.open(io.BytesIO(photo)) as image:
        assert image.format == "JPEG" and not image.getexif()
    assert b"Exif" not in photo and samples.CAMERA.encode() not in photo

    on_disk = everything_on_disk()
    for secret in [f"Secret message {marker}", f"contact {marker}", f"photo-{marker}", samples.CAMERA]:
        assert secret.encode() not in on_disk, f"{secret!r} is readable on disk"
