"""The trend chart geometry and markup (weekly/charts.py), on made-up rows: no database."""

import datetime
import re
from types import SimpleNamespace

import pytest
from django.utils import translation

from samvydat.weekly import charts

D = datetime.date
MONDAY = D(2021, 2, 8)


def issue(week: datetime.date, n: int):
    return SimpleNamespace(path=f"0001000100{n:02d}", week_start=week, week_end=week + datetime.timedelta(6))


def rating(n: int, trend: str, topic: str = "t1"):
    return SimpleNamespace(issue_path=f"0001000100{n:02d}", topic_key=topic, trend=trend, url=f"/en/c/{topic}-{n}/")


TOPICS = [
    SimpleNamespace(key="t1", name="Economy", slug="economy"),
    SimpleNamespace(key="t2", name="Media", slug="media"),
]


def build(weeks: list[datetime.date], ratings: list, period: str = "all", topics=TOPICS):
    issues = [issue(week, n) for n, week in enumerate(weeks)]
    start, end = charts.period_span(weeks[0], weeks[-1], period)
    axis = charts.week_axis(issues, start, end)
    return charts.build_charts(axis=axis, topics=topics, ratings=ratings, topic_url=lambda t: f"/topics/{t.slug}/")


def weekly(count: int, start: datetime.date = MONDAY) -> list[datetime.date]:
    return [start + datetime.timedelta(weeks=n) for n in range(count)]


def marks(svg: str) -> list[tuple[str, str, str]]:
    """(href, title, trend) of every mark in a strip."""
    return re.findall(r'<a href="([^"]+)"><title>([^<]+)</title><use href="#[\w-]+-(\w+)"', svg)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_one_mark_per_rated_week_with_shape_label_and_link():
    trends = ["improved", "unchanged", "worsened", "worsened", "improved"]
    chart = build(weekly(5), [rating(n, trend) for n, trend in enumerate(trends)])[0]
    svg = chart.strip_svg()
    found = marks(svg)
    assert [trend for _href, _title, trend in found] == trends
    assert [href for href, _title, _trend in found] == [f"/en/c/t1-{n}/" for n in range(5)]
    assert found[0][1] == "February 8 – February 14, 2021: The situation has gotten better"
    assert found[2][1] == "February 22 – February 28, 2021: The situation has gotten worse"
    # the shapes differ, not only the colours: a triangle up, a circle, a triangle down
    improved = re.search(r'<g id="trend-1-improved">.*?</g>', svg).group()
    unchanged = re.search(r'<g id="trend-1-unchanged">.*?</g>', svg).group()
    worsened = re.search(r'<g id="trend-1-worsened">.*?</g>', svg).group()
    assert "<polygon" in improved and "<circle" in unchanged and "<polygon" in worsened
    up = [float(v) for v in re.search(r'points="([^"]+)"', improved).group(1).replace(",", " ").split()]
    down = [float(v) for v in re.search(r'points="([^"]+)"', worsened).group(1).replace(",", " ").split()]
    assert up[1] < 0 < down[1]  # the apex points up (SVG y grows downwards) for improved, down for worsened
    assert 'role="group"' in svg and "<title id=" in svg and "<desc id=" in svg


def test_cumulative_values_and_counts():
    trends = ["improved", "improved", "unchanged", "worsened", "worsened", "worsened"]
    chart = build(weekly(6), [rating(n, trend) for n, trend in enumerate(trends)])[0]
    assert [mark.cumulative for mark in chart.marks] == [1, 2, 2, 1, 0, -1]
    assert chart.counts == {"improved": 2, "unchanged": 1, "worsened": 3}
    assert chart.balance_label == "\u22121"
    table = chart.table_html()
    assert table.startswith('<div class="visually-hidden"><table>')
    cells = re.findall(r"<td>([^<]*)</td></tr>", table)
    assert cells == ["+1", "+2", "+2", "+1", "0", "\u22121"]
    line = chart.line_svg()
    assert 'role="img"' in line and "At the end: \u22121 (lowest \u22121, highest +2)" in line


def test_scale_is_shared_by_the_topics_on_a_page():
    ratings = [rating(n, "improved") for n in range(4)] + [rating(n, "worsened", "t2") for n in range(2)]
    first, second = build(weekly(4), ratings)
    assert first.scale == second.scale == (-2, 4)


def test_gap_of_several_weeks_leaves_empty_slots_and_a_dotted_bridge():
    weeks = weekly(2) + weekly(2, MONDAY + datetime.timedelta(weeks=6))  # four weeks without an issue
    chart = build(weeks, [rating(n, "worsened") for n in range(4)])[0]
    assert len(chart.axis.slots) == 8
    assert [mark.index for mark in chart.marks] == [0, 1, 6, 7]
    assert len(marks(chart.strip_svg())) == 4
    line = chart.line_svg()
    assert line.count('class="trend-chart__bridge"') == 1
    assert line.count('class="trend-chart__path"') == 2
    # the weeks without issue are not in the table either
    assert chart.table_html().count('<tr><th scope="row">') == 4


def test_unrated_week_with_an_issue_is_a_gap_too():
    ratings = [rating(0, "improved"), rating(2, "unchanged"), SimpleNamespace(**{**vars(rating(1, "")), "trend": ""})]
    chart = build(weekly(3), ratings)[0]
    assert [mark.index for mark in chart.marks] == [0, 2]


def test_a_single_week_draws_one_mark_and_a_dot():
    chart = build(weekly(1), [rating(0, "unchanged")])[0]
    assert len(marks(chart.strip_svg())) == 1
    line = chart.line_svg()
    assert 'class="trend-chart__dot"' in line and "<polyline" not in line
    assert chart.axis.width < charts.WIDTH  # a short record takes only the room it needs


def test_a_new_topic_without_ratings_draws_nothing_and_says_so():
    economy, media = build(weekly(3), [rating(n, "improved") for n in range(3)])
    assert economy.marks and not media.marks
    assert media.strip_svg() == media.line_svg() == media.table_html() == ""
    assert media.balance == 0


def test_no_issue_at_all():
    axis = charts.week_axis([], MONDAY, MONDAY - datetime.timedelta(weeks=1))
    assert axis.slots == [] and axis.label == ""
    assert charts.build_charts(axis=axis, topics=TOPICS, ratings=[], topic_url=str)[0].marks == []


@pytest.mark.parametrize(("period", "weeks"), [("3m", 13), ("12m", 52), ("all", 60), ("bogus", 52), (None, 52)])
def test_periods_end_with_the_latest_issue(period, weeks):
    all_weeks = weekly(60)
    start, end = charts.period_span(all_weeks[0], all_weeks[-1], period)
    assert end == all_weeks[-1]
    assert (end - start).days // 7 + 1 == weeks


def test_period_never_starts_before_the_first_issue():
    start, end = charts.period_span(MONDAY, MONDAY + datetime.timedelta(weeks=3), "12m")
    assert (start, end) == (MONDAY, MONDAY + datetime.timedelta(weeks=3))


def test_two_commentaries_on_one_topic_in_one_week_give_one_mark():
    chart = build(weekly(1), [rating(0, "worsened"), rating(0, "improved")])[0]
    assert [(mark.index, mark.trend) for mark in chart.marks] == [(0, "worsened")]


def test_ten_years_fold_into_a_row_per_year():
    weeks = weekly(520, D(2016, 1, 4))
    chart = build(weeks, [rating(n, "unchanged") for n in range(520)], topics=TOPICS[:1])[0]
    assert not chart.axis.one_row and chart.axis.years == list(range(2016, 2026))
    svg = chart.strip_svg()
    assert len(marks(svg)) == 520
    years = re.findall(r'class="trend-chart__year"[^>]*>(\d{4})<', svg)
    assert years == [str(year) for year in range(2016, 2026)]
    # every mark lies inside the drawing
    height = chart.axis.strip_height
    for x, y in re.findall(r'<use href="#[\w-]+" x="([\d.]+)" y="([\d.]+)"', svg):
        assert 0 < float(x) < charts.WIDTH and 0 < float(y) < height


def test_markup_is_escaped():
    topics = [SimpleNamespace(key="t1", name='<b>"Topic"</b>', slug="x")]
    bad = SimpleNamespace(issue_path="000100010000", topic_key="t1", trend="improved", url='/a"><script>x</script>')
    chart = build(weekly(1), [bad], topics=topics)[0]
    for html in (chart.strip_svg(), chart.line_svg(), chart.table_html()):
        assert "<script>" not in html and "<b>" not in html


@pytest.mark.parametrize("lang", ["be", "ru"])
def test_labels_follow_the_language(lang):
    with translation.override(lang):
        chart = build(weekly(1), [rating(0, "worsened")])[0]
        title = marks(chart.strip_svg())[0][1]
    assert title.startswith("8–14 ") and "2021: " in title
