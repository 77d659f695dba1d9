"""Checks on the API's query parameters that Wagtail leaves to the database, where they would become 500s.

Wagtail's API v2 already answers 400 to most bad input (unknown parameters and fields, bad ordering). What it lets
through: numbers too large for the database (``?offset=10**20``, ``?child_of=…``), NUL characters (PostgreSQL refuses
them in any string), an unknown ``search_operator`` (the search backend raises ``ValueError``), and values a field
cannot parse (``?date=tomorrow``; caught in ``views``).
"""

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from wagtail.api.v2.utils import BadRequestError

MAX_INTEGER = 2**31 - 1  # PostgreSQL's integer; ids, offsets and limits all fit
ID_PARAMETERS = ("child_of", "ancestor_of", "descendant_of", "translation_of", "offset", "limit", "id")
MAX_VALUE_LENGTH = 1_000
SEARCH_OPERATORS = ("and", "or")


def _check_integer(name: str, value: str) -> None:
    try:
        number = int(value.strip())
    except ValueError:
        return  # not a number at all: Wagtail answers that with its own 400
    if abs(number) > MAX_INTEGER:
        raise BadRequestError(f"{name} is too large")


def query_parameters_check(query, *, model, view) -> None:
    """Raise ``BadRequestError`` (a 400 with a message) for values the database could not take."""
    integer_fields = set()
    if model is not None:
        for name in view.get_available_fields(model, db_fields_only=True):
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:  # meta names such as "type" are not model fields
                continue
            if isinstance(field, (models.IntegerField, models.AutoField, models.ForeignKey)):
                integer_fields.add(name)
    for name, values in query.lists():
        for value in values:
            if "\x00" in name or "\x00" in value:
                raise BadRequestError("null characters are not allowed")
            if len(value) > MAX_VALUE_LENGTH:
                raise BadRequestError(f"{name} is too long")
            if name in ID_PARAMETERS or name in integer_fields:
                _check_integer(name, value)
            if name == "type" and not value.strip():
                raise BadRequestError("type is empty: give a page type such as news.NewsPage")
            if name == "search_operator" and value not in SEARCH_OPERATORS:
                raise BadRequestError("search_operator must be 'and' or 'or'")
