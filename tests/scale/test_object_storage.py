"""Media on an S3-compatible store shared by two application processes (issue: several machines).

A real S3 server on loopback (``rclone serve s3``, with access keys). This test process is application machine A:
an editor uploads an image in the admin and the page's rendition is made there. Machine B is another process,
granian with the production settings and its own (empty) database, sharing only the bucket: it serves the
rendition A made, byte for byte, under the site's own /media/ address, so readers never contact the bucket.
"""

import io
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from PIL import Image as PILImage
from wagtail.images import get_image_model

from samvydat.core.files import StoredFile
from samvydat.mirror.services import asset_source
from samvydat.pdfs.fetcher import LocalFilesFetcher
from tests.mirror.rclone_servers import free_port, serve

pytestmark = pytest.mark.django_db

REPO_ROOT = Path(__file__).resolve().parents[2]
ACCESS_KEY, SECRET_KEY = "samvydat-test-access", "s3-secret-" + secrets.token_hex(8)
BUCKET = "media-bucket"


@pytest.fixture
def bucket(tmp_path):
    folder = tmp_path / "s3"
    (folder / BUCKET).mkdir(parents=True)
    process, port = serve("s3", folder, "--auth-key", f"{ACCESS_KEY},{SECRET_KEY}")
    yield folder / BUCKET, f"http://127.0.0.1:{port}"
    process.kill()
    process.wait()


def bucket_environment(endpoint: str) -> dict:
    return {
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_S3_ADDRESSING_STYLE": "path",
    }


@pytest.fixture
def media_in_bucket(bucket, settings):
    folder, endpoint = bucket
    for name, value in bucket_environment(endpoint).items():
        setattr(settings, name, value)
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "samvydat.serving.media.MediaStorage"}}
    return folder, endpoint


@pytest.fixture
def machine_b(bucket, tmp_path):
    """A second application process (its own, empty database) that shares only the bucket with this one."""
    _, endpoint = bucket
    port = free_port()
    environment = {
        **os.environ,
        **bucket_environment(endpoint),
        "DJANGO_SETTINGS_MODULE": "samvydat.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'machine-b.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "machine-b-media"),  # must stay empty: media are in the bucket
        "STATIC_ROOT": str(tmp_path / "machine-b-static"),
        "PAGE_CACHE_DIR": str(tmp_path / "machine-b-pagecache"),
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
        "GRANIAN": str(Path(sys.executable).parent / "granian"),
    }
    manage = [sys.executable, str(REPO_ROOT / "manage.py")]
    for command in (["migrate"], ["collectstatic"]):  # what an operator runs on each machine
        subprocess.run(
            [*manage, *command, "--noinput", "--skip-checks", "-v0"], env=environment, check=True, timeout=300
        )
    log = tmp_path / "machine-b.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [str(REPO_ROOT / "deploy" / "serve")], env=environment, stdout=out, stderr=out, start_new_session=True
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/healthz", timeout=5).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                server_stop(process)
                pytest.fail(f"machine B did not answer:\n{log.read_text()[-3000:]}")
            time.sleep(0.1)
    yield url, tmp_path / "machine-b-media", log
    server_stop(process)


def server_stop(process: subprocess.Popen) -> None:
    """granian's workers outlive a SIGKILLed master: stop it gracefully, else kill its whole process group."""
    process.terminate()
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def png_upload(name="harbour.png"):
    stream = io.BytesIO()
    PILImage.new("RGB", (640, 360), (30, 90, 160)).save(stream, "PNG")
    stream.seek(0)
    stream.name = name
    return stream


def upload_in_admin(client) -> object:
    before = set(get_image_model().objects.values_list("pk", flat=True))
    response = client.post("/admin/images/add/", {"title": "Harbour at dawn", "file": png_upload()})
    assert response.status_code == 302, response.content[:2000]
    (image,) = get_image_model().objects.exclude(pk__in=before)
    return image


def test_an_image_uploaded_on_one_machine_is_served_by_another(
    client, django_user_model, log_in_editor, media_in_bucket, machine_b, settings, tmp_path
):
    folder, _ = media_in_bucket
    url_b, media_root_b, log_b = machine_b
    log_in_editor(client, django_user_model.objects.create_superuser("s3-editor", "e@example.org", "x" * 16))

    image = upload_in_admin(client)
    rendition = image.get_rendition("width-320|format-webp")

    assert rendition.url.startswith("/media/images/"), "readers are sent to the site, never to the bucket"
    assert (folder / image.file.name).is_file() and (folder / rendition.file.name).is_file()
    assert not any(Path(settings.MEDIA_ROOT).rglob("*harbour*")), "nothing of it on this machine's disk"

    with urllib.request.urlopen(url_b + rendition.url, timeout=10) as response:
        body, headers = response.read(), response.headers
    assert body == (folder / rendition.file.name).read_bytes()
    assert headers["Content-Type"] == "image/webp"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "public" in headers["Cache-Control"]
    assert not media_root_b.exists() or not any(media_root_b.rglob("*"))

    # Original uploads are not public on machine B either, and a missing rendition is a plain 404.
    for address in ("/media/" + image.file.name, "/media/images/nothing-here.webp", "/media/images/../x"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url_b + address, timeout=10)
        assert refused.value.code == 404
    assert SECRET_KEY not in log_b.read_text()


def test_the_mirror_and_the_pdfs_read_media_from_the_bucket(media_in_bucket, settings, tmp_path):
    folder, _ = media_in_bucket
    image = get_image_model().objects.create(title="Bridge", file=_image_file())
    rendition = image.get_rendition("width-200")
    assert not any(Path(settings.MEDIA_ROOT).rglob("*bridge*"))

    source = asset_source(rendition.url)
    assert isinstance(source, StoredFile)
    assert source.read_bytes() == (folder / rendition.file.name).read_bytes()

    fetcher = LocalFilesFetcher(site_url="https://example.org")
    assert fetcher.fetch("https://example.org" + rendition.url).read() == source.read_bytes()
    with pytest.raises(ValueError):
        fetcher.fetch("https://example.org/media/images/../../etc/passwd")
    assert fetcher.refused == ["https://example.org/media/images/../../etc/passwd"]


def _image_file():
    from django.core.files.images import ImageFile

    stream = png_upload("bridge.png")
    return ImageFile(stream, name="bridge.png")


def test_media_stay_on_disk_without_a_bucket(settings):
    assert settings.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert default_storage.path("images/x.webp").startswith(str(Path(settings.MEDIA_ROOT)))


def test_a_backup_holds_the_bucket_and_restores_into_an_empty_one(media_in_bucket, settings, tmp_path):
    from samvydat.backup import media

    folder, _ = media_in_bucket
    image = get_image_model().objects.create(title="Square", file=_image_file())
    rendition = image.get_rendition("fill-100x100")
    assert media.media_in_bucket()

    copied = media.bucket_copy_out(target=tmp_path / "backup-media")
    assert copied >= 2
    for name in (image.file.name, rendition.file.name):
        assert (tmp_path / "backup-media" / name).read_bytes() == (folder / name).read_bytes()

    settings.AWS_LOCATION = "restored-site"  # a second, empty site in the bucket
    settings.STORAGES = {**settings.STORAGES}  # a fresh storage object that reads the new setting
    assert media.bucket_is_empty()
    assert media.bucket_restore(source=tmp_path / "backup-media") == copied
    assert (folder / "restored-site" / rendition.file.name).read_bytes() == (folder / rendition.file.name).read_bytes()
    assert not media.bucket_is_empty()
