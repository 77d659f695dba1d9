"""The admin's page search, answered by our index (same analysis as the public search: any spelling, any form).

Wagtail's own view (``wagtail.admin.views.pages.search.SearchView``) keeps its permissions, columns, ordering and
content-type filter; only the text matching changes. Editors see drafts and private pages too, in every language.
Wagtail's ``live:yes`` / ``live:no`` filters in the query still work.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Count, IntegerField, When
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.pages.search import SearchView
from wagtail.models import Page
from wagtail.search.utils import parse_query_string

from .selectors import search

MAX_MATCHES = 1000


class IndexedPageSearchView(SearchView):
    def get_queryset(self):
        filters, _ = parse_query_string(self.search_query or "")
        words = " ".join(part for part in (self.search_query or "").split() if ":" not in part)
        self.all_pages = Page.objects.all()
        if getattr(settings, "WAGTAILADMIN_PAGE_SEARCH_FILTER_BY_PERMISSIONS", True):
            explorable = self.permission_policy.explorable_instances(self.request.user).values_list("pk", flat=True)
            self.all_pages = self.all_pages.filter(pk__in=explorable)
        live = (filters.get("live") or filters.get("published") or "").lower()
        if live in ("yes", "true"):
            self.all_pages = self.all_pages.filter(live=True)
        elif live in ("no", "false"):
            self.all_pages = self.all_pages.filter(live=False)
        ids = None
        if words.strip():
            ids = _matching_page_ids(words, language=self.request.LANGUAGE_CODE)
            self.all_pages = self.all_pages.filter(pk__in=ids)
        pages = self.all_pages
        if self.show_locale_labels:
            pages = pages.select_related("locale")
        if self.selected_content_type:
            pages = pages.filter(content_type=self.selected_content_type)
        pages = self.annotate_queryset(pages)
        if self.ordering:
            pages = pages.order_by(self.ordering)
        elif ids:
            ranking = Case(*[When(pk=pk, then=rank) for rank, pk in enumerate(ids)], output_field=IntegerField())
            pages = pages.annotate(search_rank=ranking).order_by("search_rank")
        else:
            pages = pages.order_by("-latest_revision_created_at")
        counts = self.all_pages.order_by().values("content_type").annotate(n=Count("pk"))
        self.content_types = [(ContentType.objects.get_for_id(row["content_type"]), row["n"]) for row in counts]
        return pages


def _matching_page_ids(words: str, *, language: str) -> list[int]:
    results = search(
        query=words,
        language=language,
        all_languages=True,
        public_only=False,
        with_facets=False,
        per_page=MAX_MATCHES,
    )
    return [document.page_id for document in results.documents]


_views: dict[bool, object] = {}


@require_admin_access
def admin_page_search(request, *, results_only: bool = False):
    """Wagtail's page search view, built by Wagtail's own page viewset, with our class in place of its own."""
    from wagtail.admin.viewsets.pages import page_viewset_registry

    if results_only not in _views:
        viewset = page_viewset_registry.get_by_type(Page)
        _views[results_only] = viewset.construct_view(IndexedPageSearchView, results_only=results_only)
    return _views[results_only](request)
