"""Switches editors set per page: may readers comment on it, may they ask the experts questions before it?

Abstract mixins so that news, commentaries and discussions carry the same fields with the same labels.
They are left out of content packages: a page imported or re-imported keeps what editors chose (off by default).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


class CommentsOpenMixin(models.Model):
    comments_open = models.BooleanField(
        _("readers may comment"),
        default=False,
        help_text=_("Show a comment form under the page. Comments appear only after an editor approves them."),
    )

    class Meta:
        abstract = True


class QuestionsOpenMixin(models.Model):
    questions_open = models.BooleanField(
        _("readers may ask the experts"),
        default=False,
        help_text=_("Show an 'Ask the experts' form. Questions appear only after a moderator approves them."),
    )

    class Meta:
        abstract = True


def readers_panel(*fields: str) -> MultiFieldPanel:
    """The settings panel with the switches ``fields`` (e.g. "comments_open", "questions_open")."""
    return MultiFieldPanel([FieldPanel(name) for name in fields], heading=_("Readers' comments and questions"))
