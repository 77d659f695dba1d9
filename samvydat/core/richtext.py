"""The one sanitiser for rich text that does not come from the editor (content packages, imports).

Editors' rich text is already limited by Draftail to ``blocks.RICH_TEXT_FEATURES``; text from anywhere else
is cut down to the same vocabulary here, with nh3 (ammonia): the tags those features store, links only to
http(s), mailto or a relative address (or Wagtail's internal ``<a linktype="page|document" id="N">`` form), no
other attribute, nothing else. Whatever is not allowed is dropped; ``script`` and ``style`` with their content.
"""

from urllib.parse import urlsplit

import nh3

#: The tags the editor's features store (``bold`` and ``italic`` as ``b``/``i``; Markdown writes
#: ``strong``/``em``, which Draftail reads as the same), plus paragraphs and line breaks.
ALLOWED_TAGS = {"p", "br", "b", "strong", "i", "em", "a", "ol", "ul", "li", "sup", "sub", "s"}
ALLOWED_ATTRIBUTES = {"a": {"href", "linktype", "id"}}
URL_SCHEMES = {"http", "https", "mailto"}
INTERNAL_LINK_TYPES = {"page", "document"}


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "linktype":
        return value if value in INTERNAL_LINK_TYPES else None
    if tag == "a" and attribute == "id":
        return value if value.isascii() and value.isdigit() else None
    return value


def rich_text_clean(html: str) -> str:
    """``html`` limited to what the editor itself could have stored."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_attribute_filter,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def url_is_safe(url: str, *, relative: bool = False) -> bool:
    """An absolute http(s) address (or, with ``relative``, a mailto: or a relative one): nothing a browser runs."""
    text = (url or "").strip()
    if not text or any(ord(char) < 0x21 for char in text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:  # e.g. "http://[broken"
        return False
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        return bool(parts.netloc)
    return relative and (scheme == "mailto" or (not scheme and not text.startswith("//")))
