"""Suggestions while typing, and "did you mean" for a near miss of a known name.

*Suggestions* are the best few titles for the query with its last word taken as a prefix, plus the people
whose name or spelling variants start with it. *Did you mean* looks at the words of a query that found little:
when one of them is not in the vocabulary of names (people and organisations, with their variants) but is close
to a name word in spelling (difflib, ratio ≥ 0.8) and does not already meet it through name keys, the query
with that word replaced is offered. Both run the same way on SQLite and PostgreSQL.
"""

from __future__ import annotations

import difflib
import threading
import time

from django.urls import reverse

from samvydat.people.models import Organisation, Person

from .analysis import name_key, normalise, tokenize
from .selectors import search

MIN_CHARS = 2
MAX_TITLES = 6
MAX_PEOPLE = 3
SIMILARITY = 0.8
_VOCABULARY_MAX_AGE = 300

_lock = threading.Lock()
_vocabulary: tuple[float, dict[str, str]] | None = None


def suggest(query: str, *, language: str) -> list[dict[str, str]]:
    if len(query.strip()) < MIN_CHARS:
        return []
    suggestions = _people(query, language=language)
    results = search(query=query, language=language, with_facets=False, per_page=MAX_TITLES, prefix=True)
    suggestions += [{"label": document.title, "url": document.url, "kind": "page"} for document in results.documents]
    return suggestions


def _people(query: str, *, language: str) -> list[dict[str, str]]:
    words = tokenize(query)
    if not words:
        return []
    prefix = words[-1]
    key = name_key(prefix)
    found = []
    for person in Person.objects.filter(locale__language_code=language).only("name", "slug", "aliases"):
        spellings = tokenize(" ".join([person.name, *person.alias_list]))
        if any(word.startswith(prefix) for word in spellings) or (
            key and any(name_key(word).startswith(key) for word in spellings if len(word) >= len(prefix))
        ):
            found.append({"label": person.name, "url": _search_url(person.name), "kind": "person"})
            if len(found) >= MAX_PEOPLE:
                break
    return found


def _search_url(text: str) -> str:
    from urllib.parse import urlencode

    return f"{reverse('search')}?{urlencode({'q': text})}"


def vocabulary() -> dict[str, str]:
    """Every word of every name and spelling variant (normalised) → the word as it is usually written."""
    global _vocabulary
    with _lock:
        if _vocabulary is None or time.monotonic() - _vocabulary[0] > _VOCABULARY_MAX_AGE:
            words: dict[str, str] = {}
            for model in (Person, Organisation):
                for name, aliases in model.objects.values_list("name", "aliases"):
                    for spelling in [name, *aliases.splitlines()]:
                        for original in spelling.split():
                            for token in tokenize(original):
                                if len(token) >= 4 and not token.isdigit():
                                    words.setdefault(token, original.strip(",.;:()\"'"))
            _vocabulary = (time.monotonic(), words)
        return _vocabulary[1]


def did_you_mean(query: str, *, language: str) -> str | None:
    """A corrected query when a word is a near miss of a name word, else None."""
    known = vocabulary()
    if not known:
        return None
    keys = {name_key(word) for word in known}
    changed = False
    corrected = []
    for original in normalise(query).split():
        tokens = tokenize(original)
        if len(tokens) != 1 or len(tokens[0]) < 4 or tokens[0] in known or name_key(tokens[0]) in keys:
            corrected.append(original)
            continue
        close = difflib.get_close_matches(tokens[0], list(known), n=1, cutoff=SIMILARITY)
        if close:
            corrected.append(known[close[0]])
            changed = True
        else:
            corrected.append(original)
    return " ".join(corrected) if changed else None
