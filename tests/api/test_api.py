"""The content API: public, read-only, cookie-free, only live public content, fields listed explicitly."""

import json

import pytest
from wagtail.models import Page, PageViewRestriction

from samvydat.api.fields import PAGE_API_FIELDS
from samvydat.api.openapi import openapi_document
from samvydat.news.models import NewsPage

pytestmark = pytest.mark.django_db


def get_json(client, url, status=200, **extra):
    response = client.get(url, **extra)
    assert response.status_code == status, (url, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    assert "Set-Cookie" not in response and not response.cookies
    return json.loads(response.content)


def test_pages_list_live_public_pages_in_every_language(client):
    data = get_json(client, "/api/v2/pages/?limit=20")
    assert data["meta"]["total_count"] == Page.objects.live().public().filter(depth__gt=1).count()
    locales = {item["meta"]["locale"] for item in get_json(client, "/api/v2/pages/?type=core.HomePage")["items"]}
    assert locales == {"en", "be", "ru"}


def test_drafts_and_restricted_pages_are_not_in_the_api(client):
    news = list(NewsPage.objects.live()[:2])
    news[0].unpublish()
    PageViewRestriction.objects.create(page=news[1], restriction_type=PageViewRestriction.LOGIN)
    for page in news:
        get_json(client, f"/api/v2/pages/{page.pk}/", status=404)
    ids = {item["id"] for item in get_json(client, "/api/v2/pages/?type=news.NewsPage&limit=20")["items"]}
    assert not ids & {page.pk for page in news}


def test_an_editors_session_sees_no_more(client, django_user_model, log_in_editor):
    page = NewsPage.objects.live().first()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    log_in_editor(client, django_user_model.objects.create_superuser("api-editor", "a@example.org", "x" * 16))
    get_json(client, f"/api/v2/pages/{page.pk}/", status=404)


def test_a_page_shows_exactly_the_listed_fields(client):
    page = NewsPage.objects.live().first()
    data = get_json(client, f"/api/v2/pages/{page.pk}/")
    assert set(data) == {"id", "meta", "title", *PAGE_API_FIELDS["news.NewsPage"]}
    assert data["title"] == page.title and isinstance(data["body"], list)
    assert "package_key" not in data and "owner" not in data["meta"]


def test_the_api_cannot_write(client):
    page = NewsPage.objects.live().first()
    for method in (client.post, client.put, client.patch, client.delete):
        assert method(f"/api/v2/pages/{page.pk}/").status_code == 405
    assert NewsPage.objects.filter(pk=page.pk, title=page.title).exists()


@pytest.mark.parametrize(
    "query",
    [
        "limit=abc",
        "limit=%C2%B3",
        "child_of=%C2%B3",
        "limit=-1",
        "limit=21",
        "limit=99999999999999999999999",
        "offset=99999999999999999999999",
        "order=nonsense",
        "order=-",
        "fields=nonsense",
        "fields=title(",
        "fields=title(id)",
        "type=nonsense",
        "type=",
        "type=auth.User",
        "child_of=99999999999999999999999",
        "descendant_of=-5",
        "translation_of=abc",
        "id=99999999999999999999999",
        "search_operator=xor&search=a",
        "first_published_at=yesterday",
        "type=news.NewsPage&date=tomorrow",
        "type=discussions.DiscussionPage&number=1e999",
        "title=%00",
        "unknown=1",
    ],
)
def test_bad_queries_get_a_400_with_a_message(client, query):
    data = get_json(client, f"/api/v2/pages/?{query}", status=400)
    assert data["message"]


def test_unknown_api_paths_answer_in_json(client):
    assert get_json(client, "/api/v2/pages/abc/", status=404)["message"]
    assert get_json(client, "/api/v2/nothing/", status=404)["message"]


def test_the_openapi_document_describes_every_endpoint_and_page_type(client):
    document = get_json(client, "/api/v2/openapi.json")
    assert document == json.loads(json.dumps(openapi_document()))
    assert set(document["paths"]) == {
        f"/api/v2/{name}/{suffix}" for name in ("pages", "images", "documents") for suffix in ("", "{id}/")
    }
    page_properties = document["components"]["schemas"]["pages_item"]["properties"]
    for fields in PAGE_API_FIELDS.values():
        assert set(fields) <= set(page_properties)
    assert page_properties["date"] == {"type": "string", "format": "date", "description": "date"}
