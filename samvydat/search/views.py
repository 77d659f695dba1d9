"""The search page (``/<lang>/search/``) and its suggestions (``/<lang>/search/suggest/?q=``): GET only, no cookie."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.formats import number_format
from django.views.decorators.http import require_GET

from . import forms, presenters, selectors, suggestions
from .budget import RETRY_AFTER_SECONDS, SearchTimeout, search_time_budget


@require_GET
def search_view(request):
    params = forms.parse(request.GET)
    language = translation.get_language()
    search_cut = False
    try:
        with search_time_budget():
            results = selectors.search(
                query=params.query,
                language=language,
                all_languages=params.all_languages,
                filters=params.filters,
                sort=params.sort,
                page=params.page,
            )
            did_you_mean = suggestions.did_you_mean(params.query, language=language) if results.total < 3 else None
    except SearchTimeout:
        search_cut, did_you_mean = True, None
        results = selectors.Results(
            query=params.query,
            language=language,
            all_languages=params.all_languages,
            filters=params.filters,
            sort=params.sort,
            total=0,
            page=1,
            num_pages=1,
            documents=[],
        )
    page = results.page
    context = {
        "total_display": number_format(results.total, force_grouping=True),
        "language_name": translation.get_language_info(language)["name_local"],
        "all_languages_query": params.query_string(all="1"),
        "one_language_query": params.query_string(all=None),
        "date_sort_query": params.query_string(sort="date"),
        "relevance_sort_query": params.query_string(sort=None),
        "previous_query": params.query_string(page=page - 1 if page > 2 else None),
        "next_query": params.query_string(page=page + 1),
        "first_number": (page - 1) * selectors.PER_PAGE + 1,
        "params": params,
        "results": results,
        "hits": presenters.hits(results, language=language),
        "facets": presenters.facets(results, params, language=language),
        "did_you_mean": did_you_mean,
        "did_you_mean_query": params.query_string(q=did_you_mean) if did_you_mean else "",
        "alternate_urls": _alternates(request),
        "search_url": reverse("search"),
        "search_cut": search_cut,
    }
    response = render(request, "search/search_page.html", context, status=503 if search_cut else 200)
    if search_cut:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
    return response


def _alternates(request) -> dict[str, str]:
    """The same search on the other languages' sites (for the language switcher)."""
    query = request.GET.urlencode()
    alternates = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            alternates[code] = reverse("search") + (f"?{query}" if query else "")
    return alternates


@require_GET
def suggest_view(request):
    query = forms.parse(request.GET).query
    language = translation.get_language()
    try:
        with search_time_budget():
            found = suggestions.suggest(query, language=language)
    except SearchTimeout:
        found = []  # suggestions are a nicety: none rather than a held worker
    return JsonResponse(
        {"query": query, "suggestions": found},
        json_dumps_params={"ensure_ascii": False},
    )
