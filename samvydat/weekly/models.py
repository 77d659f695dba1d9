"""The weekly analytical service: issues ("Situation in Belarus: <week>"), their commentaries, and topics."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from samvydat.core.dates import week_range
from samvydat.core.i18n import by_slug_or_404, localize, localize_all, routable_alternates
from samvydat.core.models import ArticlePage, BasePage, paginate
from samvydat.people.models import PersonLink


class Trend(models.TextChoices):
    IMPROVED = "improved", _("The situation has gotten better")
    UNCHANGED = "unchanged", _("The situation has not changed")
    WORSENED = "worsened", _("The situation has gotten worse")


class Topic(TranslatableMixin, index.Indexed, models.Model):
    """A subject the weekly service follows week after week (e.g. Belarus–West relations)."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    package_key = models.CharField(max_length=200, blank=True, db_index=True, editable=False)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        unique_together = [("translation_key", "locale")]

    def __str__(self) -> str:
        return self.name


class WeeklyIndexPage(RoutablePageMixin, BasePage):
    """All weekly issues ("View all"), and the topic pages."""

    parent_page_types = ["core.HomePage"]
    subpage_types = ["weekly.WeeklyIssuePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("weekly issues index")

    @path("")
    def index_view(self, request):
        issues = WeeklyIssuePage.objects.child_of(self).live().order_by("-week_start")
        topics = Topic.objects.filter(locale=self.locale).order_by("name")
        return self.render(request, context_overrides={"issues": paginate(request, issues), "topics": topics})

    @path("topics/<slug:slug>/")
    def topic_view(self, request, slug):
        topic = by_slug_or_404(Topic, slug=slug, locale=self.locale)
        commentaries = (
            CommentaryPage.objects.live()
            .filter(locale=self.locale, topic__translation_key=topic.translation_key)
            .select_related("topic")
            .order_by("-date", "-pk")
        )
        return self.render(
            request,
            template="weekly/topic_page.html",
            context_overrides={
                "topic": topic,
                "commentaries": paginate(request, commentaries),
                "alternate_urls": routable_alternates(self, topic, "topic_view"),
            },
        )

    def topic_url(self, topic) -> str:
        return self.url + self.reverse_subpage("topic_view", kwargs={"slug": topic.slug})


class WeeklyIssuePage(BasePage):
    """One week of the service: "Situation in Belarus: February 8 – February 14, 2021"."""

    week_start = models.DateField(_("first day of the week"))
    week_end = models.DateField(_("last day of the week"))

    content_panels = BasePage.content_panels + [
        MultiFieldPanel([FieldPanel("week_start"), FieldPanel("week_end")], heading=_("Week"))
    ]
    search_fields = BasePage.search_fields + [index.FilterField("week_start")]
    parent_page_types = ["weekly.WeeklyIndexPage"]
    subpage_types = ["weekly.CommentaryPage"]

    class Meta:
        verbose_name = _("weekly issue")

    def clean(self):
        super().clean()
        if self.week_start and not self.week_end:
            self.week_end = self.week_start + datetime.timedelta(days=6)

    @property
    def week_label(self) -> str:
        return week_range(self.week_start, self.week_end)

    @property
    def date(self):
        return self.week_end

    def commentaries(self):
        return list(
            CommentaryPage.objects.child_of(self)
            .live()
            .select_related("topic", "social_image")
            .prefetch_related("authors__person")
            .order_by("path")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["commentaries"] = self.commentaries()
        return context


class CommentaryPage(ArticlePage):
    """One analyst's commentary on a topic, with the trend of the week."""

    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("topic")
    )
    trend = models.CharField(_("trend"), max_length=16, choices=Trend.choices, blank=True)

    content_panels = ArticlePage.content_panels[:2] + [
        FieldPanel("topic"),
        FieldPanel("trend"),
        InlinePanel("authors", label=_("Authors")),
        *ArticlePage.content_panels[2:],
    ]
    search_fields = ArticlePage.search_fields + [index.FilterField("trend")]
    parent_page_types = ["weekly.WeeklyIssuePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("commentary")
        verbose_name_plural = _("commentaries")

    @property
    def issue(self):
        return self.get_parent().specific

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["issue"] = WeeklyIssuePage.objects.get(path=self.path[: -self.steplen])
        context["page_authors"] = localize_all([link.person for link in self.authors.select_related("person")])
        context["topic"] = localize(self.topic)
        return context


class CommentaryAuthor(Orderable, PersonLink):
    page = ParentalKey(CommentaryPage, on_delete=models.CASCADE, related_name="authors")
