"""The search index: one ``SearchDocument`` per page (every language, live or not), plus the full-text table.

The analysed text itself lives in a table the database's own full-text engine owns (``engines.py``): an FTS5
virtual table on SQLite, a ``tsvector`` column with a GIN index on PostgreSQL, both keyed by the page id. This
model holds what results show and what facets filter on.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Page


class Kind(models.TextChoices):
    NEWS = "news", _("News")
    PLAN = "plan", _("Plan")
    ISSUE = "issue", _("Weekly issue")
    COMMENTARY = "commentary", _("Commentary")
    DISCUSSION = "discussion", _("Discussion")
    STATEMENT = "statement", _("Statement")
    PAGE = "page", _("Page")


class SearchDocument(models.Model):
    page = models.OneToOneField(Page, on_delete=models.CASCADE, primary_key=True, related_name="+")
    language = models.CharField(max_length=8)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    public = models.BooleanField(default=False, help_text="Live and without view restrictions: shown to readers.")
    title = models.TextField()
    url = models.CharField(max_length=1024, blank=True)
    date = models.DateField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    topic = models.SlugField(max_length=255, blank=True)
    topic_name = models.CharField(max_length=255, blank=True)
    trend = models.CharField(max_length=16, blank=True)
    summary = models.TextField(blank=True)
    text = models.TextField(blank=True, help_text="Plain text of the page, for result snippets.")
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["public", "language", "-date"], name="search_doc_listing"),
            models.Index(fields=["public", "-date"], name="search_doc_all_languages"),
        ]

    def __str__(self):
        return self.title


class SearchDocumentPerson(models.Model):
    """A person (by slug, the same in every language) an indexed page is by or about: the "person" facet."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="people")
    slug = models.SlugField(max_length=255)
    name = models.CharField(max_length=255)

    class Meta:
        indexes = [models.Index(fields=["slug", "document"], name="search_person_slug")]
        constraints = [models.UniqueConstraint(fields=["document", "slug"], name="search_person_once")]

    def __str__(self):
        return self.name


@register_setting(icon="warning")
class SearchSettings(BaseGenericSetting):
    """The "under attack" switch of live search (``samvydat.search.attack_mode``)."""

    under_attack = models.BooleanField(
        _("under attack: search from the static index"),
        default=False,
        help_text=_(
            "While on, the search page answers from the static search index of the mirror export, in the reader's "
            "browser: no search reaches the database. Switch it on when a flood of searches slows the site down; "
            "switch it off when it is over. New pages appear in this search only after the next mirror export."
        ),
    )

    panels = [FieldPanel("under_attack")]

    class Meta:
        verbose_name = _("search")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
