"""Layout a reader can see, measured in Chromium: the submission form's radio buttons sit beside their labels,
and trend charts keep one scale — marks and text the same size — from a service's 6th week to its 520th."""

import datetime
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from samvydat.weekly import charts

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
WEEK_COUNTS = [6, 7, 52, 520]
FIRST_MONDAY = datetime.date(2016, 1, 4)
TRENDS = ["improved", "unchanged", "worsened"]
LINE_HEIGHT = "(element) => parseFloat(getComputedStyle(element).lineHeight)"


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=list(VIEWPORTS))
@pytest.mark.parametrize("lang", ["en", "be"])
def test_each_radio_sits_beside_its_label_on_one_line(visit, viewport, lang):
    visit.page.set_viewport_size(VIEWPORTS[viewport])
    visit.goto(f"/{lang}/send/")
    radios = visit.page.locator("input[type=radio][name=kind]")
    assert radios.count() >= 2
    for index in range(radios.count()):
        radio = radios.nth(index)
        box = radio.bounding_box()
        label = visit.page.locator(f"label[for='{radio.get_attribute('id')}']").bounding_box()
        assert box and label and box["width"] < 40, box  # a radio, not stretched to the form's width
        # on one line: the radio's middle is the middle of the label's first line (a long label may wrap)
        line = float(visit.page.locator(f"label[for='{radio.get_attribute('id')}']").evaluate(LINE_HEIGHT))
        assert abs((box["y"] + box["height"] / 2) - (label["y"] + line / 2)) < 4, (box, label, line)
        # next to each other: the label starts just right of the radio
        gap = label["x"] - (box["x"] + box["width"])
        assert 0 <= gap < 16, (box, label)
    if viewport == "desktop" and lang == "en":
        visit.page.locator("form.reader-form fieldset").screenshot(path=str(_shot("send-form-radios-1366")))
    if viewport == "phone" and lang == "en":
        visit.page.locator("form.reader-form").screenshot(path=str(_shot("send-form-390")))
    visit.assert_clean()


def _shot(name: str):
    from .conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"{name}.png"


def chart_html(weeks: int) -> str:
    """A topic's chart of ``weeks`` rated weeks, rendered by the site's own template."""
    mondays = [FIRST_MONDAY + datetime.timedelta(weeks=n) for n in range(weeks)]
    issues = [
        SimpleNamespace(path=f"p{n}", week_start=d, week_end=d + datetime.timedelta(6)) for n, d in enumerate(mondays)
    ]
    ratings = [
        SimpleNamespace(issue_path=f"p{n}", topic_key="t", trend=TRENDS[n % 3], url=f"/en/weekly/c{n}/")
        for n in range(weeks)
    ]
    topic = SimpleNamespace(key="t", name=f"Economy ({weeks} weeks)", slug="economy")
    axis = charts.week_axis(issues, mondays[0], mondays[-1])
    (chart,) = charts.build_charts(axis=axis, topics=[topic], ratings=ratings, topic_url=lambda t: "/en/")
    with translation.override("en"):
        return render_to_string("includes/trend_chart.html", {"chart": chart, "heading_level": 2})


MEASURE = """(html) => {
  const old = document.querySelector("main .trend-chart");
  old.insertAdjacentHTML("beforebegin", html);
  const section = old.previousElementSibling;
  document.querySelectorAll("main .trend-chart").forEach((other) => { if (other !== section) other.remove(); });
  const svg = section.querySelector(".trend-chart__strip");
  const marks = [...svg.querySelectorAll("use")].slice(0, 2).map((use) => use.getBoundingClientRect());
  const tick = svg.querySelector(".trend-chart__tick, .trend-chart__year").getBoundingClientRect();
  return {
    unit: svg.getBoundingClientRect().width / svg.viewBox.baseVal.width,
    week: marks[1].left - marks[0].left,
    mark: marks[0].width,
    text: tick.height,
    page: document.documentElement.scrollWidth,
  };
}"""


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=list(VIEWPORTS))
def test_charts_keep_their_scale_from_the_first_weeks_to_ten_years(visit, viewport):
    size = VIEWPORTS[viewport]
    visit.page.set_viewport_size(size)
    measured = {}
    for weeks in WEEK_COUNTS:
        visit.goto("/en/trends/")
        measured[weeks] = visit.page.evaluate(MEASURE, chart_html(weeks))
        # a long record scrolls inside its frame: the page itself never gets wider than the screen
        assert measured[weeks]["page"] <= size["width"], (weeks, measured[weeks])
        if weeks in (7, 520):
            visit.page.locator("main .trend-chart").screenshot(path=str(_shot(f"chart-{weeks}-weeks-{size['width']}")))
    for key in ("unit", "week", "mark", "text"):
        values = [measured[weeks][key] for weeks in WEEK_COUNTS]
        assert max(values) <= min(values) * 1.1, (key, dict(zip(WEEK_COUNTS, values, strict=True)))
    assert measured[6]["unit"] == pytest.approx(1, abs=0.05)  # drawn one unit to a CSS pixel
    visit.assert_clean()


GAPS = """() => {
  const box = document.querySelector(".briefly");
  const before = box.previousElementSibling.getBoundingClientRect();
  const after = box.nextElementSibling.getBoundingClientRect();
  const own = box.getBoundingClientRect();
  const title = box.querySelector("h2").getBoundingClientRect();
  const nav = document.querySelector(".main-nav").getBoundingClientRect();
  const first = document.querySelector("main h1, main .breadcrumbs").getBoundingClientRect();
  const main = document.querySelector("main > :last-child").getBoundingClientRect();
  const footer = document.querySelector(".site-footer").getBoundingClientRect();
  return {above: own.top - before.bottom, below: after.top - own.bottom, inside: title.top - own.top,
          nav: first.top - nav.bottom, footer: footer.top - main.bottom};
}"""


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=list(VIEWPORTS))
def test_briefly_the_nav_and_the_footer_have_room_around_them(visit, viewport):
    size = VIEWPORTS[viewport]
    visit.page.set_viewport_size(size)
    visit.goto("/en/discussions/expert-environment-3/")
    gaps = visit.page.evaluate(GAPS)
    assert gaps["above"] >= 16 and gaps["below"] >= 16, gaps  # the box does not touch the text around it
    assert 8 <= gaps["inside"] <= 20, gaps  # its title sits near its top edge, not 2rem below it
    assert gaps["nav"] >= 20 and gaps["footer"] >= 20, gaps
    visit.page.locator(".briefly").screenshot(path=str(_shot(f"discussion-briefly-{size['width']}")))
    visit.assert_clean()
