"""Reading the search page's query string. Nothing a reader types can make it fail: what does not make sense is
ignored (a page number that is not a number is page 1), and the query is cut to ``MAX_QUERY_CHARS``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.http import QueryDict

from .analysis import MAX_QUERY_CHARS
from .models import Kind
from .selectors import SORTS, Filters

_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,100}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class SearchParams:
    query: str = ""
    page: int = 1
    sort: str = "relevance"
    all_languages: bool = False
    filters: Filters = Filters()

    def query_string(self, **changes) -> str:
        """The query string of this search with some parameters changed (``None`` removes one); page 1 unless given."""
        values = {
            "q": self.query,
            "all": "1" if self.all_languages else None,
            "sort": self.sort if self.sort != "relevance" else None,
            "kind": self.filters.kind or None,
            "topic": self.filters.topic or None,
            "year": self.filters.year or None,
            "person": self.filters.person or None,
            "page": None,
        }
        values.update(changes)
        params = QueryDict(mutable=True)
        for key, value in values.items():
            if value not in (None, ""):
                params[key] = str(value)
        return params.urlencode()


def parse(data: QueryDict) -> SearchParams:
    query = _CONTROL.sub(" ", _first(data, "q"))[:MAX_QUERY_CHARS].strip()
    kind = _first(data, "kind")
    year = _first(data, "year")
    return SearchParams(
        query=query,
        page=_positive_int(_first(data, "page"), default=1),
        sort=_first(data, "sort") if _first(data, "sort") in SORTS else "relevance",
        all_languages=_first(data, "all") in ("1", "true", "on", "yes"),
        filters=Filters(
            kind=kind if kind in Kind.values else "",
            topic=_slug(_first(data, "topic")),
            year=_positive_int(year, default=None, maximum=9999),
            person=_slug(_first(data, "person")),
        ),
    )


def _first(data: QueryDict, key: str) -> str:
    value = data.get(key, "")
    return value if isinstance(value, str) else ""


def _positive_int(value: str, *, default, maximum: int = 1_000_000):
    value = value.strip()
    if not value.isascii() or not value.isdigit() or len(value) > 7:
        return default
    number = int(value)
    return number if 1 <= number <= maximum else default


def _slug(value: str) -> str:
    return value if _SLUG.match(value) else ""
