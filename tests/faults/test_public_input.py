"""Property tests over every public URL that takes input: no 5xx, and a rejected request changes nothing.

Feeds (section, topic, person, format), pagination (``?page=``), language prefixes, media and document URLs, PDFs,
the content API's query strings, and — where those apps are installed — search and the newsletter's subscribe form.
The database "fingerprint" (the row count of every table, in one query) must be the same before and after each
rejected (4xx) request.
"""

import string
from urllib.parse import quote, urlencode

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.urls import NoReverseMatch, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db
PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
)

TEXT = st.text(max_size=40)
SLUGGISH = st.text(alphabet=string.ascii_letters + string.digits + "-_.%~", min_size=1, max_size=30)
NUMBERISH = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["0", "-1", "1e9", "NaN", "٣", "１", " 2", "2 ", "0x10", "99999999999999999999"]),
    TEXT,
)
LANGUAGES = st.sampled_from(["en", "be", "ru"])


def fingerprint() -> tuple[int, ...]:
    tables = sorted({model._meta.db_table for model in apps.get_models() if model._meta.managed})
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {connection.ops.quote_name(table)})" for table in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return tuple(cursor.fetchone())


def check(client: Client, url: str, *, method="get", data=None):
    before = fingerprint()
    response = getattr(client, method)(url, data) if data is not None else getattr(client, method)(url)
    assert response.status_code < 500, f"{response.status_code} for {method.upper()} {url!r}"
    if 400 <= response.status_code < 500:
        assert fingerprint() == before, f"a rejected {method.upper()} {url!r} changed the database"
    return response


@pytest.fixture
def reader():
    return Client(raise_request_exception=True)


def url_path(text: str) -> str:
    return quote(text, safe="")


@PROPERTY_SETTINGS
@given(language=LANGUAGES, name=SLUGGISH, fmt=st.one_of(st.sampled_from(["rss", "atom", "json"]), SLUGGISH))
def test_feeds(reader, language, name, fmt):
    check(reader, f"/{language}/feeds/{url_path(name)}.{url_path(fmt)}")
    check(reader, f"/{language}/feeds/topics/{url_path(name)}.{url_path(fmt)}")
    check(reader, f"/{language}/feeds/people/{url_path(name)}.{url_path(fmt)}")


@PROPERTY_SETTINGS
@given(
    language=LANGUAGES,
    section=st.sampled_from(["news", "plans", "weekly", "discussions", "statements", "people", ""]),
    page=NUMBERISH,
)
def test_pagination(reader, language, section, page):
    path = f"/{language}/{section}/" if section else f"/{language}/"
    check(reader, f"{path}?{urlencode({'page': page})}")


@PROPERTY_SETTINGS
@given(prefix=st.one_of(SLUGGISH, st.sampled_from(["EN", "en-us", "be-tarask", "ru_RU", "zz", "", "%00"])), rest=TEXT)
def test_language_prefixes(reader, prefix, rest):
    check(reader, f"/{url_path(prefix)}/{url_path(rest)}")


@PROPERTY_SETTINGS
@given(
    kind=st.sampled_from(["media/original_images", "media/images", "media/documents", "documents", "pdf"]),
    first=NUMBERISH,
    name=TEXT,
)
def test_media_documents_and_pdfs(reader, kind, first, name):
    prefix = "/en/pdf" if kind == "pdf" else f"/{kind}"
    if kind == "pdf":
        # Only ids that are not pages (a valid id makes the PDF, which is a legitimate write).
        check(reader, f"{prefix}/{url_path(first)}x/")
    else:
        check(reader, f"{prefix}/{url_path(first)}/{url_path(name)}")


API_PARAMETERS = st.sampled_from(
    [
        "limit",
        "offset",
        "fields",
        "order",
        "search",
        "search_operator",
        "type",
        "child_of",
        "ancestor_of",
        "descendant_of",
        "translation_of",
        "locale",
        "site",
        "title",
        "slug",
        "id",
        "date",
        "first_published_at",
        "html_path",
        "rich_text_format",
        "unknown",
    ]
)


@PROPERTY_SETTINGS
@given(
    endpoint=st.sampled_from(["pages/", "images/", "documents/", "pages/find/", "pages/1/", "pages/999999999/"]),
    query=st.lists(st.tuples(API_PARAMETERS, NUMBERISH), max_size=4),
)
def test_the_content_api(reader, endpoint, query):
    check(reader, f"/api/v2/{endpoint}?{urlencode(query)}")


def _optional_url(name: str, **kwargs) -> str:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        pytest.skip(f"{name} is not installed")


@PROPERTY_SETTINGS
@given(query=TEXT, page=NUMBERISH)
def test_search(reader, query, page):
    url = _optional_url("search")
    check(reader, f"{url}?{urlencode({'q': query, 'page': page})}")


@PROPERTY_SETTINGS
@given(email=st.one_of(TEXT, st.emails()), language=st.one_of(LANGUAGES, TEXT))
def test_subscribe(reader, email, language):
    url = _optional_url("newsletter:subscribe")
    check(reader, url, method="post", data={"email": email, "language": language})


@PROPERTY_SETTINGS
@given(
    view=st.sampled_from(["newsletter:confirm", "newsletter:manage", "newsletter:unsubscribe"]),
    token=st.text(alphabet=string.ascii_letters + string.digits + "-_:.", min_size=1, max_size=120),
    method=st.sampled_from(["get", "post"]),
)
def test_newsletter_tokens(reader, view, token, method):
    url = _optional_url(view, token=token)
    check(reader, url, method=method, data={} if method == "post" else None)
