"""Localised dates and week ranges.

English: "February 8 – February 14, 2021". Belarusian and Russian put the day first and the month in
the genitive: "8–14 лютага 2021", "28 лютага – 6 сакавіка 2021", "28 декабря 2020 – 3 января 2021".
"""

import datetime

from django.utils import dateformat, translation

_DAY_FIRST_LANGUAGES = {"be", "ru"}


def _language() -> str:
    return (translation.get_language() or "en").split("-")[0]


def local_date(value: datetime.date) -> str:
    """A date in the active language: "February 8, 2021" / "8 лютага 2021"."""
    if _language() in _DAY_FIRST_LANGUAGES:
        return dateformat.format(value, "j E Y")
    return dateformat.format(value, "F j, Y")


def week_range(start: datetime.date, end: datetime.date) -> str:
    """A week (or any span) in the active language."""
    if _language() in _DAY_FIRST_LANGUAGES:
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}–{dateformat.format(end, 'j E Y')}"
        if start.year == end.year:
            return f"{dateformat.format(start, 'j E')} – {dateformat.format(end, 'j E Y')}"
        return f"{dateformat.format(start, 'j E Y')} – {dateformat.format(end, 'j E Y')}"
    if start.year == end.year:
        return f"{dateformat.format(start, 'F j')} – {dateformat.format(end, 'F j, Y')}"
    return f"{dateformat.format(start, 'F j, Y')} – {dateformat.format(end, 'F j, Y')}"
