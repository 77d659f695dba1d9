"""A full disk while an editor uploads media: a clear message, nothing half-saved.

A real full disk cannot be made safely on a shared machine, so the storage raises the very error the operating
system gives, ``OSError(ENOSPC)``, from ``_save`` — where Django's FileSystemStorage would meet it.
"""

import errno
import io
import json

import pytest
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db
FULL_DISK_MESSAGE = "disk is full"


class FullDiskStorage(FileSystemStorage):
    def _save(self, name, content):
        raise OSError(errno.ENOSPC, "No space left on device", name)


@pytest.fixture
def full_disk(settings):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": f"{__name__}.FullDiskStorage"}}


@pytest.fixture
def editor_client(client, django_user_model, log_in_editor):
    log_in_editor(client, django_user_model.objects.create_superuser("upload-editor", "u@example.org", "x" * 16))
    return client


def png(name="photo.png"):
    stream = io.BytesIO()
    PILImage.new("RGB", (20, 10), "navy").save(stream, "PNG")
    stream.seek(0)
    stream.name = name
    return stream


def post_in_savepoint(client, url, data, **extra):
    """POST as production runs it: Django's save() rolls back its own failed write, which in a test's transaction
    needs a savepoint to roll back to (outside tests the request is not inside a transaction at all)."""
    with transaction.atomic():
        return client.post(url, data, **extra)


def test_an_image_upload_on_a_full_disk_says_so_and_saves_nothing(editor_client, full_disk):
    images = get_image_model().objects.count()
    response = post_in_savepoint(editor_client, "/admin/images/add/", {"title": "Photo", "file": png()})
    assert response.status_code == 302 and response["Location"] == "/admin/images/add/"
    assert FULL_DISK_MESSAGE in editor_client.get(response["Location"]).content.decode()
    assert get_image_model().objects.count() == images


def test_a_document_upload_on_a_full_disk_says_so_and_saves_nothing(editor_client, full_disk):
    documents = get_document_model().objects.count()
    upload = io.BytesIO(b"%PDF-1.4 a tiny document")
    upload.name = "plan.pdf"
    response = post_in_savepoint(editor_client, "/admin/documents/add/", {"title": "Plan", "file": upload})
    assert response.status_code == 302
    assert FULL_DISK_MESSAGE in editor_client.get(response["Location"]).content.decode()
    assert get_document_model().objects.count() == documents


def test_the_multiple_upload_page_gets_an_error_it_can_show(editor_client, full_disk):
    images = get_image_model().objects.count()
    response = post_in_savepoint(
        editor_client, "/admin/images/multiple/add/", {"files[]": png()}, headers={"x-requested-with": "XMLHttpRequest"}
    )
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["success"] is False and FULL_DISK_MESSAGE in data["error_message"]
    assert get_image_model().objects.count() == images


def test_uploads_work_again_when_there_is_space(editor_client):
    images = get_image_model().objects.count()
    response = editor_client.post("/admin/images/add/", {"title": "Photo", "file": png()})
    assert response.status_code == 302
    assert get_image_model().objects.count() == images + 1
