"""Outside the admin, a password without the second factor signs no one in: login-restricted pages, private
documents and their PDFs stay closed until the code is entered (the attack: a stolen or guessed password)."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from samvydat.news.models import NewsPage

from .conftest import code_for
from .test_two_factor import enrolled

pytestmark = pytest.mark.django_db

PRIVATE_BYTES = b"private-document-canary-4T1"


@pytest.fixture
def restricted():
    page = NewsPage.objects.live().filter(locale__language_code="en").first()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    collection = Collection.get_first_root_node().add_child(name="Editors only")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type=CollectionViewRestriction.LOGIN)
    document = Document.objects.create(
        title="Internal memo", file=ContentFile(PRIVATE_BYTES, name="memo.txt"), collection=collection
    )
    return page, document


def _opens(client, page, document) -> tuple[bool, bool]:
    page_response = client.get(page.url)
    document_response = client.get(document.url)
    document_body = b"".join(document_response.streaming_content) if document_response.streaming else b""
    return (
        page_response.status_code == 200 and page.title in page_response.content.decode(),
        document_response.status_code == 200 and PRIVATE_BYTES in document_body,
    )


def test_a_password_alone_opens_no_restricted_page_or_document(client, editor, sign_in, restricted):
    page, document = restricted
    device, _codes = enrolled(editor)
    assert _opens(client, page, document) == (False, False)  # an anonymous reader

    sign_in(editor.username)  # the password, not the code
    assert _opens(client, page, document) == (False, False)
    response = client.get(page.url)
    assert response.status_code == 302 and "login" in response["Location"]

    assert client.post("/admin/2fa/verify/", {"code": code_for(device)}).status_code == 302
    assert _opens(client, page, document) == (True, True)


def test_an_editor_who_never_enrolled_is_anonymous_on_the_public_site(client, editor, sign_in, restricted):
    page, document = restricted
    sign_in(editor.username)
    assert _opens(client, page, document) == (False, False)
