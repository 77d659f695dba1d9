"""Turning a rendered page, feed or sitemap into a mirror file: every internal address becomes a relative link.

Pure text work (no Django): ``rewrite_html`` handles link attributes (``href``, ``src``, ``srcset``, ``action``,
``poster``), query-only links (``?page=2``) and absolute addresses on the rendering host anywhere in the text
(JSON-LD, OpenGraph); ``rewrite_text`` does the latter for feeds, the sitemap and robots.txt. Both report the
static files, media and documents the document uses, so the exporter copies exactly those.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from .paths import RENDER_ORIGIN, address_for, file_for, relative_link, resolve

_ATTRIBUTE = re.compile(r"""(\s(?:href|src|action|poster)=)(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)
_SRCSET = re.compile(r"""(\ssrcset=)(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)
_ORIGIN_URL = re.compile(re.escape(RENDER_ORIGIN) + r"""(/[^\s"'<>\\]*)?""")
_CANONICAL = re.compile(
    r"""(<link rel="canonical" href="|<meta property="og:url" content=")""" + re.escape(RENDER_ORIGIN) + r"""([^"]*)"""
)
#: Address prefixes of files copied into the mirror as they are.
ASSET_PREFIXES = ("/static/", "/media/", "/documents/")


@dataclass
class Rewritten:
    text: str
    #: Site addresses of the static files, media and documents the document links to.
    assets: set[str] = field(default_factory=set)
    #: Site addresses (path?query) of the pages, feeds and PDFs it links to.
    links: set[str] = field(default_factory=set)


class _Linker:
    def __init__(self, address: str, file: str):
        self.address = address
        self.file = file
        self.assets: set[str] = set()
        self.links: set[str] = set()

    def link(self, url: str) -> str | None:
        """The relative link replacing ``url`` (already HTML-unescaped), or None to leave it as it is."""
        if not url or url.startswith(("#", "mailto:", "tel:", "data:", "javascript:")):
            return None
        if address_for(url) is None:
            return None  # another host
        target = resolve(self.address, url)
        path, query, fragment = address_for(target)
        if path.startswith("//"):
            return None
        if path.startswith(ASSET_PREFIXES):
            self.assets.add(path)
        else:
            self.links.add(path + ("?" + query if query else ""))
        return relative_link(self.file, file_for(path, query), fragment)

    def attribute(self, match: re.Match[str]) -> str:
        raw = match.group(3)
        new = self.link(html.unescape(raw).strip())
        if new is None:
            return match.group(0)
        return f"{match.group(1)}{match.group(2)}{html.escape(new)}{match.group(2)}"

    def srcset(self, match: re.Match[str]) -> str:
        candidates = []
        for candidate in html.unescape(match.group(3)).split(","):
            url, _, descriptor = candidate.strip().partition(" ")
            new = self.link(url)
            candidates.append(((new if new is not None else url) + (" " + descriptor if descriptor else "")).strip())
        return f"{match.group(1)}{match.group(2)}{html.escape(', '.join(candidates))}{match.group(2)}"

    def origin_url(self, match: re.Match[str]) -> str:
        return self.link(match.group(0)) or match.group(0)


def rewrite_html(text: str, *, address: str, file: str, canonical_base: str = "") -> Rewritten:
    """The mirror version of the page rendered for ``address`` that is written to ``file``.

    ``canonical_base`` (e.g. ``https://samvydat.example``): where the canonical link and ``og:url`` point; with
    "" they are relative like everything else.
    """
    linker = _Linker(address, file)
    if canonical_base:
        base = canonical_base.rstrip("/")
        text = _CANONICAL.sub(lambda m: m.group(1) + base + m.group(2), text)
    text = _ATTRIBUTE.sub(linker.attribute, text)
    text = _SRCSET.sub(linker.srcset, text)
    text = _ORIGIN_URL.sub(linker.origin_url, text)
    return Rewritten(text=text, assets=linker.assets, links=linker.links)


def rewrite_text(text: str, *, address: str, file: str) -> Rewritten:
    """Feeds (RSS, Atom, JSON), the sitemap, robots.txt: absolute addresses on the rendering host → relative."""
    linker = _Linker(address, file)
    text = _ORIGIN_URL.sub(linker.origin_url, text)
    return Rewritten(text=text, assets=linker.assets, links=linker.links)


def rewrite_css(text: str, *, file: str) -> Rewritten:
    """A stylesheet: root-relative ``url(/static/…)`` → relative (relative ones already work)."""
    linker = _Linker("/" + file, file)

    def replace(match: re.Match[str]) -> str:
        new = linker.link(match.group(2))
        return match.group(0) if new is None else f"url({match.group(1)}{new}{match.group(1)})"

    text = re.sub(r"""url\((["']?)(/[^)"']*)\1\)""", replace, text)
    return Rewritten(text=text, assets=linker.assets, links=linker.links)
