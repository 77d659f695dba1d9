"""Queries of the weekly service: the ratings record behind the trend charts, and the issue archive.

The record is read in a fixed number of queries whatever its size: the topics, the span of the issues, the
issues of the period and the rated commentaries under them. Rows are plain values, not model instances, so
ten years of weeks stay cheap to read.
"""

import datetime
from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings
from django.db.models import Max, Min
from django.utils import translation
from wagtail.models import Page

from samvydat.core.selectors import for_readers

from .models import CommentaryPage, Topic, Trend, WeeklyIssuePage


class IssueRow(NamedTuple):
    path: str
    week_start: datetime.date
    week_end: datetime.date


class RatingRow(NamedTuple):  # tuples: ten years are thousands of rows, built on every request
    issue_path: str
    topic_key: str
    trend: str
    url: str


@dataclass(frozen=True)
class TopicRow:
    key: str
    name: str
    slug: str
    in_language: bool  # the topic has a version in the language asked for
    slugs: frozenset = field(default_factory=frozenset)  # its slugs in every language, for the ``topic`` filter
    ids: frozenset = field(default_factory=frozenset)  # the primary keys of all its versions


def _below(index, levels: int) -> dict:
    """Filter for the pages ``levels`` below ``index``: a range on ``path`` (as treebeard's own get_children),
    which the path index serves; ``path__startswith`` becomes a LIKE that SQLite answers with a full scan."""
    return {"depth": index.depth + levels, "path__range": _span(index.path, levels)}


def _span(path: str, levels: int) -> tuple[str, str]:
    alphabet = Page.alphabet
    return path + alphabet[0] * (Page.steplen * levels), path + alphabet[-1] * (Page.steplen * levels)


def issue_span(*, index) -> tuple[datetime.date | None, datetime.date | None]:
    """The first and the latest week_start of the live issues under ``index`` (None, None when there is none)."""
    span = (
        for_readers(WeeklyIssuePage.objects)
        .filter(**_below(index, 1))
        .aggregate(first=Min("week_start"), last=Max("week_start"))
    )
    return span["first"], span["last"]


def issue_rows(*, index, since: datetime.date | None = None) -> list[IssueRow]:
    """The live issues under ``index`` (those of ``since`` or later), oldest first."""
    rows = for_readers(WeeklyIssuePage.objects).filter(**_below(index, 1))
    if since is not None:
        rows = rows.filter(week_start__gte=since)
    rows = rows.order_by("week_start", "path").values_list("path", "week_start", "week_end")
    return [IssueRow(path, start, end or start) for path, start, end in rows]


def rating_rows(
    *, index, base_url: str, issue_paths=None, topic: "TopicRow | None" = None, topics=()
) -> list[RatingRow]:
    """The rated commentaries (with a topic and a trend) under ``index``, in tree order.

    ``issue_paths``: only those issues' commentaries (None: all); ``topic``: only that topic's; ``topics``: every
    TopicRow, to name each rating's topic by its translation key (commentaries point at one language's version).
    """
    rows = for_readers(CommentaryPage.objects).filter(**_below(index, 2), topic__isnull=False, trend__in=Trend.values)
    if issue_paths is not None:
        issue_paths = set(issue_paths)
        if not issue_paths:
            return []
        # narrow the range to the issues asked for; the exact choice is made below
        rows = rows.filter(path__range=(_span(min(issue_paths), 1)[0], _span(max(issue_paths), 1)[1]))
    if topic is not None:
        rows = rows.filter(topic_id__in=topic.ids)
    keys = {pk: row.key for row in topics for pk in row.ids}
    cut, parent = len(index.url_path), (index.depth + 1) * Page.steplen
    result = []
    for path, url_path, trend, topic_id in rows.order_by("path").values_list("path", "url_path", "trend", "topic_id"):
        issue_path = path[:parent]
        if issue_paths is None or issue_path in issue_paths:
            result.append(RatingRow(issue_path, keys.get(topic_id, ""), trend, base_url + url_path[cut:]))
    return result


def topic_rows(*, language: str) -> list[TopicRow]:
    """Every topic once (by translation key), named in ``language`` where translated, sorted by that name.

    A topic without a version in this language is named in the site's default language, else any; callers
    decide whether to show it (the dashboard does only when this language's commentaries use it).
    """
    default = settings.LANGUAGE_CODE
    versions: dict[str, list[tuple]] = {}
    rows = Topic.objects.values_list("translation_key", "locale__language_code", "name", "slug", "pk")
    for key, code, name, slug, pk in rows:
        versions.setdefault(str(key), []).append((code != language, code != default, code, name, slug, pk))
    topics = []
    for key, options in versions.items():
        options.sort()
        _other, _not_default, code, name, slug, _pk = options[0]
        topics.append(
            TopicRow(
                key=key,
                name=name,
                slug=slug,
                in_language=code == language,
                slugs=frozenset(option[4] for option in options),
                ids=frozenset(option[5] for option in options),
            )
        )
    return sorted(topics, key=lambda topic: (topic.name.casefold(), topic.key))


class ArchiveIssue(NamedTuple):
    title: str
    url: str
    week_start: str  # ISO date, for <time datetime>
    week_label: str


def archive_years(*, index, base_url: str) -> list[tuple[int, list[ArchiveIssue]]]:
    """The live issues under ``index`` grouped by year, latest year and latest issue first: [(year, [issue…])].

    ``base_url`` is the index's address; the issues' addresses are derived from it (no per-issue URL lookup).
    """
    from .charts import week_label

    language = translation.get_language() or ""
    rows = (
        for_readers(WeeklyIssuePage.objects)
        .filter(**_below(index, 1))
        .order_by("-week_start", "-path")
        .values_list("title", "url_path", "week_start", "week_end")
    )
    cut = len(index.url_path)
    years: dict[int, list[ArchiveIssue]] = {}
    for title, url_path, start, end in rows:
        label = week_label(language, start, end or start)
        issue = ArchiveIssue(title, base_url + url_path[cut:], start.isoformat(), label)
        years.setdefault(start.year, []).append(issue)
    return list(years.items())


@dataclass
class TrendDashboard:
    period: str
    axis: object  # charts.Axis
    topics: list[TopicRow]  # the topics one may filter by
    topic: TopicRow | None  # the topic filtered by, if any
    charts: list  # charts.TopicChart, one per topic shown


def trend_dashboard(*, index, base_url: str, language: str, period=None, topic=None, topic_url) -> TrendDashboard:
    """Everything the trend charts of one language need, in four queries whatever the number of weeks.

    ``index``: the language's weekly index (any Page with ``path``, ``depth``, ``url_path``); ``base_url``: its
    address. ``period`` and ``topic`` are raw GET values: anything unknown means the default (all topics).
    ``topic_url(topic_row)`` gives the address of a topic's page.
    """
    from . import charts

    period = charts.parse_period(period)
    all_topics = topic_rows(language=language)
    chosen = _chosen_topic(all_topics, topic)
    first, last = issue_span(index=index)
    if first is None:
        axis, ratings = charts.Axis(slots=[], slot_of_issue={}), []
    else:
        start, end = charts.period_span(first, last, period)
        issues = issue_rows(index=index, since=start if start > first else None)
        axis = charts.week_axis(issues, start, end)
        ratings = rating_rows(
            index=index,
            base_url=base_url,
            issue_paths=None if len(axis.slot_of_issue) == len(issues) and start <= first else axis.slot_of_issue,
            topic=chosen,
            topics=all_topics,
        )
    used = {rating.topic_key for rating in ratings}
    topics = [row for row in all_topics if row.in_language or row.key in used or row == chosen]
    shown = [chosen] if chosen else topics
    return TrendDashboard(
        period=period,
        axis=axis,
        topics=topics,
        topic=chosen,
        charts=charts.build_charts(axis=axis, topics=shown, ratings=ratings, topic_url=topic_url),
    )


def _chosen_topic(topics: list[TopicRow], value) -> TopicRow | None:
    if not isinstance(value, str) or not value:
        return None
    for row in topics:
        if value == row.slug:
            return row
    for row in topics:
        if value in row.slugs:
            return row
    return None
