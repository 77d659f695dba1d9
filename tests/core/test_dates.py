import datetime

import pytest
from django.utils import translation

from samvydat.core.dates import local_date, week_range

D = datetime.date


@pytest.mark.parametrize(
    ("lang", "start", "end", "expected"),
    [
        ("en", D(2021, 2, 8), D(2021, 2, 14), "February 8 – February 14, 2021"),
        ("be", D(2021, 2, 8), D(2021, 2, 14), "8–14 лютага 2021"),
        ("ru", D(2021, 2, 8), D(2021, 2, 14), "8–14 февраля 2021"),
        ("en", D(2021, 2, 22), D(2021, 2, 28), "February 22 – February 28, 2021"),
        ("be", D(2021, 2, 22), D(2021, 3, 1), "22 лютага – 1 сакавіка 2021"),
        ("ru", D(2021, 2, 22), D(2021, 3, 1), "22 февраля – 1 марта 2021"),
        ("en", D(2020, 12, 28), D(2021, 1, 3), "December 28, 2020 – January 3, 2021"),
        ("ru", D(2020, 12, 28), D(2021, 1, 3), "28 декабря 2020 – 3 января 2021"),
        ("be", D(2020, 12, 28), D(2021, 1, 3), "28 снежня 2020 – 3 студзеня 2021"),
    ],
)
def test_week_range(lang, start, end, expected):
    with translation.override(lang):
        assert week_range(start, end) == expected


def test_local_date():
    with translation.override("be"):
        assert local_date(D(2021, 3, 5)) == "5 сакавіка 2021"
    with translation.override("en"):
        assert local_date(D(2021, 3, 5)) == "March 5, 2021"
