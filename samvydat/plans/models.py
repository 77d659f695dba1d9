"""Plans: structured programme documents with numbered sections and a PDF."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from samvydat.core.models import ArticlePage, SectionIndexPage


class PlanPage(ArticlePage):
    pdf = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("PDF of the plan"),
    )

    content_panels = ArticlePage.content_panels + [FieldPanel("pdf")]
    parent_page_types = ["plans.PlanIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("plan")

    def sections(self) -> list[dict]:
        """The numbered sections (level-2 headings) for the table of contents."""
        sections = []
        for block in self.body:
            if block.block_type == "heading" and block.value["level"] == "2":
                sections.append({"number": len(sections) + 1, "title": block.value["text"], "anchor": block.id})
        return sections


class PlanIndexPage(SectionIndexPage):
    subpage_types = ["plans.PlanPage"]
    child_model = PlanPage

    class Meta:
        verbose_name = _("plans index")
