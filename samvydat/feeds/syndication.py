"""A prepared ``selectors.Feed`` written as RSS 2.0, Atom 1.0 or JSON Feed 1.1."""

import html
import json

from django.conf import settings
from django.contrib.syndication.views import Feed as SyndicationView
from django.http import HttpResponse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.http import http_date
from django.utils.translation import gettext

from .selectors import Feed, FeedItem

DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


class RssWriter(Rss201rev2Feed):
    """RSS 2.0 with one ``dc:creator`` per author and each item's ``dc:language``."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DUBLIN_CORE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "author_name": None})
        for author in item["authors"]:
            handler.addQuickElement("dc:creator", author.name)
        handler.addQuickElement("dc:language", item["language"])


class AtomWriter(Atom1Feed):
    """Atom with one ``<author>`` per author and each entry's ``xml:lang``."""

    def item_attributes(self, item):
        return {**super().item_attributes(item), "xml:lang": item["language"]}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "author_name": None})
        for author in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", author.name)
            if author.url:
                handler.addQuickElement("uri", author.url)
            handler.endElement("author")


class FeedView(SyndicationView):
    """Django's syndication view over a feed the selectors prepared (``feed`` keyword argument)."""

    item_guid_is_permalink = False  # the guid is the item's permanent id, not its (changeable) address

    def __init__(self, feed_type):
        self.feed_type = feed_type

    def get_object(self, request, *, feed: Feed):
        self.language = feed.language
        return feed

    def title(self, feed: Feed) -> str:
        return feed.title

    def link(self, feed: Feed) -> str:
        return feed.link

    def description(self, feed: Feed) -> str:
        return feed.description

    def author_name(self) -> str:
        # Atom needs an author for the feed when an entry has none (plans): the publisher.
        return gettext(settings.SITE_TITLE)

    def items(self, feed: Feed) -> list[FeedItem]:
        return feed.items

    def item_title(self, item: FeedItem) -> str:
        return item.title

    def item_link(self, item: FeedItem) -> str:
        return item.url

    def item_guid(self, item: FeedItem) -> str:
        return item.id

    def item_description(self, item: FeedItem) -> str:
        # RSS descriptions and Django's Atom summaries are HTML; the lead is plain text (quotes need no escape).
        return html.escape(item.summary, quote=False)

    def item_pubdate(self, item: FeedItem):
        return item.published

    def item_updateddate(self, item: FeedItem):
        return item.updated

    def item_categories(self, item: FeedItem) -> list[str]:
        return item.categories

    def item_extra_kwargs(self, item: FeedItem) -> dict:
        return {"authors": item.authors, "language": item.language}


def rss_response(request, feed: Feed) -> HttpResponse:
    return FeedView(RssWriter)(request, feed=feed)


def atom_response(request, feed: Feed) -> HttpResponse:
    return FeedView(AtomWriter)(request, feed=feed)


def json_feed(feed: Feed, *, feed_url: str) -> dict:
    """The feed as a JSON Feed 1.1 document (https://www.jsonfeed.org/version/1.1/)."""
    return {
        "version": JSON_FEED_VERSION,
        "title": feed.title,
        "home_page_url": feed.link,
        "feed_url": feed_url,
        "description": feed.description,
        "language": feed.language,
        "authors": [{"name": gettext(settings.SITE_TITLE), "url": feed.link}],
        "items": [_json_item(item) for item in feed.items],
    }


def _json_item(item: FeedItem) -> dict:
    entry = {
        "id": item.id,
        "url": item.url,
        "title": item.title,
        # JSON Feed requires content; the feed carries the lead, the page the whole text.
        "content_text": item.summary or item.title,
        "date_published": item.published.isoformat(),
        "date_modified": item.updated.isoformat(),
        "language": item.language,
    }
    if item.summary:
        entry["summary"] = item.summary
    if item.authors:
        entry["authors"] = [{"name": a.name, **({"url": a.url} if a.url else {})} for a in item.authors]
    if item.categories:
        entry["tags"] = item.categories
    return entry


def json_response(request, feed: Feed) -> HttpResponse:
    document = json_feed(feed, feed_url=request.build_absolute_uri(request.path))
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=1), content_type="application/feed+json; charset=utf-8"
    )
    dates = [item.updated for item in feed.items]
    if dates:
        response.headers["Last-Modified"] = http_date(max(dates).timestamp())
    return response


RESPONSES = {"rss": rss_response, "atom": atom_response, "json": json_response}
