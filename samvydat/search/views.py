"""The search page (``/<lang>/search/``) and its suggestions (``/<lang>/search/suggest/?q=``): GET only, no cookie.

Both answer ``Cache-Control: private, no-store``: what a reader searched for is not kept by nginx, a CDN or the
browser's disk cache. Repeated searches are answered from this worker's memory (``memo.py``), never from a disk.
"""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.formats import number_format
from django.views.decorators.http import require_GET

from . import attack_mode, forms, presenters, selectors, suggestions
from .budget import RETRY_AFTER_SECONDS, SearchTimeout, search_time_budget
from .memo import memo, memo_key, normalised_query


@require_GET
def search_view(request):
    language = translation.get_language()
    if attack_mode.is_under_attack():
        return _private(attack_mode.light_search_response(request, language=language))
    params = forms.parse(request.GET)
    key = memo_key("page", language, normalised_query(params.query), params.query_string(q=None, page=params.page))

    def run_search():
        with attack_mode.timed_search(), search_time_budget():
            return _search(params, language)

    search_cut = False
    try:
        results, did_you_mean = memo.remembered(key, run_search)
    except SearchTimeout:  # nothing is remembered: the next reader's search runs again
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
        "view_title": translation.gettext("Search"),  # what the page says when shared (feeds.sharing)
        "search_url": reverse("search"),
        "search_cut": search_cut,
    }
    response = render(request, "search/search_page.html", context, status=503 if search_cut else 200)
    if search_cut:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return _private(response)


def _search(params, language: str):
    """What the search page shows for ``params``: the results, and "did you mean" when they are few."""
    results = selectors.search(
        query=params.query,
        language=language,
        all_languages=params.all_languages,
        filters=params.filters,
        sort=params.sort,
        page=params.page,
    )
    did_you_mean = suggestions.did_you_mean(params.query, language=language) if results.total < 3 else None
    return results, did_you_mean


def _private(response):
    patch_cache_control(response, private=True, no_store=True)
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
    if attack_mode.is_under_attack():  # the static search has no suggestions
        return _private(JsonResponse({"query": query, "suggestions": []}, json_dumps_params={"ensure_ascii": False}))

    def run_suggest():
        with search_time_budget():
            return suggestions.suggest(query, language=language)

    try:
        found = memo.remembered(memo_key("suggest", language, normalised_query(query)), run_suggest)
    except SearchTimeout:
        found = []  # suggestions are a nicety: none rather than a held worker
    return _private(JsonResponse({"query": query, "suggestions": found}, json_dumps_params={"ensure_ascii": False}))
