"""The recipe's nginx (deploy/nginx/samvydat.conf) run for real: no forged client address reaches the application,
one client's flood meets nginx's 429 while other clients still post, uploads are not written to nginx's temporary
folder, and nginx's logs hold no client address, no search term and no newsletter token."""

import signal

import pytest

from .edge_nginx import edge_running, hour_rounded

FORGED = "198.51.100.66"  # TEST-NET-2: what a client claims to be
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture(scope="module")
def edge(tmp_path_factory):
    with edge_running(tmp_path_factory.mktemp("edge")) as running:
        yield running


@pytest.mark.parametrize("header", ["X-Forwarded-For", "x-forwarded-for", "X-Real-IP", "Forwarded", "X-Forwarded-Host"])
def test_a_forged_forwarding_header_does_not_reach_the_application(edge, header):
    value = f"for={FORGED}" if header == "Forwarded" else FORGED
    edge.app.seen.clear()
    status, _headers, _body = edge.request("GET", "/en/news/", headers={header: value}, source="127.0.0.1")
    assert status == 200
    (seen,) = edge.app.seen
    assert FORGED not in repr(seen)  # neither as REMOTE_ADDR nor as any header
    assert seen.remote_addr == "127.0.0.1" and header.lower() not in seen.headers
    assert seen.headers["x-forwarded-proto"] == "http"  # what nginx itself says is passed


def test_a_forged_header_on_a_form_post_does_not_reach_the_application(edge):
    edge.app.seen.clear()
    headers = {**FORM, "X-Forwarded-For": FORGED, "X-Real-IP": FORGED}
    status, _h, _b = edge.request("POST", "/en/send/", body=b"text=hello", headers=headers, source="127.0.0.9")
    assert status == 303
    assert FORGED not in repr(edge.app.seen) and edge.app.seen[0].remote_addr == "127.0.0.1"


def test_a_flood_from_one_client_meets_nginx_429_while_another_client_still_posts(edge):
    edge.app.seen.clear()
    flood = [
        edge.request("POST", "/en/comments/7/comment/", body=b"text=spam", headers=FORM, source="127.0.0.2")
        for _ in range(20)
    ]
    statuses = [status for status, _h, _b in flood]
    assert statuses[:11] == [303] * 11  # a burst of 10 beyond the first, as the recipe says
    assert set(statuses[11:]) == {429}
    refused_headers, refused_body = flood[-1][1], flood[-1][2].decode()
    assert "Too many requests" in refused_body and "Занадта шмат запытаў" in refused_body  # the static page
    assert refused_headers["Retry-After"] == "60"
    assert len(edge.app.seen) == 11  # the refused posts never reached the application
    # The tip line and the newsletter share the per-client zone, so the flooding client is refused there too...
    assert edge.request("POST", "/be/send/", body=b"text=x", headers=FORM, source="127.0.0.2")[0] == 429
    # ...while another reader is not affected at all.
    assert edge.request("POST", "/en/comments/7/comment/", body=b"text=hi", headers=FORM, source="127.0.0.3")[0] == 303
    assert edge.request("POST", "/ru/newsletter/", body=b"email=a", headers=FORM, source="127.0.0.3")[0] == 303
    # Reading is never limited.
    assert edge.request("GET", "/en/send/", source="127.0.0.2")[0] == 200


def test_sign_in_attempts_are_limited_per_client(edge):
    edge.app.seen.clear()
    statuses = [
        edge.request("POST", "/admin/login/", body=b"username=x&password=y", headers=FORM, source="127.0.0.4")[0]
        for _ in range(10)
    ]
    assert statuses[:6] == [303] * 6 and set(statuses[6:]) == {429}
    assert len(edge.app.seen) == 6
    assert edge.request("POST", "/admin/login/", body=b"u=1", headers=FORM, source="127.0.0.5")[0] == 303


def test_an_upload_through_nginx_is_not_written_to_its_temp_folder(edge):
    upload = b"%PDF-1.4 unencrypted tip " + b"x" * (2 * 1024 * 1024)  # far above the 16 KB body buffer
    headers = {"Content-Type": "application/octet-stream"}
    edge.app.seen.clear()
    assert edge.request("POST", "/en/send/", body=upload, headers=headers, source="127.0.0.6")[0] == 303
    (seen,) = edge.app.seen
    assert seen.body_bytes == len(upload)  # the whole body reached the application, streamed
    assert seen.temp_files == []  # ...and nginx held no copy on disk while passing it on


def test_the_temp_folder_check_can_fail(edge):
    """The same upload to a buffered location is written to nginx's temp folder: the check above sees files."""
    upload = b"y" * (2 * 1024 * 1024)
    edge.app.seen.clear()
    assert edge.request("POST", "/en/search/", body=upload, headers={}, source="127.0.0.7")[0] == 303
    assert edge.app.seen[0].temp_files  # buffered: a file was there while nginx passed the request on


def test_nginx_logs_hold_no_address_no_search_term_no_token(tmp_path):
    with edge_running(tmp_path / "edge", stop_signal=signal.SIGQUIT) as edge:  # SIGQUIT: nginx flushes its logs
        source = "127.0.0.8"
        assert edge.request("GET", "/en/search/?q=CANARY-SEARCH-4417", source=source)[0] == 200
        assert edge.request("GET", "/en/newsletter/manage/CANARY-TOKEN-4417/", source=source)[0] == 200
        assert edge.request("GET", "/be/newsletter/confirm/CANARY-TOKEN-4417/", source=source)[0] == 200
        form_post = ("POST", "/en/comments/3/comment/?q=CANARY-POST-4417")
        assert edge.request(*form_post, body=b"text=CANARY-POST-4417", headers=FORM, source=source)[0] == 303
        # Errors nginx would log with "client: <address>" and the request line (query string included):
        too_big = {**FORM, "Content-Length": str(200 * 1024 * 1024)}
        assert edge.request("POST", "/en/send/?q=CANARY-ERROR-4417", headers=too_big, source=source)[0] == 413
        for _ in range(15):  # over the limit: nginx logs "limiting requests ... client: ..." at "error"
            edge.request("POST", "/en/send/?q=CANARY-ERROR-4417", body=b"t=1", headers=FORM, source=source)
    logs = edge.logs()
    assert "4417" not in logs  # no search term, no token, no posted text
    assert source not in logs and "client:" not in logs
    access = (edge.workdir / "logs" / "samvydat.log").read_text().splitlines()
    assert any(" GET /en/search/ 200 " in line for line in access)
    assert any(" GET /en/newsletter/manage/-/ 200 " in line for line in access)
    assert any(" GET /be/newsletter/confirm/-/ 200 " in line for line in access)
    assert not any(" POST " in line for line in access)  # readers' form posts are not logged at all
    assert access and all(hour_rounded(line) for line in access)
    assert (
        not (edge.workdir / "logs" / "samvydat-error.log").exists()
        or not (edge.workdir / "logs" / "samvydat-error.log").read_text()
    )


# A ClientHello cut short: nginx 1.22 logs "SSL_do_handshake() failed (... length too short) ..., client: <address>"
# at "crit" — what scanners, censorship middleboxes and broken phones make all day.
TRUNCATED_CLIENT_HELLO = b"\x16\x03\x03\x00\x05\x01\x00\x00\x01\x00"


def failed_handshake_logs(workdir, *, error_level=None) -> tuple[str, str]:
    source = "127.0.0.12"
    with edge_running(workdir, tls=True, error_level=error_level, stop_signal=signal.SIGQUIT) as edge:
        assert edge.request("GET", "/en/?q=CANARY-TLS-5521", source=source)[0] == 200  # TLS itself works
        edge.raw(TRUNCATED_CLIENT_HELLO, source=source)
    return edge.logs(), source


def test_a_failed_tls_handshake_leaves_no_client_address(tmp_path):
    logs, source = failed_handshake_logs(tmp_path / "edge")
    assert source not in logs and "SSL_do_handshake" not in logs and "5521" not in logs


def test_at_crit_the_same_handshake_would_name_the_client(tmp_path):
    """The check above can fail: at nginx's former level, the failed handshake is logged with the address."""
    logs, source = failed_handshake_logs(tmp_path / "edge", error_level="crit")
    assert "SSL_do_handshake() failed" in logs and f"client: {source}" in logs
