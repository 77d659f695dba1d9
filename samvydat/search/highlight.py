"""Result snippets: the stretch of a page's text where the query's words are densest, matches marked.

A word counts as a match when, analysed like the index analyses it, it gives a query term's word, stem or name
key, so *санкцыямі* is marked for the query *санкцыі* and *Лукашэнка* for *Lukashenko*. The text is escaped;
only our ``<mark>`` tags are markup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .analysis import fold_spelling, name_key, stem, tokenize
from .engines import TermGroup

_WORD = re.compile(r"\w+(?:['’ʼ]\w+)*", re.UNICODE)
WINDOW_WORDS = 32
SCAN_CHARS = 8_000


class Matcher:
    """Tells whether a word of the text matches a query term (by word, stem or name key)."""

    def __init__(self, groups: Sequence[TermGroup], *, language: str):
        self.language = language
        self.words = {g.term.word for g in groups}
        self.stems = {g.term.stem for g in groups if g.term.stem}
        self.keys = {key for g in groups for key in g.keys}

    def __call__(self, word: str) -> bool:
        for token in tokenize(word):
            token = fold_spelling(token, language=self.language)
            if token in self.words or stem(token, language=self.language) in self.stems:
                return True
            if self.keys and name_key(token) in self.keys:
                return True
        return False


def highlight(text: str, groups: Sequence[TermGroup], *, language: str) -> SafeString:
    """The whole (short) text escaped with matches marked: for titles."""
    if not groups:
        return escape(text)
    matcher = Matcher(groups, language=language)
    words = [(m.start(), m.end(), matcher(m.group())) for m in _WORD.finditer(text)]
    return mark_safe(_render(text, words, 0, len(text)))


def snippet(text: str, groups: Sequence[TermGroup], *, language: str, fallback: str = "") -> SafeString:
    """About ``WINDOW_WORDS`` words of ``text`` around its densest cluster of matches, with ellipses."""
    if not groups or not text:
        return mark_safe(escape(_shorten(fallback or text)))
    matcher = Matcher(groups, language=language)
    scanned = text[:SCAN_CHARS]
    words = [(m.start(), m.end(), matcher(m.group())) for m in _WORD.finditer(scanned)]
    hits = [i for i, (_, _, hit) in enumerate(words) if hit]
    if not hits:
        return mark_safe(escape(_shorten(fallback or text)))
    best_start, best_count = 0, -1
    for first in hits:  # the window starting a few words before a hit that holds the most hits
        start = max(0, first - 4)
        count = sum(1 for h in hits if start <= h < start + WINDOW_WORDS)
        if count > best_count:
            best_start, best_count = start, count
    end = min(len(words), best_start + WINDOW_WORDS)
    begin_char = words[best_start][0]
    end_char = words[end - 1][1]
    rendered = _render(scanned, words[best_start:end], begin_char, end_char)
    prefix = "… " if best_start > 0 else ""
    suffix = " …" if end < len(words) or len(text) > len(scanned) else ""
    return mark_safe(f"{prefix}{rendered}{suffix}")


def _render(text: str, words, begin: int, end: int) -> str:
    out, cursor = [], begin
    for start, stop, hit in words:
        if start < begin or stop > end:
            continue
        out.append(escape(text[cursor:start]))
        out.append(f"<mark>{escape(text[start:stop])}</mark>" if hit else escape(text[start:stop]))
        cursor = stop
    out.append(escape(text[cursor:end]))
    return "".join(out)


def _shorten(text: str, words: int = WINDOW_WORDS) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")
