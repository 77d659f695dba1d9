"""The shared page base and the home page."""

from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from samvydat.pagecache.keys import declare_parameter

from .blocks import BodyBlock
from .forms import BasePageForm, SameLanguageCopyForm
from .i18n import listed_in_q, own_language_q
from .selectors import for_readers

LISTING_PAGE_SIZE = 12


def children_of(model, page):
    """Live-or-not children of ``page`` of type ``model``, selected by an indexable path range.

    Wagtail's ``child_of()`` filters with ``path LIKE 'prefix%'``, which SQLite cannot answer from the
    path index (a full scan of the page table on large sites); treebeard's own child interval can.
    """
    return model.objects.filter(depth=page.depth + 1, path__range=page._get_children_path_interval(page.path))


def paginate(request, queryset, per_page: int = LISTING_PAGE_SIZE, *, clamp: bool = False):
    """One page of ``queryset`` for the ``page`` query parameter.

    A page past the last one is a 404 (``clamp``: the last page, for the admin), so that no two addresses show the
    same listing and the page cache keeps only real pages; the number of pages is declared to the page cache,
    which refuses later out-of-range numbers without rendering (``samvydat.pagecache.keys``).
    """
    paginator = Paginator(queryset, per_page)
    raw = request.GET.get("page", "1")
    try:
        number = int(raw[:9]) if raw.strip().lstrip("-").isdigit() else 1
    except ValueError:
        number = 1
    declare_parameter(request, "page", paginator.num_pages)
    if number > paginator.num_pages and not clamp:
        raise Http404("No such page of this list.")
    number = min(max(number, 1), paginator.num_pages)
    return paginator.page(number)


class BasePage(Page):
    """Fields every samvydat page shares: a lead, a social image and a content-package key."""

    summary = models.TextField(
        _("summary"), blank=True, help_text=_("The lead: one or two sentences shown under the title and in listings.")
    )
    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("social image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown in listings and when the page is shared."),
    )
    package_key = models.CharField(
        _("package key"),
        max_length=200,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_("The translationKey of this item in content packages."),
    )

    content_panels = Page.content_panels + [FieldPanel("summary")]
    promote_panels = Page.promote_panels + [FieldPanel("social_image")]
    search_fields = Page.search_fields + [index.SearchField("summary")]
    base_form_class = BasePageForm
    copy_form_class = SameLanguageCopyForm

    class Meta:
        abstract = True


class ArticlePage(BasePage):
    """A dated page with a StreamField body: the shape of news, plans, commentaries, discussions and statements."""

    date = models.DateField(_("date"), default=timezone.localdate, db_index=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = BasePage.content_panels + [FieldPanel("date"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body"), index.FilterField("date")]

    class Meta:
        abstract = True


class SectionIndexPage(BasePage):
    """An index page listing its children newest first, paginated."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    max_count_per_parent = 1
    #: The child page model listed on this index.
    child_model = None
    listing_order = ("-date", "-pk")

    class Meta:
        abstract = True

    def get_template(self, request, *args, **kwargs):
        return "core/section_index_page.html"

    def listing_queryset(self):
        here = children_of(self.child_model, self).filter(own_language_q())
        shown = self.child_model.objects.filter(listed_in_q(self.locale_id)).exclude(locale_id=self.locale_id)
        listed = self.child_model.objects.filter(pk__in=here.values("pk")) | shown
        listed = for_readers(listed)
        return listed.select_related("social_image").order_by(*self.listing_order)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["items"] = paginate(request, self.listing_queryset())
        return context


class HomePage(BasePage):
    """The home page of one language; each locale's tree starts here."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "news.NewsIndexPage",
        "plans.PlanIndexPage",
        "weekly.WeeklyIndexPage",
        "weekly.TrendDashboardPage",
        "discussions.DiscussionIndexPage",
        "statements.StatementIndexPage",
        "people.PeopleIndexPage",
    ]

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Find the deepest page matching the path in one query, instead of one query per path segment.

        Routable pages (topics, people) get the rest of the path; anything else falls back to Wagtail's walk.
        """
        if path_components:
            prefixes = [self.url_path + "/".join(path_components[:n]) + "/" for n in range(len(path_components), 0, -1)]
            page = Page.objects.filter(url_path__in=prefixes).order_by("-depth").first()
            if page is not None and page.path.startswith(self.path):
                depth_below_home = page.depth - self.depth
                return page.specific.route(request, path_components[depth_below_home:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from .selectors import home_page_sections

        context = super().get_context(request, *args, **kwargs)
        context.update(home_page_sections(home=self))
        return context
