"""The relevance test set (``relevance_set.py``) run against the search over the demo content.

Each case searches like a reader would (``selectors.search``) and looks for its expected pages in the top 10.
``test_recall_at_10`` prints the mean recall@10 over every case, known misses included, and holds it to the
issue's goal (≥ 0.95).
"""

from __future__ import annotations

import pytest
from django.apps import apps

from samvydat.core.models import BasePage
from samvydat.search import selectors

from .relevance_set import CASES, NEGATIVES, RANKINGS, Case, PageRef

pytestmark = pytest.mark.django_db

TOP = 10
RECALL_GOAL = 0.95
DEEP = 100  # how far the ranking checks look for the lower page


def _params(items):
    return [
        pytest.param(item, id=item.id, marks=[pytest.mark.xfail(strict=True, reason=item.xfail)] if item.xfail else [])
        for item in items
    ]


def _page_models() -> list[type[BasePage]]:
    return [model for model in apps.get_models() if issubclass(model, BasePage)]


_ids: dict[PageRef, int] = {}
_refs: dict[int, PageRef] = {}


def page_id(ref: PageRef) -> int:
    """The id of the page with this package key in this language (the demo is imported once per session)."""
    if ref not in _ids:
        key, language = ref
        found = [
            pk
            for model in _page_models()
            for pk in model.objects.filter(package_key=key, locale__language_code=language).values_list("pk", flat=True)
        ]
        assert len(found) == 1, f"the demo should hold exactly one page {key} in {language}, not {len(found)}"
        _ids[ref] = found[0]
    return _ids[ref]


def describe(page_ids) -> list[str]:
    """Readable names of result pages, for failure messages."""
    missing = [pk for pk in page_ids if pk not in _refs]
    if missing:
        for model in _page_models():
            for pk, key, language in model.objects.filter(pk__in=missing).values_list(
                "pk", "package_key", "locale__language_code"
            ):
                _refs[pk] = (key, language)
    return [f"{_refs[pk][0]}.{_refs[pk][1]}" if pk in _refs else f"page {pk}" for pk in page_ids]


def ranked(item, *, limit: int = TOP) -> list[int]:
    results = selectors.search(
        query=item.query,
        language=item.language,
        all_languages=item.all_languages,
        per_page=limit,
        with_facets=False,
    )
    return [document.page_id for document in results.documents]


def recall(case: Case) -> float:
    top = set(ranked(case))
    return sum(page_id(ref) in top for ref in case.expected) / len(case.expected)


@pytest.mark.parametrize("case", _params(CASES))
def test_expected_pages_are_in_the_top_10(case):
    top = ranked(case)
    missing = [f"{key}.{language}" for key, language in case.expected if page_id((key, language)) not in top]
    assert not missing, f"{case.id!r}: missing {missing}; the top {TOP} was {describe(top)}"


@pytest.mark.parametrize("ranking", _params(RANKINGS))
def test_exact_title_ranks_above_variants_in_the_body(ranking):
    order = ranked(ranking, limit=DEEP)
    above = page_id(ranking.above)
    assert above in order, f"{ranking.id!r}: {ranking.above} not found; got {describe(order[:TOP])}"
    for ref in ranking.below:
        below = page_id(ref)
        assert below in order, f"{ranking.id!r}: {ref} not found at all; got {describe(order[:TOP])}"
        assert order.index(above) < order.index(below), (
            f"{ranking.id!r}: {ranking.above} (position {order.index(above) + 1}) should rank above {ref} "
            f"(position {order.index(below) + 1}); got {describe(order[:TOP])}"
        )


@pytest.mark.parametrize("negative", _params(NEGATIVES))
def test_unrelated_pages_stay_out_of_the_top_10(negative):
    top = ranked(negative)
    intruders = [f"{key}.{language}" for key, language in negative.absent if page_id((key, language)) in top]
    assert not intruders, f"{negative.id!r}: {intruders} should not be in the top {TOP}: {describe(top)}"


def test_the_set_is_big_enough():
    for language in ("en", "be", "ru"):
        assert sum(case.language == language for case in CASES) >= 22, language
    assert len(CASES) >= 66
    assert sum(case.all_languages for case in CASES) >= 3


def test_recall_at_10(capsys):
    figures = {case.id: recall(case) for case in CASES}
    mean = sum(figures.values()) / len(figures)
    misses = {name: round(value, 2) for name, value in figures.items() if value < 1}
    with capsys.disabled():
        print(f"\nrecall@{TOP} over {len(figures)} relevance cases: {mean:.4f} (below 1: {misses or 'none'})")
    assert mean >= RECALL_GOAL, f"recall@{TOP} {mean:.4f} < {RECALL_GOAL}; misses: {misses}"
