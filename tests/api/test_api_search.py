"""?search= in the content API is samvydat's own search (analysis, index, limits) under a time budget."""

import json

import pytest
from django.test import override_settings
from wagtail.models import Page, PageViewRestriction

from samvydat.news.models import NewsPage
from samvydat.search import selectors

pytestmark = pytest.mark.django_db


def get_json(client, url):
    response = client.get(url)
    assert response["Content-Type"].startswith("application/json"), (url, response.content[:300])
    assert "Set-Cookie" not in response and not response.cookies
    return response, json.loads(response.content)


def ids(client, url):
    response, data = get_json(client, url)
    assert response.status_code == 200, (url, data)
    return [item["id"] for item in data["items"]]


@pytest.mark.parametrize("words", ['"a', '"', "a*", "(", "NEAR(", "title:x", "'; DROP TABLE x; --", "\\", "a" * 5000])
def test_fts_syntax_in_a_search_is_a_200_or_a_400_never_a_503(client, words):
    response, data = get_json(client, f"/api/v2/pages/?search={words}")
    assert response.status_code in (200, 400), data
    assert "message" in data or "items" in data


def test_the_api_finds_what_the_search_page_finds_best_first(client):
    found = ids(client, "/api/v2/pages/?search=Lukashenko&locale=en&limit=20")
    expected = selectors.ranked_page_ids(query="Lukashenko", language="en", limit=20)
    assert found and found == [pk for pk in expected if pk in found]
    # any spelling of a name, and as many as the search page lists
    page_total = selectors.search(query="Lukashenko", language="en").total
    for spelling in ("Lukashenko", "Лукашенко"):
        assert get_json(client, f"/api/v2/pages/?search={spelling}&locale=en")[1]["meta"]["total_count"] == page_total


def test_search_keeps_the_api_filters_and_only_public_live_pages(client):
    news = NewsPage.objects.live().filter(locale__language_code="en").first()
    word = news.title.split()[0]
    assert news.pk in ids(client, f"/api/v2/pages/?search={word}&type=news.NewsPage&limit=20")
    PageViewRestriction.objects.create(page=news, restriction_type=PageViewRestriction.LOGIN)
    assert news.pk not in ids(client, f"/api/v2/pages/?search={news.title}&limit=20")
    found = ids(client, "/api/v2/pages/?search=the&type=news.NewsPage&limit=20")
    assert set(found) <= set(NewsPage.objects.live().public().values_list("pk", flat=True))


def test_any_word_finds_at_least_as_much_as_every_word(client):
    _, every = get_json(client, "/api/v2/pages/?search=Lukashenko sanctions")
    _, either = get_json(client, "/api/v2/pages/?search=Lukashenko sanctions&search_operator=or")
    assert either["meta"]["total_count"] >= every["meta"]["total_count"]
    assert either["meta"]["total_count"] > 0


def test_an_order_keeps_its_order(client):
    found = ids(client, "/api/v2/pages/?search=the&order=title&limit=20")
    titles = list(Page.objects.filter(pk__in=found).values_list("pk", "title"))
    by_title = [pk for pk, _ in sorted(titles, key=lambda row: row[1])]
    assert found == by_title


def test_a_search_that_runs_out_of_time_answers_json_503_with_retry_after(client):
    with override_settings(SEARCH_TIME_BUDGET_SECONDS=1e-9):
        response, data = get_json(client, "/api/v2/pages/?search=the")
    assert response.status_code == 503
    assert "time budget" in data["message"]
    assert int(response["Retry-After"]) > 0
    assert "no-store" in response["Cache-Control"]
    # the database is fine: the next search, with its normal budget, is answered
    assert get_json(client, "/api/v2/pages/?search=the")[0].status_code == 200


def test_the_search_page_answers_a_cut_search_with_a_message(client):
    with override_settings(SEARCH_TIME_BUDGET_SECONDS=1e-9):
        response = client.get("/en/search/", {"q": "the"})
    assert response.status_code == 503 and int(response["Retry-After"]) > 0
    assert 'class="search-cut"' in response.content.decode()


def test_images_and_documents_search_their_titles(client):
    response, data = get_json(client, '/api/v2/images/?search="a')
    assert response.status_code == 200
    assert all('"a' in item["title"].lower() for item in data["items"])
    assert get_json(client, "/api/v2/documents/?search=(")[0].status_code == 200
