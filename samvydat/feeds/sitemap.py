"""The sitemap: every live, public page in every language, and the people, organisation and topic routes.

Each URL carries ``<xhtml:link rel="alternate" hreflang>`` links to all its translations (itself included, plus
``x-default`` for the English version). Translations are grouped by ``translation_key`` from one query over the
pages and one per kind of entity, so the cost does not grow with a query per page.
"""

from dataclasses import dataclass, field
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils.http import RFC3986_SUBDELIMS
from wagtail.models import Locale, Page, Site

from samvydat.core.i18n import own_language_q

from .selectors import restricted_q

#: At most this many URLs in one sitemap file (the sitemap protocol's limit).
MAX_URLS = 50_000
X_DEFAULT = settings.LANGUAGE_CODE


@dataclass
class SitemapUrl:
    location: str
    language: str
    lastmod: str = ""  # W3C datetime
    alternates: dict[str, str] = field(default_factory=dict)  # language → location, shared by the group


def sitemap_urls(*, request) -> list[SitemapUrl]:
    """Every URL of the sitemap, pages in tree order, then people, organisations and topics."""
    languages = {locale.pk: locale.language_code for locale in Locale.objects.all()}
    origin = request.build_absolute_uri("/")[:-1]
    urls: list[SitemapUrl] = []
    groups: dict[tuple[str, object], dict[str, str]] = {}
    index_urls: dict[str, dict[str, str]] = {"people": {}, "weekly": {}}  # kind → language → index location
    index_types = _index_types()

    pages = Page.objects.live().filter(own_language_q(), depth__gt=1)
    hidden = restricted_q()
    if hidden is not None:
        pages = pages.exclude(hidden)
    fields = ("url_path", "translation_key", "locale_id", "last_published_at", "content_type_id")
    page_url = _page_urls(request)
    for url_path, key, locale_id, last_published_at, content_type_id in pages.order_by("path").values_list(*fields):
        url = page_url(url_path)
        if url is None or locale_id not in languages:
            continue
        location = origin + url if url.startswith("/") else url
        language = languages[locale_id]
        alternates = groups.setdefault(("page", key), {})
        alternates[language] = location
        lastmod = last_published_at.isoformat(timespec="seconds") if last_published_at else ""
        urls.append(SitemapUrl(location=location, language=language, lastmod=lastmod, alternates=alternates))
        if content_type_id in index_types:
            index_urls[index_types[content_type_id]][language] = location

    for kind, index_model, model, route in _routes():
        resolver = index_model.get_resolver()  # the index's routes, without loading an index page
        for key, locale_id, slug in model.objects.values_list("translation_key", "locale_id", "slug").order_by(
            "locale_id", "slug"
        ):
            index_location = index_urls[kind].get(languages.get(locale_id))
            if index_location is None:
                continue
            language = languages[locale_id]
            location = index_location + resolver.reverse(route, slug=slug)
            alternates = groups.setdefault((model.__name__, key), {})
            alternates[language] = location
            urls.append(SitemapUrl(location=location, language=language, alternates=alternates))
    return urls


def _page_urls(request):
    """A function giving a page's URL from its ``url_path``, as ``Page.get_url(request)`` would.

    Wagtail's own method needs a page object and a ``reverse()`` per page; the sitemap instead asks Wagtail
    once for the URL of each site root (``/en/``, ``/be/``, …) and appends the rest of the path quoted the way
    ``reverse()`` quotes it.
    """
    site = Site.find_for_request(request)
    roots = Site.get_site_root_paths()
    # Wagtail prefers the request's site when a page belongs to several sites.
    roots = sorted(roots, key=lambda root: site is None or root.site_id != site.pk)
    prefixes = []
    for root in roots:
        prefix = Page(url_path=root.root_path).get_url(request=request)
        if prefix is not None:
            prefixes.append((root.root_path, prefix))

    def page_url(url_path: str) -> str | None:
        for root_path, prefix in prefixes:
            if url_path.startswith(root_path):
                return prefix + quote(url_path[len(root_path) :], safe=RFC3986_SUBDELIMS + "/~:@")
        return None

    return page_url


def _index_types() -> dict[int, str]:
    from samvydat.people.models import PeopleIndexPage
    from samvydat.weekly.models import WeeklyIndexPage

    types = ContentType.objects.get_for_models(PeopleIndexPage, WeeklyIndexPage)
    return {types[PeopleIndexPage].pk: "people", types[WeeklyIndexPage].pk: "weekly"}


def _routes():
    from samvydat.people.models import Organisation, PeopleIndexPage, Person
    from samvydat.weekly.models import Topic, WeeklyIndexPage

    return [
        ("people", PeopleIndexPage, Person, "person_view"),
        ("people", PeopleIndexPage, Organisation, "organisation_view"),
        ("weekly", WeeklyIndexPage, Topic, "topic_view"),
    ]


# --- XML ------------------------------------------------------------------------------------------------

_ORDER = {code: n for n, (code, _name) in enumerate(settings.LANGUAGES)}


def urlset_xml(urls: list[SitemapUrl]) -> str:
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
    ]
    links_of_group: dict[int, str] = {}  # the translations of a page share one set of links: write it once
    for url in urls:
        links = links_of_group.get(id(url.alternates))
        if links is None:
            links = links_of_group[id(url.alternates)] = _alternate_links(url.alternates)
        lastmod = f"<lastmod>{url.lastmod}</lastmod>" if url.lastmod else ""
        parts.append(f"<url><loc>{escape(url.location)}</loc>{lastmod}{links}</url>\n")
    parts.append("</urlset>\n")
    return "".join(parts)


def _alternate_links(alternates: dict[str, str]) -> str:
    pairs = sorted(alternates.items(), key=lambda pair: _ORDER.get(pair[0], len(_ORDER)))
    if X_DEFAULT in alternates and len(alternates) > 1:
        pairs.append(("x-default", alternates[X_DEFAULT]))
    return "".join(f'<xhtml:link rel="alternate" hreflang="{code}" href={quoteattr(href)}/>' for code, href in pairs)


def index_xml(locations: list[str]) -> str:
    entries = "".join(f"<sitemap><loc>{escape(location)}</loc></sitemap>\n" for location in locations)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{entries}</sitemapindex>\n'
    )
