"""The admin forms of weekly issues and commentaries: the week decides the title, the address and the dates.

A weekly issue's title and slug are not typed: they come from its week (``weeks.issue_title``/``issue_slug``),
and the form says so. A commentary's date starts at its issue's Sunday and must lie within the week or the days
after it, when the issue comes out.
"""

import datetime

from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from samvydat.core.dates import week_range
from samvydat.core.forms import BasePageForm

from .weeks import ISSUE_TITLE, PUBLICATION_DAYS, commentary_dates, issue_slug, issue_title, monday_of, week_end_of


class WeeklyIssueForm(BasePageForm):
    """Title and slug shown, not edited: they are set from the first day of the week when the issue is saved."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = self.instance.locale.language_code if self.instance.locale_id else None
        example = issue_title(language=language) if language else gettext(ISSUE_TITLE)
        for name in ("title", "slug"):
            if name in self.fields:
                self.fields[name].required = False
                self.fields[name].disabled = True
        if "title" in self.fields:
            self.fields["title"].help_text = _(
                "Set from the week when you save: “%(title)s” followed by the week's dates, e.g. “%(title)s: "
                "%(example)s”. The title is the same for every issue; the dates tell them apart."
            ) % {"title": example, "example": _example_week()}
        if "slug" in self.fields:
            self.fields["slug"].help_text = _("Set from the week: the Monday's date, e.g. 2021-03-08.")
        if "week_start" in self.fields:
            self.fields["week_start"].help_text = _(
                "The Monday of the week the issue covers. The issue runs to the Sunday after it."
            )

    def clean(self):
        cleaned_data = super().clean()
        week_start = cleaned_data.get("week_start")
        if not week_start:
            return cleaned_data
        if monday_of(week_start) != week_start:
            self.add_error(
                "week_start",
                gettext("A week starts on a Monday: %(date)s is a %(weekday)s. Did you mean %(monday)s?")
                % {
                    "date": week_start.isoformat(),
                    "weekday": WEEKDAYS[week_start.weekday()],
                    "monday": monday_of(week_start).isoformat(),
                },
            )
            return cleaned_data
        slug = issue_slug(week_start)
        cleaned_data["title"] = issue_title(language=self.instance.locale.language_code)
        cleaned_data["slug"] = slug
        cleaned_data["week_end"] = week_end_of(week_start)
        self.errors.pop("slug", None)  # the slug it had before is no longer what is saved
        if self.parent_page is not None and not Page._slug_is_available(slug, self.parent_page, self.instance):
            self.add_error(
                "week_start",
                gettext("There is already an issue for the week of %(week)s.")
                % {"week": week_range(week_start, week_end_of(week_start))},
            )
        return cleaned_data


class CommentaryForm(BasePageForm):
    """A new commentary is dated at its issue's Sunday; a date outside the issue's week is refused."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        issue = self._issue()
        if issue is None or "date" not in self.fields:
            return
        if not self.instance.pk and not self.is_bound:
            self.initial["date"] = issue.week_end
        self.fields["date"].help_text = _(
            "Within the issue's week (%(week)s) or the %(days)s days after it, when the issue comes out."
        ) % {"week": week_range(issue.week_start, issue.week_end), "days": PUBLICATION_DAYS}

    def _issue(self):
        from .models import WeeklyIssuePage

        parent = self.parent_page
        if parent is None and self.instance.pk:
            parent = self.instance.get_parent()
        parent = parent.specific if parent is not None else None
        return parent if isinstance(parent, WeeklyIssuePage) else None

    def clean(self):
        cleaned_data = super().clean()
        issue, date = self._issue(), cleaned_data.get("date")
        if issue is None or not date:
            return cleaned_data
        first, last = commentary_dates(issue.week_start, issue.week_end)
        if not first <= date <= last:
            self.add_error(
                "date",
                gettext(
                    "A commentary of the issue of %(week)s is dated within that week or the %(days)s days after "
                    "it (%(first)s to %(last)s), not %(date)s."
                )
                % {
                    "week": week_range(issue.week_start, issue.week_end),
                    "days": PUBLICATION_DAYS,
                    "first": first.isoformat(),
                    "last": last.isoformat(),
                    "date": date.isoformat(),
                },
            )
        return cleaned_data


def _example_week() -> str:
    start = datetime.date(2021, 3, 8)
    return week_range(start, week_end_of(start))
