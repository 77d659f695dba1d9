"""``core.selectors.for_readers``: no page under a view restriction — on itself or on any ancestor — in one query."""

import pytest
from wagtail.models import PageViewRestriction

from samvydat.core.selectors import for_readers
from samvydat.news.models import NewsIndexPage, NewsPage
from samvydat.weekly.models import CommentaryPage

pytestmark = pytest.mark.django_db


def test_a_restricted_section_hides_every_page_below_it_and_nothing_else(django_assert_num_queries):
    index = NewsIndexPage.objects.get(locale__language_code="en")
    below = set(NewsPage.objects.live().descendant_of(index).values_list("pk", flat=True))
    others = set(CommentaryPage.objects.live().filter(locale__language_code="en").values_list("pk", flat=True))
    assert below and others
    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
    with django_assert_num_queries(1):
        shown = set(for_readers(NewsPage.objects).values_list("pk", flat=True))
    assert not shown & below
    assert (
        set(for_readers(CommentaryPage.objects.filter(locale__language_code="en")).values_list("pk", flat=True))
        == others
    )


def test_a_restriction_on_one_page_hides_that_page_alone():
    pages = list(NewsPage.objects.live().filter(locale__language_code="en").order_by("path")[:2])
    PageViewRestriction.objects.create(page=pages[0], restriction_type=PageViewRestriction.PASSWORD, password="x")
    shown = set(for_readers(NewsPage.objects).values_list("pk", flat=True))
    assert pages[0].pk not in shown and pages[1].pk in shown
    assert shown == set(NewsPage.objects.live().public().values_list("pk", flat=True))  # what Wagtail's public() says
