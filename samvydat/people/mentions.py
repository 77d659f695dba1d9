"""Which people a text mentions, by the spellings of their names (no Django: pure functions over strings).

A spelling ("Alexander Lukashenko", "Лукашэнка") matches when every word of it occurs in the text, compared by
the search's script- and spelling-blind name keys (``search.analysis.name_key``), so Lukashenka, Lukashenko,
Лукашэнка and Лукашенко all count. Name keys also merge unrelated words, and one-word spellings are common
words sometimes: what this finds is only a suggestion, which an editor confirms (docs/architecture.md, people).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from samvydat.search.analysis import analyse, name_key

#: A one-word spelling shorter than this (as a name key) is too likely to be a common word to suggest anything.
SHORTEST_SINGLE_KEY = 5


@dataclass(frozen=True)
class Spelling:
    person_key: str
    text: str
    keys: frozenset[str]


@dataclass(frozen=True)
class Spellings:
    """Spellings by their anchor (the smallest of their keys): a text is checked only against the spellings whose
    anchor it contains — one dictionary probe per distinct word, however many people there are."""

    by_anchor: dict[str, tuple[Spelling, ...]]


def spellings_of(people: Iterable[tuple[str, str, str]]) -> Spellings:
    """(translation key, name, spelling variants one per line) rows → the spellings worth looking for."""
    found: dict[tuple[str, frozenset[str]], Spelling] = {}
    for person_key, name, variants in people:
        for text in (name, *variants.splitlines()):
            text = text.strip()
            keys = frozenset(key for key in name_key(text).split() if key)
            if not keys or (len(keys) == 1 and len(next(iter(keys))) < SHORTEST_SINGLE_KEY):
                continue
            found.setdefault((str(person_key), keys), Spelling(str(person_key), text, keys))
    by_anchor: dict[str, list[Spelling]] = {}
    for spelling in found.values():
        by_anchor.setdefault(min(spelling.keys), []).append(spelling)
    return Spellings(by_anchor={anchor: tuple(these) for anchor, these in by_anchor.items()})


def text_keys(text: str, *, language: str) -> set[str]:
    return set(analyse(text, language=language).name_keys.split())


def people_mentioned(keys: set[str], spellings: Spellings) -> dict[str, str]:
    """person key → the first spelling of theirs (longest first) whose words all occur among ``keys``."""
    candidates = [spelling for key in keys for spelling in spellings.by_anchor.get(key, ())]
    mentioned: dict[str, str] = {}
    for spelling in sorted(candidates, key=lambda s: (-len(s.keys), s.text)):
        if spelling.person_key not in mentioned and spelling.keys <= keys:
            mentioned[spelling.person_key] = spelling.text
    return mentioned
