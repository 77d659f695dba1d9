"""Reading what the feeds, the sitemap and the page heads say, the way a reader or a crawler would."""

import json
from html.parser import HTMLParser

from wagtail.models import Page

LANGS = ["en", "be", "ru"]
ORIGIN = "http://testserver"


def get_ok(client, url, *, status=200):
    """The response to a GET of ``url``: ``status`` and no cookie."""
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    assert "Set-Cookie" not in response.headers, url
    assert not response.cookies, url
    return response


def absolute(page: Page) -> str:
    return ORIGIN + page.url


def public_live(queryset):
    return queryset.live().public()


class HeadParser(HTMLParser):
    """The ``<meta>``, ``<link>`` and JSON-LD of a page's ``<head>``."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta: list[tuple[str, str]] = []  # (property or name, content)
        self.links: list[dict] = []
        self.json_ld: list[str] = []
        self._in_json_ld = False
        self._buffer: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta" and ("property" in attributes or "name" in attributes):
            self.meta.append((attributes.get("property") or attributes["name"], attributes.get("content", "")))
        elif tag == "link":
            self.links.append(attributes)
        elif tag == "script" and attributes.get("type") == "application/ld+json":
            self._in_json_ld, self._buffer = True, []

    def handle_data(self, data):
        if self._in_json_ld:
            self._buffer.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._in_json_ld:
            self.json_ld.append("".join(self._buffer))
            self._in_json_ld = False

    def first(self, key: str) -> str | None:
        return next((content for name, content in self.meta if name == key), None)

    def all(self, key: str) -> list[str]:
        return [content for name, content in self.meta if name == key]

    def feeds(self) -> list[dict]:
        feed_types = {"application/rss+xml", "application/atom+xml", "application/feed+json"}
        return [link for link in self.links if link.get("rel") == "alternate" and link.get("type") in feed_types]

    def structured_data(self) -> list[dict]:
        return [json.loads(block) for block in self.json_ld]


def head_of(client, url) -> HeadParser:
    html = get_ok(client, url).content.decode()
    parser = HeadParser()
    parser.feed(html.split("</head>")[0])
    return parser
