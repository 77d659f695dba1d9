"""Where each address of the site lives in the mirror, and relative links between mirror files.

Pure functions (no Django, no database): a site address (path and query) maps to one file of the mirror, so
that the same files work from any host, a sub-path, an onion address, or ``file://``.

    /en/news/                → en/news/index.html
    /en/news/?page=3         → en/news/page/3/index.html
    /en/pdf/42/              → en/pdf/42.pdf
    /en/feeds/all.rss        → en/feeds/all.rss
    /static/css/samvydat.css → static/css/samvydat.css
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import parse_qs, quote, unquote, urlsplit

#: The host pages are rendered for; every absolute address on it becomes a relative link.
RENDER_ORIGIN = "https://mirror.invalid"
#: The search rules the exporter writes itself (``searchindex.write_name_key_rules``): not a collected static file, so
#: never a manifest (hashed) name.
GENERATED_STATIC = "/static/mirror/namekey-rules.js"
PDF_ROUTE = re.compile(r"^/([a-z]{2,3}(?:-[a-z0-9]+)?)/pdf/(\d+)/$")
#: Characters left unescaped in the links written into the mirror.
_SAFE = "/.-_~!$&'()*+,;=:@"


def page_number(query: str) -> int:
    """The listing page a query asks for (``page=3`` → 3); 1 for anything else."""
    values = parse_qs(query).get("page", [])
    raw = values[0].strip() if values else ""
    return int(raw) if raw.isdigit() and 0 < len(raw) < 7 and int(raw) > 0 else 1


def file_for(path: str, query: str = "") -> str:
    """The mirror file (relative to the mirror root, no leading slash) holding the site address ``path?query``.

    Only ``page=N`` of a query is kept (listings); other parameters (dashboard filters) lead to the page itself.
    Percent-escapes are decoded: the file has the real name.
    """
    path = unquote(path) or "/"
    if not path.startswith("/"):
        path = "/" + path
    path = posixpath.normpath(path) + ("/" if path.endswith("/") and path != "/" else "")
    if path in ("/.", "//"):
        path = "/"
    match = PDF_ROUTE.match(path)
    if match:
        return f"{match.group(1)}/pdf/{match.group(2)}.pdf"
    if path.endswith("/"):
        number = page_number(query)
        suffix = f"page/{number}/index.html" if number > 1 else "index.html"
        return (path + suffix).lstrip("/")
    return path.lstrip("/")


def address_for(url: str) -> tuple[str, str, str] | None:
    """(path, query, fragment) of a site-internal address, or None for other hosts, ``mailto:`` and the like."""
    if url.startswith(RENDER_ORIGIN):
        url = url[len(RENDER_ORIGIN) :] or "/"
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    return parts.path, parts.query, parts.fragment


def relative_link(from_file: str, to_file: str, fragment: str = "") -> str:
    """The link written in ``from_file`` that leads to ``to_file`` (both relative to the mirror root)."""
    link = posixpath.relpath(to_file, posixpath.dirname(from_file) or ".")
    link = quote(link, safe=_SAFE)
    return link + ("#" + fragment if fragment else "")


def resolve(base_address: str, url: str) -> str:
    """``url`` as written on the page at ``base_address`` (a site path with its query), as a site address."""
    if url.startswith(RENDER_ORIGIN):
        return url[len(RENDER_ORIGIN) :] or "/"
    base_path, _, _base_query = base_address.partition("?")
    if url.startswith("?"):
        return base_path + url
    if url.startswith("#") or url == "":
        return base_address
    if url.startswith("/"):
        return url
    joined = posixpath.normpath(
        posixpath.join(posixpath.dirname(base_path) if not base_path.endswith("/") else base_path, url)
    )
    return joined + ("/" if url.endswith("/") else "")
