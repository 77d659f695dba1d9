"""News: the "All news" archive and news items with related reading."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, Page

from samvydat.comments.mixins import CommentsOpenMixin, readers_panel
from samvydat.core.i18n import localize_all
from samvydat.core.models import ArticlePage, SectionIndexPage
from samvydat.core.selectors import for_readers
from samvydat.people.models import PersonLink


class NewsPage(CommentsOpenMixin, ArticlePage):
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types: list[str] = []

    content_panels = ArticlePage.content_panels + [
        InlinePanel("authors", label=_("Authors")),
        InlinePanel("related_links", label=_("Read more")),
    ]
    settings_panels = ArticlePage.settings_panels + [readers_panel("comments_open")]

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")

    def related_pages(self) -> list:
        """The public pages editors chose under "Read more", in this page's language where translated."""
        keys = [link.target.translation_key for link in self.related_links.select_related("target")]
        if not keys:
            return []
        found = {}
        for page in for_readers(Page.objects).filter(translation_key__in=keys).select_related("locale").specific():
            if page.translation_key not in found or page.locale_id == self.locale_id:
                found[page.translation_key] = page
        return [found[key] for key in keys if key in found]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["page_authors"] = localize_all([link.person for link in self.authors.select_related("person")])
        context["related"] = self.related_pages()
        return context


class NewsAuthor(Orderable, PersonLink):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="authors")


class NewsRelatedLink(Orderable):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_links")
    target = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page"))

    panels = [FieldPanel("target")]


class NewsIndexPage(SectionIndexPage):
    subpage_types = ["news.NewsPage"]
    child_model = NewsPage

    class Meta:
        verbose_name = _("news index")
