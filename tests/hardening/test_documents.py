"""Documents are downloads a browser never runs: refused on upload if they could run, served as attachments.

Replays issue 12: a .js document served from the site's own origin as text/javascript passed
``script-src 'self'`` when a page loaded it with ``<script src="/documents/N/x.js">``.
"""

import io
import textwrap

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from samvydat.packages.errors import PackageError
from samvydat.packages.services import package_import

pytestmark = pytest.mark.django_db

EXECUTABLE = [
    ("x.js", b"alert(document.domain)"),
    ("x.mjs", b"alert(document.domain)"),
    ("page.html", b"<script>alert(1)</script>"),
    ("page.htm", b"<script>alert(1)</script>"),
    ("image.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    ("data.xml", b'<x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)</x:script>'),
    ("page.xhtml", b'<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>'),
]


@pytest.fixture
def editor_client(client, django_user_model, log_in_editor):
    log_in_editor(client, django_user_model.objects.create_superuser("doc-editor", "d@example.org", "x" * 16))
    return client


def upload(name: str, content: bytes) -> io.BytesIO:
    stream = io.BytesIO(content)
    stream.name = name
    return stream


@pytest.mark.parametrize(("name", "content"), EXECUTABLE)
def test_the_admin_refuses_a_document_a_browser_could_run(editor_client, name, content):
    documents = get_document_model().objects.count()
    response = editor_client.post("/admin/documents/add/", {"title": "Hostile", "file": upload(name, content)})
    assert response.status_code == 200  # the form again, with its error
    assert "Allowed extensions" in response.content.decode() or "not allowed" in response.content.decode()
    assert get_document_model().objects.count() == documents


def test_the_admin_multiple_upload_refuses_it_too(editor_client):
    documents = get_document_model().objects.count()
    response = editor_client.post(
        "/admin/documents/multiple/add/",
        {"files[]": upload("x.js", b"alert(1)")},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.json()["success"] is False
    assert get_document_model().objects.count() == documents


def test_the_admin_still_takes_a_pdf(editor_client):
    response = editor_client.post("/admin/documents/add/", {"title": "Plan", "file": upload("plan.pdf", b"%PDF-1.4")})
    assert response.status_code == 302
    assert get_document_model().objects.filter(title="Plan").exists()


def test_a_package_may_not_bring_a_script_as_a_document(tmp_path):
    content = tmp_path / "content" / "plans"
    (content / "media").mkdir(parents=True)
    (content / "media" / "plan.js").write_bytes(b"alert(1)")
    plan = content / "hostile.en.md"
    plan.write_text(
        textwrap.dedent("""\
        ---
        title: A plan
        date: 2026-01-05
        translationKey: hostile-plan
        pdf: media/plan.js
        ---
        Body.
        """),
        encoding="utf-8",
    )
    with pytest.raises(PackageError) as caught:
        package_import(path=tmp_path)
    (problem,) = caught.value.problems
    assert (problem.path, problem.line) == (plan, 5) and "documents may only be pdf" in problem.message
    assert not get_document_model().objects.filter(title="plan").exists()


def stored_document(name: str, content: bytes):
    """A document as one uploaded before the extension list existed (no validation)."""
    return get_document_model().objects.create(title=name, file=ContentFile(content, name=name))


@pytest.mark.parametrize(("name", "content"), EXECUTABLE)
def test_an_old_executable_document_is_served_as_a_harmless_download(client, name, content):
    document = stored_document(name, content)
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == content


def test_a_pdf_keeps_its_type_and_is_an_attachment_too(client):
    document = stored_document("plan.pdf", b"%PDF-1.4 tiny")
    response = client.get(document.url)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_missing_document_is_still_a_404(client):
    assert client.get("/documents/999999/nothing.pdf").status_code == 404
