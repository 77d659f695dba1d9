"""``?search=`` in the content API: samvydat's own search, not Wagtail's search backend.

Wagtail's ``SearchFilter`` sent the words to its database backend: ``?search=the`` took minutes on a 10,000-page
site and ``?search="a`` was an FTS syntax error answered as a lost database. Here:

- pages are found in samvydat's index (``search.selectors.ranked_page_ids``): the analysis, query cut and index of
  the search page (``/<lang>/search/``), so spellings are found the same way and no input is FTS syntax; at most
  ``MAX_RESULTS`` best matches, best first unless ``?order=`` asks otherwise; ``?locale=`` searches one language
  (analysed as it), otherwise all of them;
- images and documents (not in that index) are matched on their titles, every word (or any, with
  ``search_operator=or``);
- everything runs inside ``search.budget.search_time_budget``: a search that runs out of time raises
  ``SearchTimeout``, answered by ``views`` with a JSON 503 and ``Retry-After``.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Case, IntegerField, Q, When
from django.http import QueryDict
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.utils import BadRequestError

from samvydat.search import analysis, forms, selectors
from samvydat.search.budget import search_time_budget

MAX_RESULTS = 1_000  # the best matches a search can list (50 pages of the API's largest limit)


def search_words(request) -> str | None:
    """The search words as the search page reads them (control characters dropped, cut), or ``None``: no search."""
    if "search" not in request.GET:
        return None
    as_search_page = QueryDict(mutable=True)
    as_search_page["q"] = request.GET["search"]
    return forms.parse(as_search_page).query


def _any_word(request) -> bool:
    return request.GET.get("search_operator") == "or"


def _language(request) -> tuple[str, bool]:
    """(the language the words are analysed in, whether every language is searched)."""
    locale = request.GET.get("locale", "")
    if locale in analysis.LANGUAGES:
        return locale, False
    return settings.LANGUAGE_CODE, True


def _search_query(request, queryset) -> str | None:
    """The ``search`` words of ``request`` (None without any); a search cannot be combined with a tag filter."""
    query = search_words(request)
    if query is not None and getattr(queryset, "_filtered_by_tag", False):
        raise BadRequestError("filtering by tag with a search query is not supported")
    return query


class PageSearchFilter(BaseFilterBackend):
    """Keeps the pages of the queryset that samvydat's search finds, best first (unless ordered)."""

    def filter_queryset(self, request, queryset, view):
        query = _search_query(request, queryset)
        if query is None:
            return queryset
        language, all_languages = _language(request)
        with search_time_budget():
            ids = selectors.ranked_page_ids(
                query=query,
                language=language,
                all_languages=all_languages,
                any_word=_any_word(request),
                limit=MAX_RESULTS,
            )
        queryset = queryset.filter(pk__in=ids)
        if "order" in request.GET:
            return queryset
        rank = Case(*[When(pk=pk, then=position) for position, pk in enumerate(ids)], output_field=IntegerField())
        return queryset.order_by(rank, "pk") if ids else queryset


class TitleSearchFilter(BaseFilterBackend):
    """Images and documents whose title holds every word of the search (any, with ``search_operator=or``)."""

    def filter_queryset(self, request, queryset, view):
        query = _search_query(request, queryset)
        if query is None:
            return queryset
        words = list(dict.fromkeys(query.split()))[: analysis.MAX_QUERY_TERMS]
        if not words:
            return queryset.none()
        conditions = [Q(title__icontains=word) for word in words]
        combined = conditions[0]
        for condition in conditions[1:]:
            combined = (combined | condition) if _any_word(request) else (combined & condition)
        return queryset.filter(combined)
