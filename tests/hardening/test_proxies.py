"""The application believes ``X-Forwarded-For`` only from the proxies ``TRUSTED_PROXIES`` names (none by default)."""

from samvydat.serving.proxies import forwarded_headers_wrap

FORGED = "198.51.100.66"


def seen_address(*, trusted: list[str], peer: str) -> str:
    """The ``REMOTE_ADDR`` the application sees for a request from ``peer`` claiming to be ``FORGED``."""
    found = []

    def application(environ, start_response):
        found.append(environ["REMOTE_ADDR"])
        return []

    wrapped = forwarded_headers_wrap(application, trusted_proxies=trusted)
    list(wrapped({"REMOTE_ADDR": peer, "HTTP_X_FORWARDED_FOR": FORGED, "wsgi.url_scheme": "http"}, lambda *a: None))
    return found[0]


def test_by_default_a_forwarded_address_is_never_believed():
    assert seen_address(trusted=[], peer="127.0.0.1") == "127.0.0.1"


def test_a_named_proxy_is_believed_and_no_one_else():
    assert seen_address(trusted=["10.0.0.5"], peer="10.0.0.5") == FORGED
    assert seen_address(trusted=["10.0.0.5"], peer="127.0.0.1") == "127.0.0.1"


def test_a_wildcard_does_not_make_every_client_a_proxy():
    assert seen_address(trusted=["*"], peer="203.0.113.9") == "203.0.113.9"
