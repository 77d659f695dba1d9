"""The transcript of a discussion: the speakers' turns grouped under the questions."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from samvydat.core.blocks import RICH_TEXT_FEATURES


class TurnBlock(blocks.StructBlock):
    speaker = SnippetChooserBlock("people.Person", label=_("Speaker"))
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("What they said"))


class TranscriptSectionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"))
    turns = blocks.ListBlock(TurnBlock(), label=_("Turns"))

    class Meta:
        icon = "openquote"
        template = "blocks/transcript_section.html"


class TranscriptBlock(blocks.StreamBlock):
    section = TranscriptSectionBlock()
