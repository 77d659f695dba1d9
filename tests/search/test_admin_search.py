"""The admin's page search uses the same analysis: any spelling, any form, drafts included."""

import re

import pytest

from samvydat.news.models import NewsPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model, log_in_editor):
    user = django_user_model.objects.create_superuser("searcher", "searcher@example.org", "a-long-password-123")
    return log_in_editor(client, user)


def edit_links(html):
    return set(re.findall(r"/admin/pages/(\d+)/edit/", html))


def test_admin_search_finds_every_spelling(editor_client):
    from samvydat.search.admin_views import _matching_page_ids

    latin = set(_matching_page_ids("Tsikhanouskaya", language="en"))
    cyrillic = set(_matching_page_ids("Тихановская", language="en"))
    assert latin and latin == cyrillic  # the same pages, ranked differently (exact words first)
    shown = edit_links(editor_client.get("/admin/pages/search/", {"q": "Тихановская"}).content.decode())
    assert shown and {int(pk) for pk in shown} <= cyrillic


def test_admin_search_finds_drafts_and_keeps_wagtails_filters(editor_client, django_capture_on_commit_callbacks):
    page = NewsPage.objects.filter(locale__language_code="en").first()
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    html = editor_client.get("/admin/pages/search/", {"q": page.title}).content.decode()
    assert str(page.pk) in edit_links(html)
    html = editor_client.get("/admin/pages/search/", {"q": f"{page.title} live:yes"}).content.decode()
    assert str(page.pk) not in edit_links(html)


def test_admin_search_results_fragment_and_content_type_filter(editor_client):
    response = editor_client.get("/admin/pages/search/results/", {"q": "Лукашэнка"})
    assert response.status_code == 200 and edit_links(response.content.decode())
    response = editor_client.get("/admin/pages/search/", {"q": "Лукашэнка", "content_type": "news.newspage"})
    assert response.status_code == 200


def test_admin_search_needs_a_login(client):
    response = client.get("/admin/pages/search/", {"q": "x"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
