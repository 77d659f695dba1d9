"""Nothing that identifies a reader is stored with a comment or a question — not even hashed — and the forms
never answer with a server error or store anything they refuse (property-based)."""

import hashlib

import pytest
from django.conf import settings
from django.core.cache import caches
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from samvydat.comments.forms import clean_text
from samvydat.comments.models import ReaderComment

from .conftest import form_data
from .dumps import database_dump

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.231"
AGENT = "Mozilla/5.0 (Distinctive-Reader-Agent-7Q3ZK)"


def identifiers(value: str) -> list[str]:
    return [value, hashlib.sha256(value.encode()).hexdigest(), hashlib.md5(value.encode()).hexdigest()]


def test_no_address_or_user_agent_is_stored(client, news_page, discussion_page, clock):
    headers = {
        "REMOTE_ADDR": ADDRESS,
        "HTTP_USER_AGENT": AGENT,
        "HTTP_X_FORWARDED_FOR": ADDRESS,
        "HTTP_ACCEPT_LANGUAGE": "be-BY-x-distinctive",
    }
    for page, kind in [(news_page, "comment"), (discussion_page, "question")]:
        data = form_data(page, kind=kind, text=f"A {kind} with a marker QX7")
        clock.advance(30)
        response = client.post(reverse("comments:post", args=[page.pk, kind]), data, **headers)
        assert response.status_code == 303
    assert ReaderComment.objects.filter(text__contains="QX7").count() == 2
    dump = database_dump()
    assert "marker QX7" in dump  # the dump does contain what was stored
    for value in [ADDRESS, AGENT, "Distinctive-Reader-Agent", "be-BY-x-distinctive"]:
        for form in identifiers(value):
            assert form not in dump, f"{value!r} found in the database"


@pytest.fixture
def posted(client, news_page):
    def post(data):
        return client.post(reverse("comments:post", args=[news_page.pk, "comment"]), data)

    return post


text = st.text(st.characters(codec="utf-8"), max_size=4100)


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.fixed_dictionaries(
        {},
        optional={
            "text": text,
            "display_name": st.text(max_size=80),
            "token": st.text(max_size=250),
            "work": st.text(max_size=40),
            "website": st.text(max_size=20),
            "extra": st.text(max_size=20),
        },
    )
)
def test_any_form_gives_no_server_error_and_refusals_store_nothing(posted, data, clock):
    before = ReaderComment.objects.count()
    response = posted(data)
    assert response.status_code < 500
    assert response.status_code in (303, 400)
    assert ReaderComment.objects.count() == before  # a random token is never valid


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=text, name=st.text(max_size=80))
def test_with_a_valid_token_it_is_stored_exactly_or_not_at_all(posted, news_page, clock, body, name):
    before = ReaderComment.objects.count()
    data = form_data(news_page, text=body, display_name=name)
    clock.advance(60)
    response = posted(data)
    assert response.status_code in (303, 400, 429)
    stored = ReaderComment.objects.count() - before
    assert stored == (1 if response.status_code == 303 else 0)
    if stored:
        comment = ReaderComment.objects.latest("pk")
        assert comment.text and len(comment.text) <= 4000
        assert comment.text == clean_text(body)  # exactly what was written, minus control characters
    caches[settings.RATE_LIMIT_CACHE_ALIAS].clear()
