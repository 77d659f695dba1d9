"""Trend charts drawn on the server as inline SVG (no JavaScript, nothing loaded from elsewhere).

A chart shows one topic over a run of weeks (the *axis*, shared by every topic on a page so they line up):

* the **strip**: one mark per rated week, ▲ improved, ● unchanged, ▼ worsened — told apart by shape, by the
  legend and each mark's label, and by colour last. Each mark links to its commentary. Weeks without a rating
  are left empty. Up to a year of weeks sits on one row; longer records get one row per calendar year, like a
  wall calendar, so marks stay big enough to click even for ten years. Every week is ``STEP`` units wide and a
  unit is drawn as one CSS pixel, so a chart keeps its scale — marks and text the same size — from its first
  week to its 520th: a short record is narrow, a long one scrolls sideways inside its frame on a small screen;
* the **cumulative line**: the running sum of +1 / 0 / −1 since the first week shown, on a scale shared by the
  topics on the page. Weeks without a rating keep the sum where it was and are bridged by a dotted segment;
* a **table** (visually hidden) with the same data for screen readers.

Markup is built with plain string operations rather than template loops: ten years of six topics is
~3,000 marks plus ~3,000 table rows, which Django's template engine would take longer to render than the
whole page budget (bench/dashboard.py). Everything interpolated is escaped here.

The module does no database work; ``selectors.trend_dashboard`` feeds it.
"""

import datetime
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from html import escape

from django.utils import dateformat, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_lazy, pgettext_lazy

from samvydat.core.dates import local_date, week_range

#: GET ``period`` value → number of weeks shown (None: every week). The period ends with the latest issue
#: (not today), so an archive that paused still shows its last months instead of an empty chart.
PERIODS = {"3m": 13, "12m": 52, "all": None}
PERIOD_LABELS = {
    "3m": gettext_lazy("Last 3 months"),
    "12m": gettext_lazy("Last 12 months"),
    "all": gettext_lazy("All weeks"),
}
DEFAULT_PERIOD = "12m"

SYMBOLS = {"improved": "▲", "unchanged": "●", "worsened": "▼"}
STEPS = {"improved": 1, "unchanged": 0, "worsened": -1}
SHORT_LABELS = {
    "improved": pgettext_lazy("trend, short", "Better"),
    "unchanged": pgettext_lazy("trend, short", "No change"),
    "worsened": pgettext_lazy("trend, short", "Worse"),
}

# Geometry, in viewBox units, drawn one unit to a CSS pixel (the SVG's width and height attributes; the CSS
# never stretches a chart to its container, which made charts jump in size as weeks were added).
STEP = 16  # every week's width, whatever the number of weeks shown
LEFT = 44  # gutter for year labels and the line's scale
RIGHT = 10
ONE_ROW_MAX = 53  # weeks drawn on a single row; more get a row per year
PLOT = STEP * ONE_ROW_MAX
WIDTH = LEFT + PLOT + RIGHT  # the widest chart: a year of weeks, or a row per year
ROW = 28  # height of the single strip row
YEAR_ROW = 18  # height of a row per year
HEADER = 14  # month names above the rows per year
TICKS = 16  # month names under the single row
LINE_HEIGHT = 84
LINE_PAD = 10
YEAR_AXIS = 14  # year labels under the line of a long record


def parse_period(value) -> str:
    """The ``period`` GET value if it is one we know, else the default (bad input never fails)."""
    return value if isinstance(value, str) and value in PERIODS else DEFAULT_PERIOD


def monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def signed(value: int) -> str:
    """+3, 0, −2 (with a real minus sign)."""
    if value > 0:
        return f"+{value}"
    if value < 0:
        return f"\u2212{-value}"
    return "0"


@dataclass
class Slot:
    """One week on the axis: its Monday, and the issue's own dates when there is one."""

    monday: datetime.date
    start: datetime.date
    end: datetime.date
    _label: str = ""

    @property
    def label(self) -> str:
        if not self._label:
            self._label = week_label(translation.get_language() or "", self.start, self.end)
        return self._label


@lru_cache(maxsize=4096)
def week_label(language: str, start: datetime.date, end: datetime.date) -> str:
    """``core.dates.week_range``, remembered: Django's date formatting costs ~50 µs a call, and ten years of
    weeks would spend 25 ms of every request on labels that never change (about 10 years × 3 languages fit)."""
    return week_range(start, end)


def period_span(first: datetime.date, last: datetime.date, period: str) -> tuple[datetime.date, datetime.date]:
    """The Mondays that open the first and the last week shown: ``period`` back from the latest issue's week,
    but never before the first issue's."""
    start, end = monday(first), monday(last)
    weeks = PERIODS[parse_period(period)]
    if weeks is not None:
        start = max(start, end - datetime.timedelta(weeks=weeks - 1))
    return start, end


class Axis:
    """The weeks shown (one slot per calendar week, issue or not, so missing weeks show as gaps) and the
    geometry every chart on the page shares."""

    def __init__(self, slots: list[Slot], slot_of_issue: dict[str, int]):
        self.slots = slots
        self.slot_of_issue = slot_of_issue  # issue path → slot index

    @property
    def first(self) -> datetime.date | None:
        return self.slots[0].start if self.slots else None

    @property
    def last(self) -> datetime.date | None:
        return self.slots[-1].end if self.slots else None

    @cached_property
    def label(self) -> str:
        return week_range(self.first, self.last) if self.slots else ""

    # --- geometry -----------------------------------------------------------------------------------------
    @property
    def one_row(self) -> bool:
        """Up to a year of weeks on one row; longer records get a row per calendar year."""
        return len(self.slots) <= ONE_ROW_MAX

    @property
    def step(self) -> int:
        """A week's width: the same for six weeks and for ten years."""
        return STEP

    @cached_property
    def width(self) -> int:
        """A few weeks take only the room they need; a year and more the full width."""
        if self.one_row:
            return LEFT + STEP * len(self.slots) + RIGHT
        return WIDTH

    @cached_property
    def years(self) -> list[int]:
        return sorted({slot.monday.year for slot in self.slots})

    @property
    def row_height(self) -> int:
        return ROW if self.one_row else YEAR_ROW

    @property
    def strip_height(self) -> int:
        return ROW + TICKS if self.one_row else HEADER + YEAR_ROW * len(self.years) + 4

    @cached_property
    def strip_points(self) -> list[str]:
        """Per slot: ``x="…" y="…"`` of its mark's centre in the strip."""
        step, first_year = self.step, (self.years[0] if self.slots else 0)
        points = []
        for index, slot in enumerate(self.slots):
            if self.one_row:
                x, y = LEFT + step * (index + 0.5), ROW / 2
            else:
                column = (slot.monday - _first_monday(slot.monday.year)).days // 7
                x = LEFT + step * (column + 0.5)
                y = HEADER + (slot.monday.year - first_year) * YEAR_ROW + YEAR_ROW / 2
            points.append(f'x="{x:.1f}" y="{y:g}"')
        return points

    @cached_property
    def year_starts(self) -> list[tuple[int, int]]:
        """(year, index of its first slot) for every year the axis reaches into after its first."""
        starts = []
        for index, slot in enumerate(self.slots):
            if index and slot.monday.year != self.slots[index - 1].monday.year:
                starts.append((slot.monday.year, index))
        return starts

    @cached_property
    def line_x(self) -> list[float]:
        """Per slot: its x in the cumulative line (aligned with the strip when both are one row)."""
        if self.one_row:
            return [LEFT + self.step * (index + 0.5) for index in range(len(self.slots))]
        last = max(len(self.slots) - 1, 1)
        return [LEFT + PLOT * index / last for index in range(len(self.slots))]

    @cached_property
    def escaped_labels(self) -> list[str]:
        return [escape(slot.label) for slot in self.slots]


def week_axis(issues: list, start: datetime.date, end: datetime.date) -> Axis:
    """One slot per calendar week from the Monday ``start`` to the Monday ``end``; ``issues`` (oldest first, with
    ``path``, ``week_start``, ``week_end``) name their week. Issues outside the span are left out."""
    count = (end - start).days // 7 + 1 if end >= start else 0
    slots = [
        Slot(monday=day, start=day, end=day + datetime.timedelta(days=6))
        for day in (start + datetime.timedelta(weeks=i) for i in range(count))
    ]
    slot_of_issue = {}
    taken = set()
    for issue in issues:
        index = (monday(issue.week_start) - start).days // 7
        if not 0 <= index < count:
            continue
        slot_of_issue[issue.path] = index
        if index not in taken:  # two issues in one calendar week: the first names the week
            taken.add(index)
            slot = slots[index]
            slot.start, slot.end = issue.week_start, issue.week_end
    return Axis(slots=slots, slot_of_issue=slot_of_issue)


class Mark:
    __slots__ = ("index", "trend", "url", "cumulative")

    def __init__(self, index: int, trend: str, url: str, cumulative: int = 0):
        self.index = index  # slot index
        self.trend = trend
        self.url = url
        self.cumulative = cumulative


@dataclass
class TopicChart:
    key: str
    name: str
    slug: str
    url: str
    axis: Axis
    marks: list[Mark] = field(default_factory=list)
    scale: tuple[int, int] = (0, 1)
    uid: str = "chart"

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STEPS, 0)
        for mark in self.marks:
            counts[mark.trend] += 1
        return counts

    @property
    def balance(self) -> int:
        return self.marks[-1].cumulative if self.marks else 0

    @property
    def balance_label(self) -> str:
        return signed(self.balance)

    @property
    def summary(self) -> list[dict]:
        """Per trend: symbol, short label, count (for the visible line under the topic's name)."""
        counts = self.counts
        return [
            {"trend": trend, "symbol": SYMBOLS[trend], "label": SHORT_LABELS[trend], "count": counts[trend]}
            for trend in STEPS
        ]

    def _line_y(self, value: int) -> float:
        low, high = self.scale
        return LINE_PAD + (high - value) * (LINE_HEIGHT - 2 * LINE_PAD) / max(high - low, 1)

    # --- markup -------------------------------------------------------------------------------------------
    def strip_svg(self) -> SafeString:
        """The marks, each a link to its commentary named by its ``<title>`` ("<week>: <rating>").

        Each trend's shape (with the transparent hit area that makes small marks easy to click) is defined
        once and placed with ``<use>``, which keeps ten years of marks to a few hundred kilobytes.
        """
        if not self.marks:
            return mark_safe("")
        axis, uid = self.axis, self.uid
        width, height = axis.width, axis.strip_height
        title = gettext("Weekly ratings: %(topic)s, %(weeks)s") % {"topic": self.name, "weeks": axis.label}
        desc = gettext(
            "One mark per rated week: ▲ improved, ● unchanged, ▼ worsened. Each mark links to its commentary."
        )
        names = {trend: escape(label) for trend, label in trend_labels().items()}
        step, row = axis.step, axis.row_height
        radius = min(7.0, step * 0.42)
        hit = f'<rect class="trend-chart__hit" x="{-step / 2:.1f}" y="{-row / 2:g}" width="{step:.1f}" height="{row}"/>'
        defs = "".join(f'<g id="{uid}-{trend}">{hit}{_shape(trend, radius)}</g>' for trend in STEPS)
        parts = [
            f'<svg class="trend-chart__strip" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'role="group" aria-labelledby="{uid}-strip-title {uid}-strip-desc">'
            f'<title id="{uid}-strip-title">{escape(title)}</title><desc id="{uid}-strip-desc">{escape(desc)}</desc>'
            f"<defs>{defs}</defs>"
        ]
        parts.append('<g aria-hidden="true">')  # baselines and month names: decoration for screen readers
        parts.extend(self._strip_guides())
        parts.append("</g>")
        points, labels = axis.strip_points, axis.escaped_labels
        parts.extend(
            f'<a href="{escape(mark.url)}"><title>{labels[mark.index]}: {names[mark.trend]}</title>'
            f'<use href="#{uid}-{mark.trend}" {points[mark.index]}/></a>'
            for mark in self.marks
        )
        parts.append("</svg>")
        return mark_safe("".join(parts))

    def _strip_guides(self) -> list[str]:
        """Baselines (where empty weeks show as gaps), month names and, for long records, the years."""
        axis = self.axis
        step = axis.step
        parts = []
        if axis.one_row:
            end = LEFT + step * len(axis.slots)
            parts.append(f'<line class="trend-chart__base" x1="{LEFT}" y1="{ROW / 2}" x2="{end:.1f}" y2="{ROW / 2}"/>')
            # (priority, x, texts to try): years first, then months; the first week's month gets its year when
            # there is room for it
            ticks = []
            previous = None
            for index, slot in enumerate(axis.slots):
                month = (slot.monday.year, slot.monday.month)
                if month != previous:
                    previous = month
                    x = LEFT + step * index
                    name, year = _month(slot.monday), str(slot.monday.year)
                    if slot.monday.month == 1:
                        ticks.append((3, x, (year,)))
                    elif index == 0:
                        ticks.append((1, x, (f"{name} {year}", name)))
                    else:
                        ticks.append((2, x, (name,)))
            placed: list[tuple[float, float]] = []
            for _priority, x, texts in sorted(ticks, key=lambda tick: -tick[0]):
                for text in texts:
                    width = 7 * len(text) + 6  # roughly, at 11 px
                    if x + width > axis.width + 4 or any(x < left + w and left < x + width for left, w in placed):
                        continue
                    placed.append((x, width))
                    parts.append(
                        f'<text class="trend-chart__tick" x="{x:.1f}" y="{axis.strip_height - 3}">{escape(text)}</text>'
                    )
                    break
            return parts
        end = LEFT + step * ONE_ROW_MAX
        for row, year in enumerate(axis.years):
            y = HEADER + row * YEAR_ROW + YEAR_ROW / 2
            parts.append(f'<line class="trend-chart__base" x1="{LEFT}" y1="{y}" x2="{end:.1f}" y2="{y}"/>')
            parts.append(f'<text class="trend-chart__year" x="{LEFT - 6}" y="{y + 4}" text-anchor="end">{year}</text>')
        for month in range(1, 13):
            day = datetime.date(2001, month, 1)
            x = LEFT + step * ((day.timetuple().tm_yday - 1) / 7)
            parts.append(f'<text class="trend-chart__tick" x="{x:.1f}" y="{HEADER - 4}">{escape(_month(day))}</text>')
        return parts

    def line_svg(self) -> SafeString:
        """The cumulative balance as a line: an image with a text alternative."""
        if not self.marks:
            return mark_safe("")
        axis, uid = self.axis, self.uid
        low, high = self.scale
        values = [mark.cumulative for mark in self.marks]
        title = gettext("Cumulative balance: %(topic)s") % {"topic": self.name}
        desc = gettext(
            "+1 for each week the situation improved, −1 for each week it worsened, from %(start)s. "
            "At the end: %(end)s (lowest %(low)s, highest %(high)s)."
        ) % {
            "start": local_date(axis.first),
            "end": signed(values[-1]),
            "low": signed(min(values)),
            "high": signed(max(values)),
        }
        xs = axis.line_x
        height = LINE_HEIGHT if axis.one_row else LINE_HEIGHT + YEAR_AXIS
        parts = [
            f'<svg class="trend-chart__line" viewBox="0 0 {axis.width} {height}" width="{axis.width}" '
            f'height="{height}" role="img" aria-labelledby="{uid}-line-title {uid}-line-desc">'
            f'<title id="{uid}-line-title">{escape(title)}</title><desc id="{uid}-line-desc">{escape(desc)}</desc>'
        ]
        if not axis.one_row:  # the line runs through all the years: mark where each begins
            for year, index in [(axis.years[0], 0), *axis.year_starts]:
                x = xs[index]
                if index:
                    parts.append(
                        f'<line class="trend-chart__grid" x1="{x:.1f}" y1="{LINE_PAD / 2}" x2="{x:.1f}" y2="{height}"/>'
                    )
                parts.append(f'<text class="trend-chart__tick" x="{x + 3:.1f}" y="{height - 3}">{year}</text>')
        for value in sorted({high, 0, low}):
            y = self._line_y(value)
            css = "trend-chart__zero" if value == 0 else "trend-chart__grid"
            parts.append(f'<line class="{css}" x1="{LEFT}" y1="{y:.1f}" x2="{xs[-1]:.1f}" y2="{y:.1f}"/>')
            parts.append(
                f'<text class="trend-chart__scale" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{signed(value)}</text>'
            )
        runs: list[list[Mark]] = [[]]
        bridges = []
        for mark in self.marks:
            run = runs[-1]
            if run and mark.index != run[-1].index + 1:
                bridges.append((run[-1], mark))
                runs.append([])
            runs[-1].append(mark)
        for before, after in bridges:  # weeks without a rating: the sum stays, drawn dotted
            parts.append(
                f'<path class="trend-chart__bridge" d="M{xs[before.index]:.1f} {self._line_y(before.cumulative):.1f}'
                f'H{xs[after.index]:.1f}V{self._line_y(after.cumulative):.1f}"/>'
            )
        for run in runs:
            if len(run) == 1:
                mark = run[0]
                parts.append(
                    f'<circle class="trend-chart__dot" cx="{xs[mark.index]:.1f}" '
                    f'cy="{self._line_y(mark.cumulative):.1f}" r="2.5"/>'
                )
            else:
                points = " ".join(f"{xs[m.index]:.1f},{self._line_y(m.cumulative):.1f}" for m in run)
                parts.append(f'<polyline class="trend-chart__path" points="{points}"/>')
        last = self.marks[-1]
        parts.append(
            f'<circle class="trend-chart__end" cx="{xs[last.index]:.1f}" cy="{self._line_y(last.cumulative):.1f}" r="3.5"/>'
        )
        parts.append("</svg>")
        return mark_safe("".join(parts))

    def table_html(self) -> SafeString:
        """The same data as a table for screen readers, in a visually hidden block (a table cannot be narrower
        than its content, so hiding the table itself would widen the page)."""
        if not self.marks:
            return mark_safe("")
        names = {
            trend: f'<span aria-hidden="true">{SYMBOLS[trend]}</span> {escape(label)}'
            for trend, label in trend_labels().items()
        }
        caption = gettext("Weekly ratings: %(topic)s, %(weeks)s") % {"topic": self.name, "weeks": self.axis.label}
        head = "".join(
            f'<th scope="col">{escape(text)}</th>'
            for text in (gettext("Week"), gettext("Rating"), gettext("Cumulative balance"))
        )
        labels = self.axis.escaped_labels
        rows = "".join(
            f'<tr><th scope="row">{labels[mark.index]}</th><td>{names[mark.trend]}</td>'
            f"<td>{signed(mark.cumulative)}</td></tr>"
            for mark in self.marks
        )
        return mark_safe(
            f'<div class="visually-hidden"><table><caption>{escape(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>"
        )


def build_charts(*, axis: Axis, topics: list, ratings: list, topic_url) -> list[TopicChart]:
    """One chart per topic (in the order given), on one axis and one cumulative scale.

    ``topics`` have ``key``, ``name``, ``slug``; ``ratings`` (in page order) have ``issue_path``, ``topic_key``,
    ``trend``, ``url``. A topic with two rated commentaries in one week is shown with the first.
    ``topic_url(topic)`` gives a topic's page.
    """
    by_topic: dict[str, dict[int, Mark]] = {topic.key: {} for topic in topics}
    for rating in ratings:
        index = axis.slot_of_issue.get(rating.issue_path)
        marks = by_topic.get(rating.topic_key)
        if index is None or marks is None or index in marks or rating.trend not in STEPS:
            continue
        marks[index] = Mark(index, rating.trend, rating.url)
    charts = []
    low = high = 0
    for number, topic in enumerate(topics, start=1):
        marks = [by_topic[topic.key][index] for index in sorted(by_topic[topic.key])]
        total = 0
        for mark in marks:
            total += STEPS[mark.trend]
            mark.cumulative = total
            low, high = min(low, total), max(high, total)
        charts.append(
            TopicChart(
                key=topic.key,
                name=topic.name,
                slug=topic.slug,
                url=topic_url(topic),
                axis=axis,
                marks=marks,
                uid=f"trend-{number}",
            )
        )
    scale = (low, high if high > low else low + 1)
    for chart in charts:
        chart.scale = scale
    return charts


def trend_labels() -> dict[str, str]:
    """The trends' names in the active language ("The situation has gotten worse")."""
    from .models import Trend

    return {choice.value: str(choice.label) for choice in Trend}


def _first_monday(year: int) -> datetime.date:
    first = datetime.date(year, 1, 1)
    return first + datetime.timedelta(days=(7 - first.weekday()) % 7)


_MONTHS: dict[tuple[str, int], str] = {}


def _month(day: datetime.date) -> str:
    """The abbreviated month name in the active language ("Feb", "лют")."""
    key = (translation.get_language() or "en", day.month)
    if key not in _MONTHS:
        _MONTHS[key] = dateformat.format(day, "M")
    return _MONTHS[key]


def _shape(trend: str, r: float) -> str:
    """A trend's mark centred on (0, 0): ▲ improved, ● unchanged, ▼ worsened."""
    css = f"trend-chart__mark trend-chart__mark--{trend}"
    if trend == "improved":
        return f'<polygon class="{css}" points="0,{-r:.1f} {r:.1f},{r * 0.8:.1f} {-r:.1f},{r * 0.8:.1f}"/>'
    if trend == "worsened":
        return f'<polygon class="{css}" points="0,{r:.1f} {r:.1f},{-r * 0.8:.1f} {-r:.1f},{-r * 0.8:.1f}"/>'
    return f'<circle class="{css}" r="{r * 0.75:.1f}"/>'
