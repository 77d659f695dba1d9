"""The rules of a weekly issue's week, in one place for the admin, content packages and the importers.

An issue covers a week from Monday to Sunday. Its title is the service's name in the issue's language ("Situation
in Belarus"; the week's dates follow it wherever it is shown) and its address is the Monday's date
(``…/weekly/2021-03-08/``), so editors never type either. A commentary is dated within its issue's week or in the
days after it, when the issue comes out (``PUBLICATION_DAYS``).
"""

import datetime

from django.utils import translation
from django.utils.translation import gettext, gettext_noop

#: The title of every weekly issue, in the issue's language (the week's dates follow it on the page).
ISSUE_TITLE = gettext_noop("Situation in Belarus")
#: A commentary may be dated up to this many days after its week's Sunday (the issue comes out after the week).
PUBLICATION_DAYS = 7


def issue_title(*, language: str) -> str:
    with translation.override(language):
        return gettext(ISSUE_TITLE)


def issue_slug(week_start: datetime.date) -> str:
    return week_start.isoformat()


def week_end_of(week_start: datetime.date) -> datetime.date:
    return week_start + datetime.timedelta(days=6)


def monday_of(date: datetime.date) -> datetime.date:
    """The Monday of ``date``'s week (``date`` itself when it is a Monday: the first day of an issue's week)."""
    return date - datetime.timedelta(days=date.weekday())


def commentary_dates(week_start: datetime.date, week_end: datetime.date | None = None):
    """The first and last date a commentary of the week ``week_start``–``week_end`` may carry."""
    week_end = week_end or week_end_of(week_start)
    return week_start, week_end + datetime.timedelta(days=PUBLICATION_DAYS)
