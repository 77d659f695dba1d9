"""The weekly analytical service: issues ("Situation in Belarus: <week>"), their commentaries, and topics."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from samvydat.comments.mixins import CommentsOpenMixin, readers_panel
from samvydat.core.dates import week_range
from samvydat.core.i18n import by_slug_or_404, localize, localize_all, routable_alternates
from samvydat.core.models import ArticlePage, BasePage, children_of, paginate
from samvydat.core.selectors import for_readers
from samvydat.pagecache.keys import declare_parameter
from samvydat.people.models import PersonLink

from .forms import CommentaryForm, WeeklyIssueForm
from .weeks import issue_slug, issue_title, week_end_of


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
        """Every issue, grouped by year, latest first, on one page with a jump list of the years.

        Not paginated: a year is at most 53 one-line links, ten years ~520 (about 60 KB of HTML, less than one
        photo), and one page keeps the browser's find-in-page working and the year anchors (#year-2021)
        stable, where ?page=N would shift every week as new issues push older ones to the next page.
        """
        from .selectors import archive_years

        topics = Topic.objects.filter(locale=self.locale).order_by("name")
        years = archive_years(index=self, base_url=self.get_url(request=request) or "")
        context = {"years": years, "topics": topics, "trends_url": self.trends_url(request)}
        return self.render(request, context_overrides=context)

    @path("topics/<slug:slug>/")
    def topic_view(self, request, slug):
        topic = by_slug_or_404(Topic, slug=slug, locale=self.locale)
        commentaries = (
            for_readers(CommentaryPage.objects)
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
                "chart": self.topic_chart(request, topic),
                "trends_url": self.trends_url(request),
            },
        )

    def trends_url(self, request) -> str:
        """The address of the trend dashboard of this index's language ("" if there is none)."""
        from samvydat.core.navigation import site_furniture

        entry = site_furniture(request).get(self.locale.language_code)
        dashboard = entry.indexes.get("weekly.trenddashboardpage") if entry else None
        return dashboard.get_url(request=request) if dashboard else ""

    def topic_chart(self, request, topic):
        """The topic's whole record as a trend chart (None when nothing is rated yet)."""
        from .selectors import trend_dashboard

        base_url = self.get_url(request=request) or ""
        dashboard = trend_dashboard(
            index=self,
            base_url=base_url,
            language=self.locale.language_code,
            period="all",
            topic=topic.slug,
            topic_url=lambda row: base_url + self.reverse_subpage("topic_view", kwargs={"slug": row.slug}),
        )
        chart = dashboard.charts[0] if dashboard.charts else None
        return chart if chart and chart.marks else None

    def topic_url(self, topic) -> str:
        return self.url + self.reverse_subpage("topic_view", kwargs={"slug": topic.slug})


class WeeklyIssuePage(BasePage):
    """One week of the service: "Situation in Belarus: February 8 – February 14, 2021"."""

    week_start = models.DateField(_("first day of the week"), db_index=True)
    week_end = models.DateField(_("last day of the week"))

    # The title, the slug and the last day come from the first day (``weeks``): editors give only the Monday.
    content_panels = BasePage.content_panels + [FieldPanel("week_start")]
    base_form_class = WeeklyIssueForm
    search_fields = BasePage.search_fields + [index.FilterField("week_start")]
    parent_page_types = ["weekly.WeeklyIndexPage"]
    subpage_types = ["weekly.CommentaryPage"]

    class Meta:
        verbose_name = _("weekly issue")

    @classmethod
    def of_week(cls, week_start, *, locale, **fields) -> "WeeklyIssuePage":
        """A new (unsaved) issue of the week starting on ``week_start``, titled in ``locale``'s language."""
        return cls(
            title=issue_title(language=locale.language_code),
            slug=issue_slug(week_start),
            week_start=week_start,
            week_end=week_end_of(week_start),
            locale=locale,
            **fields,
        )

    def clean(self):
        if self.week_start:
            self.week_end = week_end_of(self.week_start)
            self.slug = issue_slug(self.week_start)
            if self.locale_id:
                self.title = issue_title(language=self.locale.language_code)
        super().clean()

    @property
    def week_label(self) -> str:
        return week_range(self.week_start, self.week_end)

    def translation_draft_attrs(self, locale) -> dict:
        """A drafted translation of a week (``translations.services``) starts with the title in its language."""
        title = issue_title(language=locale.language_code)
        return {"title": title, "draft_title": title}

    @property
    def date(self):
        return self.week_end

    def commentaries(self):
        """The live commentaries in page order; ``glance_topic`` is each one's topic in the active language."""
        commentaries = list(
            for_readers(children_of(CommentaryPage, self)).select_related("topic", "social_image").order_by("path")
        )
        topics = iter(localize_all([commentary.topic for commentary in commentaries if commentary.topic_id]))
        for commentary in commentaries:
            commentary.glance_topic = next(topics) if commentary.topic_id else None
        return commentaries

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["commentaries"] = self.commentaries()
        return context


class CommentaryPage(CommentsOpenMixin, ArticlePage):
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
    settings_panels = ArticlePage.settings_panels + [readers_panel("comments_open")]
    parent_page_types = ["weekly.WeeklyIssuePage"]
    subpage_types: list[str] = []
    base_form_class = CommentaryForm

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


class TrendDashboardPage(BasePage):
    """Every topic's weekly ratings as charts, filtered by period and topic (GET ``period``, ``topic``)."""

    parent_page_types = ["core.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trend dashboard")

    def get_context(self, request, *args, **kwargs):
        from samvydat.core.navigation import site_furniture

        from .charts import PERIOD_LABELS
        from .selectors import trend_dashboard

        context = super().get_context(request, *args, **kwargs)
        language = self.locale.language_code
        entry = site_furniture(request).get(language)
        index = entry.indexes.get("weekly.weeklyindexpage") if entry else None
        if index is None:  # e.g. a preview of a page outside the published tree
            index = WeeklyIndexPage.objects.live().filter(locale_id=self.locale_id).first()
        if index is None:
            context.update(dashboard=None, periods=[])
            return context
        base_url = index.get_url(request=request) or ""
        context["dashboard"] = trend_dashboard(
            index=index,
            base_url=base_url,
            language=language,
            period=request.GET.get("period"),
            topic=request.GET.get("topic"),
            # the route of WeeklyIndexPage.topic_view, built without loading the specific index page
            topic_url=lambda row: f"{base_url}topics/{row.slug}/",
        )
        dashboard = context["dashboard"]
        declare_parameter(request, "period", PERIOD_LABELS)
        declare_parameter(
            request, "topic", {slug for row in dashboard.topics for slug in (row.slug, *row.slugs) if slug}
        )
        context["periods"] = list(PERIOD_LABELS.items())
        context["weekly_index_url"] = base_url
        return context


class CommentaryAuthor(Orderable, PersonLink):
    page = ParentalKey(CommentaryPage, on_delete=models.CASCADE, related_name="authors")
