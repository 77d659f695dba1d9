"""The application's log lines, made by production's logging configuration, hold no search term, no query string
and no newsletter token: Django's own ``django.request`` lines carry the request object, which the JSON formatter
would print whole."""

import io
import logging

import pytest
from django.http import HttpResponseNotFound
from django.test import RequestFactory
from django.utils.log import log_response
from django.utils.module_loading import import_string

from samvydat.serving.logs import path_redacted
from tests.hardening.conftest import production_values

CANARY = "CANARY7731"


def production_handler(monkeypatch, *, filtered: bool = True) -> tuple[logging.Handler, io.StringIO]:
    """Production's console handler (formatter and filters from its LOGGING), writing to a string."""
    config = production_values(monkeypatch)["LOGGING"]
    handler_config = config["handlers"]["console"]
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(import_string(config["formatters"][handler_config["formatter"]]["()"])())
    if filtered:
        for name in handler_config["filters"]:
            handler.addFilter(import_string(config["filters"][name]["()"])())
    return handler, stream


def requests_logged(client, handler: logging.Handler) -> None:
    root, requests = logging.getLogger(), logging.getLogger("samvydat.requests")
    level = requests.level
    root.handlers.insert(0, handler)  # first: before any other handler's filter has touched the record
    requests.setLevel(logging.INFO)  # production logs one line per request
    try:
        assert client.get(f"/en/search/?q={CANARY}-search").status_code == 200
        assert client.get(f"/en/no-such-page/?q={CANARY}-query").status_code == 404  # django.request: Not Found
        assert client.get(f"/en/newsletter/manage/{CANARY}-token/").status_code == 400  # a bad link: Bad Request
        assert client.get(f"/ru/newsletter/unsubscribe/{CANARY}-token/?x={CANARY}").status_code == 400
        # The page cache drops unknown parameters before Django sees them, so a line with a query string is made
        # the way Django makes its own (log_response), for a request that kept one.
        request = RequestFactory().get(f"/en/no-such-page/?q={CANARY}-query")
        log_response("Not Found: %s", request.get_full_path(), response=HttpResponseNotFound(), request=request)
    finally:
        root.removeHandler(handler)
        requests.setLevel(level)


@pytest.mark.django_db
def test_the_application_log_holds_no_search_term_query_or_token(client, monkeypatch):
    handler, stream = production_handler(monkeypatch)
    requests_logged(client, handler)
    text = stream.getvalue()
    assert '"logger": "django.request"' in text and '"logger": "samvydat.requests"' in text
    assert CANARY not in text
    assert '"request": "GET /en/no-such-page/"' in text
    assert "Bad Request: /en/newsletter/manage/-/" in text and '"path": "/ru/newsletter/unsubscribe/-/"' in text


@pytest.mark.django_db
def test_without_the_filter_the_canary_would_be_logged(client, monkeypatch):
    """The check above can fail: Django's request lines do carry the query string and the token."""
    handler, stream = production_handler(monkeypatch, filtered=False)
    requests_logged(client, handler)
    assert f"?q={CANARY}-query" in stream.getvalue() and f"manage/{CANARY}-token/" in stream.getvalue()


def test_newsletter_tokens_are_redacted_wherever_they_appear():
    assert path_redacted("/be/newsletter/confirm/abc.DEF:12/") == "/be/newsletter/confirm/-/"
    assert path_redacted("Not Found: /en/newsletter/manage/t0k3n") == "Not Found: /en/newsletter/manage/-"
    assert path_redacted("/en/newsletter/") == "/en/newsletter/"
    assert path_redacted('"GET /en/search/?q=secret HTTP/1.1"') == '"GET /en/search/ HTTP/1.1"'  # runserver's lines
    assert path_redacted("/en/newsletter/manage/t0k3n/?x=1") == "/en/newsletter/manage/-/"
    assert path_redacted("What? Nothing here.") == "What? Nothing here."
