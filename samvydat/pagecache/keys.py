"""Which requests are readers' and what their cache key is — computed from the WSGI environ alone, so the
middleware and the WSGI layer (``samvydat.pagecache.wsgi``) can never disagree."""

import re

from django.conf import settings

_PAGE_QUERY = re.compile(r"^page=[1-9][0-9]{0,5}$")


def is_reader_environ(environ) -> bool:
    """A GET by someone with no cookie and no credentials, for a public URL."""
    return (
        environ.get("REQUEST_METHOD") == "GET"
        and not environ.get("HTTP_COOKIE")
        and not environ.get("HTTP_AUTHORIZATION")
        and not environ.get("PATH_INFO", "/").startswith(settings.PAGE_CACHE_EXCLUDED_PREFIXES)
    )


def url_from_environ(environ) -> str | None:
    """scheme://host/path?query as the key of a cached page, or None when the query string is not ``page=N``
    (anything else, e.g. a search, would let anyone fill the cache with one-off URLs)."""
    query = environ.get("QUERY_STRING", "")
    if query and not _PAGE_QUERY.match(query):
        return None
    scheme = environ.get("wsgi.url_scheme", "http")
    proxy_header = settings.SECURE_PROXY_SSL_HEADER
    if proxy_header:
        header, secure_value = proxy_header
        forwarded = environ.get(header)
        if forwarded is not None:
            scheme = "https" if forwarded.split(",", 1)[0].strip() == secure_value else "http"
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    return f"{scheme}://{host}{environ.get('SCRIPT_NAME', '')}{environ.get('PATH_INFO', '/')}?{query}"
