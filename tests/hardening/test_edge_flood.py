"""The recipe's nginx (deploy/nginx/samvydat.conf) under the floods of issue 15, run for real in front of a recording
stand-in that marks every answer ``Cache-Control: public`` (the worst case: nginx may keep anything it is allowed
to): tracking parameters and cache-busters are answered from the entry of the canonical URL, a query string nginx
and Django could read differently never shares an entry, search and suggestions are never stored and meet 429
per client and for everyone together, and a page stays served while the application is down."""

import signal
import time
from urllib.parse import quote

import pytest

from .edge_nginx import edge_running

PUBLIC = "public, max-age=300"
ARTICLE = "/en/news/an-article/"


@pytest.fixture(scope="module")
def edge(tmp_path_factory):
    with edge_running(tmp_path_factory.mktemp("flood"), cache_control=PUBLIC) as running:
        yield running


def get(edge, path, source="127.0.0.1"):
    status, headers, body = edge.request("GET", quote(path, safe="/?=&%"), source=source)
    return status, headers.get("X-Cache"), body


def reached(edge, path_prefix):
    return [seen.path for seen in edge.app.seen if seen.path.startswith(path_prefix)]


@pytest.mark.parametrize(
    "query",
    [
        "?utm_source=x&fbclid=y",
        "?utm_source=telegram&utm_medium=channel&utm_campaign=a",
        "?gclid=1&yclid=2&mc_cid=3&mc_eid=4&ref=5",
        "?x=918273",  # a random cache-buster
        "?",
    ],
)
def test_tracking_parameters_and_cache_busters_are_a_hit_on_the_canonical_entry(edge, query):
    path = f"/en/news/tracked-{abs(hash(query))}/"
    assert get(edge, path) == (200, "MISS", b"ok")
    assert get(edge, path + query) == (200, "HIT", b"ok")
    assert reached(edge, path) == [path]  # the application rendered the page once


def test_a_parameter_the_application_reads_is_its_own_entry(edge):
    listing = "/en/news/listing-a/"
    assert get(edge, listing)[1] == "MISS"
    assert get(edge, listing + "?page=2")[1] == "MISS"  # page 2 is another page
    assert get(edge, listing + "?utm_source=z&page=2")[1] == "HIT"  # ...with its own tracked twins
    assert get(edge, listing + "?page=2&fbclid=q")[1] == "HIT"
    weekly = "/en/weekly/"
    assert get(edge, weekly + "?period=month&topic=law")[1] == "MISS"
    assert get(edge, weekly + "?topic=law&period=month")[1] == "HIT"  # the order of names does not matter
    assert get(edge, weekly + "?period=year&topic=law")[1] == "MISS"
    assert reached(edge, listing) == [listing, listing + "?page=2"]


@pytest.mark.parametrize(
    "hostile",
    [
        "?page=1&page=2",  # nginx's $arg_page is the first value, Django's request.GET the last
        "?PAGE=2",  # $arg_page ignores case, Django does not
        "?pa%67e=2",  # Django decodes names, $arg_page does not
        "?page=2&utm_source=a&page=3",
    ],
)
def test_a_query_string_read_differently_by_nginx_and_django_never_gets_a_shared_entry(edge, hostile):
    """Cache poisoning: had these shared the entry of ?page=1 or ?page=2, one request would replace what every
    reader of that page gets with what Django rendered for the hostile query string."""
    listing = f"/en/news/poison-{abs(hash(hostile))}/"
    assert get(edge, listing + "?page=1")[1] == "MISS"
    assert get(edge, listing + "?page=2")[1] == "MISS"
    assert get(edge, listing + hostile)[1] == "MISS"  # went to the application, under its own full request line
    assert reached(edge, listing)[-1] == listing + hostile
    assert get(edge, listing + hostile)[1] == "HIT"  # ...and repeating it is still cheap


@pytest.mark.parametrize("path", ["/en/search/?q=belarus", "/be/search/suggest/?q=бел"])
def test_search_and_suggestions_are_never_cached_whatever_the_application_says(edge, path):
    before = len(reached(edge, path.split("?")[0]))
    for source in ("127.0.1.1", "127.0.1.2"):
        status, cache, _body = get(edge, path, source=source)
        assert status == 200 and cache is None  # no cache in these locations at all
    assert len(reached(edge, path.split("?")[0])) == before + 2  # both reached the application


@pytest.mark.parametrize("path", ["/ru/search/?q=выборы", "/en/search/suggest/?q=bel"])
def test_the_thirtieth_search_within_a_second_from_one_client_gets_429(edge, path):
    started = time.monotonic()
    path = quote(path, safe="/?=&")
    answers = [edge.request("GET", path, source="127.0.2.1") for _ in range(30)]
    elapsed = time.monotonic() - started
    statuses = [status for status, _h, _b in answers]
    assert elapsed < 4  # the burst (20) plus what the rate (2 or 5 a second) allows in this time stays under 30
    assert statuses[:21] == [200] * 21 and statuses[-1] == 429
    status, headers, body = answers[-1]
    assert "Too many requests" in body.decode() and headers["Retry-After"] == "60"  # the friendly static page
    assert edge.request("GET", path, source="127.0.2.2")[0] == 200  # another reader is not affected
    assert get(edge, ARTICLE, source="127.0.2.1")[0] == 200  # and the flooding client can still read


def test_a_search_flood_from_many_clients_meets_the_ceiling(tmp_path):
    """Each of 40 clients stays within its own limit (4 searches): the ceiling for everyone still refuses some,
    so the application never sees more than it can answer."""
    with edge_running(tmp_path / "edge", cache_control=PUBLIC) as edge:
        started = time.monotonic()
        statuses = [edge.request("GET", f"/en/search/?q=w{n}", source=f"127.0.3.{n % 40 + 1}")[0] for n in range(160)]
        elapsed = time.monotonic() - started
        served = statuses.count(200)
        assert set(statuses) == {200, 429}
        assert served <= 31 + 10 * elapsed + 1  # the burst of 30 beyond the first, then 10 a second
        assert len(reached(edge, "/en/search/")) == served


def test_after_a_burst_of_searches_no_term_is_in_the_cache_folder_or_the_logs(tmp_path):
    with edge_running(tmp_path / "edge", cache_control=PUBLIC, stop_signal=signal.SIGQUIT) as edge:
        for n in range(20):
            source = f"127.0.4.{n % 5 + 1}"
            assert get(edge, f"/en/search/?q=CANARY-SEARCH-{n}-7731&page=2", source=source)[0] == 200
            assert get(edge, f"/be/search/suggest/?q=КАНАРЭЙКА-{n}-7731", source=source)[0] == 200
        for _ in range(30):  # refused ones too (nginx would log "limiting requests ... request: "GET /en/search/?q=")
            get(edge, "/en/search/?q=CANARY-REFUSED-7731", source="127.0.4.9")
        # The check can fail: a page's own q is part of its cache key, and nginx writes the key into the file.
        assert get(edge, "/en/news/?q=CANARY-PAGE-7731")[1] == "MISS"
    stored = b"\n".join(path.read_bytes() for path in (edge.workdir / "cache").rglob("*") if path.is_file())
    assert b"CANARY-PAGE-7731" in stored
    assert b"CANARY-SEARCH" not in stored and "КАНАРЭЙКА".encode() not in stored and b"CANARY-REFUSED" not in stored
    assert quote("КАНАРЭЙКА").encode() not in stored  # nor %-encoded, as it came
    logs = edge.logs()
    assert "7731" not in logs and "client:" not in logs
    assert " GET /en/search/ 200 " in logs  # counted per route, nothing else
    assert " GET /samvydat-errors/429.html 429 " in logs  # refusals counted


def test_while_the_application_is_stopped_readers_get_the_last_good_copy(tmp_path):
    with edge_running(tmp_path / "edge", cache_control="public, max-age=1") as edge:
        assert get(edge, ARTICLE) == (200, "MISS", b"ok")
        edge.stop_app()
        deadline, answers = time.monotonic() + 15, []
        while time.monotonic() < deadline:  # fresh for 1 s (HIT), then past its max-age: the copy is stale
            answers.append(get(edge, ARTICLE))
            if answers[-1][1] == "STALE":
                break
            time.sleep(0.1)
        assert answers[-1] == (200, "STALE", b"ok")
        assert all(status == 200 for status, _cache, _body in answers)
        # The check can fail: a page nginx never kept has no stale copy, and the reader sees the error.
        assert get(edge, "/en/news/never-fetched/")[0] == 502
