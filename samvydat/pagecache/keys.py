"""Which requests are readers' and what their cache key is — computed from the WSGI environ alone, so the
middleware and the WSGI layer (``samvydat.pagecache.wsgi``) can never disagree.

**One canonical form of every public URL.** Only the parameters some public page reads
(``PAGE_CACHE_QUERY_PARAMETERS``: ``page`` of listings, ``period`` and ``topic`` of the trend dashboard) are part
of a page's address; every other parameter (``utm_*``, ``fbclid``, ``gclid``, ``ref``, made-up names) is dropped
before Django renders the page and from the cache key, so ``/en/?utm_source=telegram`` is the cached ``/en/``.
A known parameter given twice, with a value that is not well formed, or with its default (``page=1``) is
answered by a redirect to the canonical URL, before any rendering. Paths that read parameters of their own
(search, the comment "sent" page: ``PAGE_CACHE_BYPASS_PATHS``) are left alone and never page-cached.

Which values a page accepts (how many pages a listing has, which topics the dashboard knows) only the page
knows: it *declares* them on the request while rendering (``declare_parameter``), the middleware keeps the
declaration beside the cached page (``store.py``), and later requests with a value outside it get a cheap 404
or a redirect without a render.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from django.conf import settings

_VALUE_PATTERNS = {
    "page": re.compile(r"^[1-9][0-9]{0,5}$"),
    "period": re.compile(r"^[a-z0-9]{1,10}$"),
    "topic": re.compile(r"^[-a-z0-9_]{1,100}$"),
}
_DEFAULT_VALUES = {"page": "1"}
_ANY_VALUE = re.compile(r"^[-a-zA-Z0-9_.]{1,100}$")
DECLARED_ATTRIBUTE = "pagecache_parameters"


@dataclass(frozen=True)
class Canonical:
    """Where a reader's request stands: ``url`` is the cache key (scheme://host/path?canonical-query) and
    ``query`` the query string Django renders with; ``redirect`` (path?query) when the request must first go to the
    canonical URL; ``bypass`` when the path reads its own parameters and is never page-cached."""

    url: str | None
    base_url: str
    query: str
    params: tuple[tuple[str, str], ...] = ()
    redirect: str | None = None
    bypass: bool = False


def is_reader_environ(environ) -> bool:
    """A GET by someone with no cookie and no credentials, for a public URL."""
    return (
        environ.get("REQUEST_METHOD") == "GET"
        and not environ.get("HTTP_COOKIE")
        and not environ.get("HTTP_AUTHORIZATION")
        and not environ.get("PATH_INFO", "/").startswith(settings.PAGE_CACHE_EXCLUDED_PREFIXES)
    )


def _origin(environ) -> str:
    scheme = environ.get("wsgi.url_scheme", "http")
    proxy_header = settings.SECURE_PROXY_SSL_HEADER
    if proxy_header:
        header, secure_value = proxy_header
        forwarded = environ.get(header)
        if forwarded is not None:
            scheme = "https" if forwarded.split(",", 1)[0].strip() == secure_value else "http"
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    return f"{scheme}://{host}"


def _path(environ) -> str:
    return f"{environ.get('SCRIPT_NAME', '')}{environ.get('PATH_INFO', '/')}"


def canonical_query(query: str) -> tuple[tuple[tuple[str, str], ...], bool]:
    """The known parameters of ``query`` in canonical order, and whether the query must be redirected to them
    (a known parameter repeated, malformed, or at its default). Unknown parameters are simply left out."""
    try:
        pairs = parse_qsl(query, keep_blank_values=True, max_num_fields=200)
    except ValueError:  # more fields than any page has: none of them is honoured
        return (), True
    known = settings.PAGE_CACHE_QUERY_PARAMETERS
    seen: dict[str, str] = {}
    redirect = False
    for name, value in pairs:
        if name not in known:
            continue
        if name in seen:
            redirect = True
            continue
        pattern = _VALUE_PATTERNS.get(name, _ANY_VALUE)
        if not pattern.match(value) or _DEFAULT_VALUES.get(name) == value:
            redirect = True
            continue
        seen[name] = value
    return tuple((name, seen[name]) for name in known if name in seen), redirect


def canonical_from_environ(environ) -> Canonical:
    path = _path(environ)
    base_url = _origin(environ) + path
    query = environ.get("QUERY_STRING", "")
    if settings.PAGE_CACHE_BYPASS_PATHS.match(environ.get("PATH_INFO", "/")):
        return Canonical(url=None, base_url=base_url, query=query, bypass=True)
    params, redirect = canonical_query(query)
    canonical = urlencode(params)
    if redirect:
        return Canonical(
            url=None,
            base_url=base_url,
            query=canonical,
            params=params,
            redirect=path + (f"?{canonical}" * bool(params)),
        )
    return Canonical(url=f"{base_url}?{canonical}", base_url=base_url, query=canonical, params=params)


def url_from_environ(environ) -> str | None:
    """scheme://host/path?canonical-query as the key of a cached page, or None when the request is not kept in
    the page cache (it is redirected first, or its path reads parameters of its own)."""
    return canonical_from_environ(environ).url


def declare_parameter(request, name: str, allowed) -> None:
    """A page says which values of query parameter ``name`` it answers: an ``int`` (``page``: 1…allowed) or a
    collection of strings. Called while rendering; the page cache refuses other values without rendering."""
    declared = getattr(request, DECLARED_ATTRIBUTE, None)
    if declared is None:
        declared = {}
        setattr(request, DECLARED_ATTRIBUTE, declared)
    declared[name] = allowed if isinstance(allowed, int) else sorted(str(value) for value in allowed)


def refusal(params, declared: dict) -> tuple[str, tuple[tuple[str, str], ...]] | None:
    """``("404", ())`` when a value is outside what the page declared, ``("redirect", params)`` when the page
    does not read a given parameter at all (the params it does read are kept), else None."""
    kept = []
    for name, value in params:
        if name not in declared:
            continue
        allowed = declared[name]
        if isinstance(allowed, int):
            if int(value) > allowed:
                return "404", ()
        elif value not in allowed:
            return "404", ()
        kept.append((name, value))
    if len(kept) != len(params):
        return "redirect", tuple(kept)
    return None
