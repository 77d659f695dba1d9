"""WordPress post content (classic-editor HTML, shortcodes, Gutenberg block markup) → ``BodyBlock`` stream data.

Gutenberg's ``<!-- wp:… -->`` comments only wrap ordinary HTML, so they are dropped and the HTML inside is read
like classic content (an ``embed`` block's address is inside its wrapper too). Classic content without block
tags is split into paragraphs at blank lines, as WordPress's ``wpautop`` does. Shortcodes: ``[caption]`` becomes
an image with its caption, ``[gallery ids=…]`` one image per attachment, ``[embed]URL[/embed]`` and a video
address alone on its line become the privacy-preserving video block (nothing loads from YouTube or Vimeo until a
click); any other shortcode is reported and kept as text, never dropped. Text is sanitised by the one rich-text
sanitiser (``samvydat.core.richtext``): scripts, event handlers and styles go.

Images are resolved by the caller (``resolve_image(address, attachment_id) → image id or None``); an image that
cannot be resolved is reported, and its caption kept as text.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from samvydat.core.blocks import video_embed_url
from samvydat.core.richtext import rich_text_clean, url_is_safe

ImageResolver = Callable[[str, int | None], int | None]

KNOWN_SHORTCODES = {"caption", "wp_caption", "gallery", "embed"}
_SHORTCODE = re.compile(r"\[(/?)([A-Za-z][\w-]*)([^\]]*)\]")
_CAPTION = re.compile(r"\[(?:wp_)?caption([^\]]*)\](.*?)\[/(?:wp_)?caption\]", re.S)
_GALLERY = re.compile(r"\[gallery([^\]]*)\]")
_EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.S)
_BARE_URL_LINE = re.compile(r"^[ \t]*(https?://[^\s<>\"]+)[ \t]*$", re.M)
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
_GUTENBERG_COMMENT = re.compile(r"<!--\s*/?wp:[^>]*?-->")
_BLOCK_TAGS = re.compile(r"<(p|h[1-6]|ul|ol|blockquote|figure|div|table|iframe)\b", re.I)
_WP_IMAGE_CLASS = re.compile(r"wp-image-(\d+)")
HEADINGS = {"h1": "2", "h2": "2", "h3": "3", "h4": "3", "h5": "3", "h6": "3"}
INLINE = {"a", "b", "strong", "i", "em", "sup", "sub", "s", "br", "span", "u", "code", "small", "mark", "abbr"}


@dataclass
class Converted:
    blocks: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _attributes(text: str) -> dict[str, str]:
    return dict(_ATTRIBUTE.findall(text))


def _video_tag(url: str) -> str:
    return f'<samvydat-video data-url="{escape(url.strip())}"></samvydat-video>'


def _prepare(html: str) -> str:
    """Gutenberg comments dropped, known shortcodes turned into HTML the walker reads, paragraphs made."""
    html = _GUTENBERG_COMMENT.sub("", html or "")

    def caption(match: re.Match) -> str:
        attrs = _attributes(match.group(1))
        inner = match.group(2)
        soup = BeautifulSoup(inner, "html.parser")
        image = soup.find("img")
        if image is None:
            return inner
        image.extract()
        attachment = attrs.get("id", "").removeprefix("attachment_")
        text = soup.get_text(" ", strip=True) or attrs.get("caption", "")
        return f'<figure data-attachment="{escape(attachment)}">{image}<figcaption>{escape(text)}</figcaption></figure>'

    def gallery(match: re.Match) -> str:
        ids = [value.strip() for value in _attributes(match.group(1)).get("ids", "").split(",") if value.strip()]
        return "".join(f'<figure data-attachment="{escape(value)}"></figure>' for value in ids)

    html = _CAPTION.sub(caption, html)
    html = _GALLERY.sub(gallery, html)
    html = _EMBED.sub(lambda match: _video_tag(match.group(1)), html)
    html = _BARE_URL_LINE.sub(lambda match: _video_tag(match.group(1)), html)
    if not _BLOCK_TAGS.search(html):
        paragraphs = [part.strip() for part in re.split(r"\n\s*\n", html) if part.strip()]
        html = "".join(f"<p>{part.replace(chr(10), '<br>')}</p>" for part in paragraphs)
    return html


class _Walker:
    def __init__(self, *, post_id: int, title: str, resolve_image: ImageResolver):
        self.post_id = post_id
        self.title = title
        self.resolve_image = resolve_image
        self.result = Converted()
        self._inline: list[str] = []

    def warn(self, message: str) -> None:
        self.result.warnings.append(f"post {self.post_id}: {message}")

    def paragraph(self, html: str) -> None:
        for match in _SHORTCODE.finditer(html):
            if match.group(2).lower() not in KNOWN_SHORTCODES and not match.group(1):
                self.warn(f"shortcode [{match.group(2)}] is not known; kept as text")
        clean = rich_text_clean(html).strip()
        if re.sub(r"<[^>]+>|\s|&nbsp;", "", clean):
            if not clean.startswith(("<p>", "<ul>", "<ol>")):
                clean = f"<p>{clean}</p>"
            self.result.blocks.append({"type": "paragraph", "value": clean})

    def flush(self) -> None:
        if self._inline:
            self.paragraph("".join(self._inline))
            self._inline = []

    def image(self, address: str, attachment: int | None, *, alt: str, caption: str) -> None:
        image_id = self.resolve_image(address, attachment)
        if image_id is None:
            self.warn(f"image {address or f'attachment {attachment}'} is not in the uploads; its caption kept as text")
            if caption:
                self.paragraph(f"<p>{escape(caption)}</p>")
            return
        value = {"image": image_id, "alt": alt[:255], "caption": caption[:255], "credit": ""}
        self.result.blocks.append({"type": "image", "value": value})

    def video(self, url: str, title: str = "") -> None:
        if video_embed_url(url):
            value = {"url": url, "title": title or self.title, "transcript": ""}
            self.result.blocks.append({"type": "video", "value": value})
        elif not url_is_safe(url):
            self.warn(f"embedded {url[:80]!r} is not an http(s) address; dropped")
        else:
            self.warn(f"embedded {url} is not a known video host; kept as a link")
            self.paragraph(f'<p><a href="{escape(url)}">{escape(url)}</a></p>')

    def figure(self, node: Tag) -> None:
        image = node.find("img")
        caption_node = node.find("figcaption")
        caption = caption_node.get_text(" ", strip=True) if caption_node else ""
        attachment = node.get("data-attachment", "")
        if image is None and attachment.isdigit():
            self.image("", int(attachment), alt="", caption=caption)
            return
        if image is not None:
            number = attachment if attachment.isdigit() else ""
            if not number:
                found = _WP_IMAGE_CLASS.search(" ".join(image.get("class") or []))
                number = found.group(1) if found else ""
            self.image(image.get("src", ""), int(number) if number else None, alt=image.get("alt", ""), caption=caption)
            return
        self.walk(node)

    def node(self, node) -> None:
        if isinstance(node, Comment):
            return
        if isinstance(node, NavigableString):
            if str(node).strip():
                self._inline.append(escape(str(node)))
            return
        name = node.name.lower()
        if name in INLINE:
            self._inline.append(str(node))
            return
        self.flush()
        if name == "img":
            found = _WP_IMAGE_CLASS.search(" ".join(node.get("class") or []))
            self.image(node.get("src", ""), int(found.group(1)) if found else None, alt=node.get("alt", ""), caption="")
        elif name in ("script", "style", "noscript", "template"):
            return
        elif name == "p":
            self.walk_paragraph(node)
        elif name in HEADINGS:
            text = node.get_text(" ", strip=True)
            if text:
                self.result.blocks.append({"type": "heading", "value": {"text": text[:255], "level": HEADINGS[name]}})
        elif name in ("ul", "ol"):
            self.paragraph(str(node))
        elif name == "blockquote":
            cite = node.find("cite")
            attribution = cite.extract().get_text(" ", strip=True) if cite else ""
            text = "\n\n".join(part.get_text(" ", strip=True) for part in node.find_all("p")) or node.get_text(
                " ", strip=True
            )
            if text:
                self.result.blocks.append({"type": "quote", "value": {"text": text, "attribution": attribution[:255]}})
        elif name == "figure":
            self.figure(node)
        elif name == "samvydat-video":
            self.video(node.get("data-url", ""))
        elif name == "iframe":
            self.video(node.get("src", ""), node.get("title", ""))
        elif name == "table":
            self.warn("a table is kept as plain paragraphs (samvydat has no table block yet)")
            for row in node.find_all("tr"):
                self.paragraph(
                    escape(" | ".join(cell.get_text(" ", strip=True) for cell in row.find_all(["td", "th"])))
                )
        else:  # div, section, span-like wrappers, unknown tags: their content
            self.walk(node)

    def walk_paragraph(self, node: Tag) -> None:
        """A paragraph's text; an image or video inside one (classic editor) becomes its own block."""
        for child in list(node.children):
            if isinstance(child, Tag) and child.name in ("img", "iframe", "samvydat-video", "figure"):
                self.flush()
                self.node(child)
            elif isinstance(child, Tag) and child.name == "a" and child.find("img"):
                self.flush()
                self.node(child.find("img"))
            else:
                self.node(child)
        self.flush()

    def walk(self, node: Tag) -> None:
        for child in list(node.children):
            self.node(child)
        self.flush()


def content_to_blocks(
    html: str, *, post_id: int, title: str = "", resolve_image: ImageResolver = lambda _url, _id: None
) -> Converted:
    """``BodyBlock`` raw stream data for a post's content, with a warning for whatever was not carried over."""
    soup = BeautifulSoup(_prepare(html), "html.parser")
    walker = _Walker(post_id=post_id, title=title, resolve_image=resolve_image)
    walker.walk(soup)
    return walker.result


def gutenberg_block_names(html: str) -> list[str]:
    """The names of the Gutenberg blocks opened in ``html`` (``paragraph``, ``core/embed`` …), for the report."""
    return re.findall(r"<!--\s*wp:([\w/-]+)", html or "")
