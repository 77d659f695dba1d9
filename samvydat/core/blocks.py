"""StreamField blocks shared by every body field.

Each block has its own template in ``templates/blocks/``. ``BodyBlock`` is the one StreamBlock that
news, plans, commentaries, discussions and statements all use, so the content-package converter
(``samvydat.packages.markdown``) has exactly one vocabulary to translate to and from.
"""

import re
from urllib.parse import parse_qs, urlparse

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "superscript", "subscript", "strikethrough"]


class HeadingBlock(blocks.StructBlock):
    """A section heading; in plans, level-2 headings are the plan's numbered sections."""

    text = blocks.CharBlock(label=_("Heading"))
    level = blocks.ChoiceBlock(choices=[("2", "H2"), ("3", "H3")], default="2", label=_("Level"))

    class Meta:
        icon = "title"
        template = "blocks/heading.html"


class QuoteBlock(blocks.StructBlock):
    """A pull quote with an optional attribution."""

    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(required=False, label=_("Attribution"))

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"


class ImageBlock(blocks.StructBlock):
    """An image with its caption and photo credit."""

    image = ImageChooserBlock(label=_("Image"))
    alt = blocks.CharBlock(required=False, label=_("Alternative text"), help_text=_("What the image shows."))
    caption = blocks.CharBlock(required=False, label=_("Caption"))
    credit = blocks.CharBlock(required=False, label=_("Credit"))

    class Meta:
        icon = "image"
        template = "blocks/image.html"


_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")


def video_embed_url(url: str) -> str:
    """The privacy-friendly embed address of a YouTube or Vimeo video, or "" when unknown."""
    parsed = urlparse(url)
    host = (parsed.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    video_id = ""
    if host in {"youtube.com", "youtube-nocookie.com"}:
        video_id = parse_qs(parsed.query).get("v", [""])[0]
        if not video_id and parsed.path.startswith(("/embed/", "/shorts/", "/live/")):
            video_id = parsed.path.split("/")[2]
        return f"https://www.youtube-nocookie.com/embed/{video_id}" if _YOUTUBE_ID.match(video_id) else ""
    if host == "youtu.be":
        video_id = parsed.path.strip("/")
        return f"https://www.youtube-nocookie.com/embed/{video_id}" if _YOUTUBE_ID.match(video_id) else ""
    if host == "vimeo.com" and parsed.path.strip("/").isdigit():
        return f"https://player.vimeo.com/video/{parsed.path.strip('/')}?dnt=1"
    return ""


#: The only addresses a link or video block may hold: Django's URL field also takes ftp:// and ftps://, which no
#: reader's browser should be sent to from a page (and which a mirror on object storage cannot serve).
WEB_SCHEMES = ("http", "https")


def _web_address_checked(block, value, field: str = "url"):
    """The struct value, or a validation error on ``field`` when its address is not http(s)."""
    address = value.get(field) or ""
    if address and urlparse(address).scheme.lower() not in WEB_SCHEMES:
        error = ValidationError(_("Give a web address starting with https:// or http://."), code="scheme")
        raise StructBlockValidationError(block_errors={field: error})
    return value


class VideoBlock(blocks.StructBlock):
    """A video from another host, loaded only when the reader asks for it, with its transcript."""

    url = blocks.URLBlock(label=_("Video address"))
    title = blocks.CharBlock(label=_("Title"))
    transcript = blocks.RichTextBlock(required=False, features=RICH_TEXT_FEATURES, label=_("Transcript"))

    class Meta:
        icon = "media"
        template = "blocks/video.html"

    def clean(self, value):
        return _web_address_checked(self, super().clean(value))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["embed_url"] = video_embed_url(value["url"])
        context["video_host"] = (urlparse(value["url"]).hostname or "").removeprefix("www.")
        return context


class LinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Label"))
    url = blocks.URLBlock(label=_("Address"))

    def clean(self, value):
        return _web_address_checked(self, super().clean(value))


class LinksBlock(blocks.StructBlock):
    """A list of links: channels, chat bots, further reading."""

    title = blocks.CharBlock(required=False, label=_("Title"))
    items = blocks.ListBlock(LinkBlock(), label=_("Links"))

    class Meta:
        icon = "link"
        template = "blocks/links.html"


class DocumentBlock(blocks.StructBlock):
    """A downloadable document."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(required=False, label=_("Link text"))

    class Meta:
        icon = "doc-full"
        template = "blocks/document.html"


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, icon="pilcrow", label=_("Text"))
    heading = HeadingBlock()
    quote = QuoteBlock()
    image = ImageBlock()
    video = VideoBlock()
    links = LinksBlock()
    document = DocumentBlock()
