"""Expert discussions: a series, its numbered events, participants, takeaways and the transcript."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from samvydat.comments.mixins import CommentsOpenMixin, QuestionsOpenMixin, readers_panel
from samvydat.core.i18n import localize, localize_all
from samvydat.core.models import ArticlePage, SectionIndexPage
from samvydat.people.models import PersonLink

from .blocks import TranscriptBlock


class DiscussionFormat(models.TextChoices):
    ONLINE = "online", _("Online")
    OFFLINE = "offline", _("In person")


class DiscussionPage(QuestionsOpenMixin, CommentsOpenMixin, ArticlePage):
    series = models.CharField(_("series"), max_length=255, blank=True, help_text=_("E.g. 'Expert Environment'."))
    number = models.PositiveIntegerField(_("number in the series"), null=True, blank=True)
    format = models.CharField(_("format"), max_length=16, choices=DiscussionFormat.choices, blank=True)
    place = models.CharField(_("place or platform"), max_length=255, blank=True)
    registration_url = models.URLField(_("registration link"), blank=True)
    moderator = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("moderator")
    )
    questions = StreamField(
        [("question", blocks.CharBlock(label=_("Question")))], blank=True, verbose_name=_("questions discussed")
    )
    briefly = StreamField(
        [("takeaway", blocks.TextBlock(label=_("Key takeaway")))], blank=True, verbose_name=_("briefly")
    )
    transcript = StreamField(TranscriptBlock(), blank=True, verbose_name=_("transcript"))

    content_panels = ArticlePage.content_panels[:2] + [
        MultiFieldPanel(
            [
                FieldPanel("series"),
                FieldPanel("number"),
                FieldPanel("date"),
                FieldPanel("format"),
                FieldPanel("place"),
                FieldPanel("registration_url"),
            ],
            heading=_("Event"),
        ),
        FieldPanel("moderator"),
        InlinePanel("participants", label=_("Participants")),
        FieldPanel("questions"),
        FieldPanel("briefly"),
        FieldPanel("body"),
        FieldPanel("transcript"),
    ]
    search_fields = ArticlePage.search_fields + [
        index.SearchField("series"),
        index.SearchField("questions"),
        index.SearchField("briefly"),
        index.SearchField("transcript"),
    ]
    settings_panels = ArticlePage.settings_panels + [readers_panel("questions_open", "comments_open")]
    parent_page_types = ["discussions.DiscussionIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("discussion")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        links = list(self.participants.select_related("person"))
        people = localize_all([link.person for link in links])
        context["participants"] = [
            {"person": person, "intro": link.intro} for person, link in zip(people, links, strict=True)
        ]
        context["moderator"] = localize(self.moderator)
        return context


class DiscussionParticipant(Orderable, PersonLink):
    page = ParentalKey(DiscussionPage, on_delete=models.CASCADE, related_name="participants")
    intro = models.CharField(
        _("introduction"), max_length=500, blank=True, help_text=_("How the person is introduced in this discussion.")
    )

    panels = PersonLink.panels + [FieldPanel("intro")]


class DiscussionIndexPage(SectionIndexPage):
    subpage_types = ["discussions.DiscussionPage"]
    child_model = DiscussionPage

    class Meta:
        verbose_name = _("discussions index")
