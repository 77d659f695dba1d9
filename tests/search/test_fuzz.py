"""Whatever a reader sends, the search page and its suggestions answer with a page, never an error."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

FTS_SYNTAX = ['"', "*", "NEAR", "AND", "OR", "NOT", "(", ")", "^", ":", "-", "{", "}", "'", "\\", "%", "_", "NEAR("]
TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(
        st.one_of(
            st.sampled_from(FTS_SYNTAX),
            st.sampled_from(["Лукашэнка", "Lukashenko", "санкцыі", "😀", "\u200b", "\x00", "\u202e", "ў", "ß"]),
            st.text(alphabet=st.characters(codec="utf-8"), max_size=12),
        ),
        max_size=30,
    ).map(" ".join),
    st.just("x" * 5000),
)
PAGE = st.one_of(st.integers(min_value=-(10**12), max_value=10**12).map(str), st.text(max_size=12))
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(
    q=TEXT,
    page=PAGE,
    sort=st.one_of(st.sampled_from(["relevance", "date"]), st.text(max_size=8)),
    kind=st.one_of(st.sampled_from(["news", "commentary", ""]), st.text(max_size=8)),
    year=st.one_of(st.sampled_from(["2021", "0", "-5", "99999"]), st.text(max_size=6)),
    person=st.one_of(st.sampled_from(["kavaliova", "../etc", "a b"]), st.text(max_size=20)),
    every=st.sampled_from(["", "1", "yes", "on\x00"]),
    language=st.sampled_from(["en", "be", "ru"]),
)
def test_the_search_page_always_answers(client, q, page, sort, kind, year, person, every, language):
    response = client.get(
        f"/{language}/search/",
        {"q": q, "page": page, "sort": sort, "kind": kind, "year": year, "person": person, "all": every},
    )
    assert response.status_code == 200
    assert b"search-summary" in response.content
    assert not response.cookies


@SETTINGS
@given(q=TEXT, language=st.sampled_from(["en", "be", "ru"]))
def test_suggestions_always_answer(client, q, language):
    response = client.get(f"/{language}/search/suggest/", {"q": q})
    assert response.status_code == 200
    assert isinstance(json.loads(response.content)["suggestions"], list)


@pytest.mark.parametrize(
    "raw",
    [
        "q=%FF%FE",  # not UTF-8
        "q=a&q=b&page=1&page=2",  # repeated parameters
        "q=" + "%E2%80%AE" * 50,  # bidirectional overrides
        "page=%00",
        "q=NEAR(a%20b,%202)",
        'q="unbalanced',
        "q=*",
        "q=a*b*c*",
    ],
)
def test_odd_query_strings(client, raw):
    assert client.get(f"/en/search/?{raw}").status_code == 200
    assert client.get(f"/en/search/suggest/?{raw}").status_code == 200


def test_a_post_is_refused_politely(client):
    assert client.post("/en/search/", {"q": "x"}).status_code == 405
