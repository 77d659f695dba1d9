"""Statements, often joint, with the organisations that signed them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from samvydat.core.i18n import localize_all
from samvydat.core.models import ArticlePage, SectionIndexPage


class StatementPage(ArticlePage):
    content_panels = ArticlePage.content_panels + [InlinePanel("signatories", label=_("Signatories"))]
    parent_page_types = ["statements.StatementIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("statement")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["signatories"] = localize_all(
            [link.organisation for link in self.signatories.select_related("organisation")]
        )
        return context


class StatementSignatory(Orderable):
    page = ParentalKey(StatementPage, on_delete=models.CASCADE, related_name="signatories")
    organisation = models.ForeignKey(
        "people.Organisation", on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )

    panels = [FieldPanel("organisation")]


class StatementIndexPage(SectionIndexPage):
    subpage_types = ["statements.StatementPage"]
    child_model = StatementPage

    class Meta:
        verbose_name = _("statements index")
