"""Rendering one site address in-process (no HTTP) and turning it into a mirror file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.http import Http404
from django.template.loader import render_to_string
from django.test import RequestFactory, override_settings
from django.urls import reverse, set_urlconf
from django.utils import translation

from samvydat.security.policy import MIRROR_META_POLICY

from . import searchindex
from .paths import GENERATED_STATIC, PDF_ROUTE, RENDER_ORIGIN, file_for, page_number
from .rewriting import rewrite_html, rewrite_text

RENDER_HOST = RENDER_ORIGIN.split("://", 1)[1]
#: A cookie no view reads: it keeps the export out of the readers' full-page cache in both directions.
BYPASS_PAGE_CACHE = "samvydat-mirror-export=1"
_DOWNLOAD_PARAGRAPH = re.compile(r'<p class="download"><a class="button" href="([^"]+)".*?</p>', re.DOTALL)
_MIRROR_CSS = '<link rel="stylesheet" href="/static/mirror/mirror.css">\n'
#: The mirror's policy and no Referer, in the page itself: they hold from file:// and on hosts that send no headers.
MIRROR_HEAD_META = (
    f'\n  <meta http-equiv="Content-Security-Policy" content="{MIRROR_META_POLICY}">'
    '\n  <meta name="referrer" content="no-referrer">'
)
_HEAD_START = re.compile(r"<head>(\s*<meta charset=\"utf-8\">)?", re.IGNORECASE)
_SEARCH_ADDRESS = re.compile(r"^/([a-z]{2,3})/search/$")
_SUGGEST_URL = re.compile(r'\sdata-suggest-url="[^"]*"')
_FEED_ADDRESS = re.compile(r"^/([a-z]{2,3})/feeds/(?:(topics|people)/)?([-\w]+)\.(rss|atom|json)$")


class HttpsRequestFactory(RequestFactory):
    """Requests as HTTPS to the rendering host: production's SECURE_SSL_REDIRECT would otherwise answer every
    in-process request with a 301 to https://, and the mirror would be empty."""

    def generic(self, method, path, *args, secure=True, **kwargs):
        return super().generic(method, path, *args, secure=True, **kwargs)


def secure_request_factory(**defaults) -> RequestFactory:
    return HttpsRequestFactory(HTTP_HOST=RENDER_HOST, **defaults)


class _Handler(BaseHandler):
    """Django's request handling (every middleware) without the test client's signals and cookie jar."""

    def __init__(self):
        super().__init__()
        self.load_middleware()

    def __call__(self, request):
        set_urlconf(settings.ROOT_URLCONF)
        return self.get_response(request)


@dataclass
class Rendered:
    address: str
    file: str
    content: bytes = b""
    status: int = 200
    assets: set[str] = field(default_factory=set)
    links: set[str] = field(default_factory=set)


def with_mirror_meta(html: str) -> str:
    """``html`` with :data:`MIRROR_HEAD_META` first in its ``<head>`` (after the charset), before anything it loads."""
    return _HEAD_START.sub(lambda match: match.group(0) + MIRROR_HEAD_META, html, count=1)


def search_address(language: str) -> str:
    return f"/{language}/search/"


class Renderer:
    """Renders addresses of the public site as mirror files. One per export or update (not thread-safe)."""

    def __init__(self, *, canonical_base: str = "", missing_pdfs=frozenset(), aliases=None, routes=None):
        self.canonical_base = canonical_base
        self.routes = routes or {}  # page address → page id: those pages skip Wagtail's routing (see prefetch)
        self._pages: dict[str, object] = {}
        self.missing_pdfs = missing_pdfs
        self.aliases = aliases if aliases is not None else searchindex.people_alias_index()
        self.factory = secure_request_factory(HTTP_COOKIE=BYPASS_PAGE_CACHE)
        self.handler = _Handler()
        self._hosts = override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, RENDER_HOST])
        self._furniture = None  # the homes and section indexes, the same for every page of one export
        self._site = None  # (the Site answering the rendering host,), looked up once
        self._site_root_paths = None
        self._feeds: dict[tuple, object] = {}  # one feed, three formats: built once

    def prefetch(self, addresses) -> None:
        """Load the pages behind ``addresses`` (those in ``routes``) in a few queries, so that rendering them skips
        Wagtail's routing, which walks the tree with a query per level. Pages with sub-routes (RoutablePageMixin)
        still go through routing."""
        from wagtail.contrib.routable_page.models import RoutablePageMixin
        from wagtail.models import Page

        wanted = {self.routes[a]: a for a in addresses if a in self.routes and a not in self._pages}
        self._pages = {}
        if not wanted:
            return
        for page in Page.objects.filter(pk__in=wanted, live=True).specific():
            if not isinstance(page, RoutablePageMixin):
                self._pages[wanted[page.pk]] = page

    def _request(self, path: str, query: dict | None = None):
        from wagtail.models import Site
        from wagtail.url_routing import RouteResult

        from samvydat.core.navigation import site_furniture

        request = self.factory.get(path, query or {})
        if self._furniture is None:
            self._furniture = site_furniture(None)
        request._samvydat_furniture = self._furniture
        # The same Site for every address (Wagtail would look it up for each request) and its root paths.
        if self._site is None:
            self._site = (Site.find_for_request(request),)
            self._site_root_paths = Site.get_site_root_paths()
        request._wagtail_site = self._site[0]
        request._wagtail_cached_site_root_paths = self._site_root_paths
        page = None if query else self._pages.get(path)
        if page is not None:
            request._wagtail_route_for_request = RouteResult(page, args=(), kwargs={})
        return request

    def __enter__(self):
        self._hosts.enable()
        return self

    def __exit__(self, *exc):
        self._hosts.disable()
        translation.activate(settings.LANGUAGE_CODE)

    def render(self, address: str) -> Rendered:
        path, _, query = address.partition("?")
        file = file_for(path, query)
        search = _SEARCH_ADDRESS.match(path)
        if search:
            body, content_type, status = self._search_page(search.group(1)), "text/html", 200
        else:
            feed = _FEED_ADDRESS.match(path)
            response = self._feed(path, *feed.groups()) if feed else self.handler(self._request(path, _query(query)))
            status = response.status_code
            if getattr(response, "streaming", False):
                return Rendered(address=address, file=file, status=415)  # a download, not a document
            if status >= 500:
                raise RuntimeError(f"{address} answered {status}")
            if status != 200:
                return Rendered(address=address, file=file, status=status)
            body = response.content.decode(response.charset or "utf-8")
            content_type = response.get("Content-Type", "")
        if content_type.startswith("text/html"):
            body = self._mirror_html(body, address=address)
            result = rewrite_html(body, address=address, file=file, canonical_base=self.canonical_base)
        else:
            result = rewrite_text(body, address=address, file=file)
        return Rendered(address, file, result.text.encode("utf-8"), status, result.assets, result.links)

    def _feed(self, path: str, language: str, kind: str | None, slug: str, fmt: str):
        """A feed through the feeds app's own selectors and writers, its items fetched once for the three formats."""
        from django.http import HttpResponseNotFound

        from samvydat.feeds import selectors as feeds
        from samvydat.feeds.syndication import RESPONSES

        request = self._request(path)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            key = (language, kind, slug)
            try:
                if key not in self._feeds:
                    if kind == "topics":
                        self._feeds[key] = feeds.topic_feed(request=request, slug=slug)
                    elif kind == "people":
                        self._feeds[key] = feeds.person_feed(request=request, slug=slug)
                    else:
                        self._feeds[key] = feeds.section_feed(request=request, name=slug)
            except Http404:
                return HttpResponseNotFound()
            return RESPONSES[fmt](request, self._feeds[key])

    def _mirror_html(self, body: str, *, address: str) -> str:
        """What only mirror pages have: the search form, Pagefind's markers and the hidden name keys."""
        language = address.strip("/").split("/", 1)[0]
        listing_page = page_number(address.partition("?")[2]) > 1
        if self.missing_pdfs:
            body = _DOWNLOAD_PARAGRAPH.sub(self._without_missing_pdf, body)
        with translation.override(language):
            form = render_to_string(
                "mirror/search_form.html", {"search_url": search_address(language), "language": language}
            )
        body = _SUGGEST_URL.sub("", body)  # the live site's search suggestions: no server behind a mirror
        if not _SEARCH_ADDRESS.match(address) and 'role="search"' not in body:
            body = body.replace("</header>", form + "</header>", 1)
        body = with_mirror_meta(body)
        body = body.replace("</head>", _MIRROR_CSS + "</head>", 1)
        if not listing_page and not _SEARCH_ADDRESS.match(address) and "/reach-us/" not in address:
            body = body.replace('<main id="main"', '<main data-pagefind-body id="main"', 1)
            keys = searchindex.name_keys_html(body, aliases=self.aliases)
            keys += searchindex.spelling_variants_html(body, language=language)
            if keys:
                body = body.replace("</main>", keys + "</main>", 1)
        return body

    def _without_missing_pdf(self, match: re.Match[str]) -> str:
        href = match.group(1)
        return "" if PDF_ROUTE.match(href) and href in self.missing_pdfs else match.group(0)

    def _search_page(self, language: str) -> str:
        request = secure_request_factory().get(search_address(language))
        with translation.override(language):
            request.LANGUAGE_CODE = language
            return render_to_string(
                "mirror/search.html",
                {
                    "search_url": search_address(language),
                    "language": language,
                    "reach_us_url": reverse("mirror_reach_us"),
                    "name_key_rules_url": GENERATED_STATIC,
                },
                request=request,
            )


def _query(query: str) -> dict:
    number = page_number(query)
    return {"page": str(number)} if number > 1 else {}
