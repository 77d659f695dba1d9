"""A side-by-side diff of two versions of a text: paragraphs aligned, words marked, everything HTML-escaped.

The texts are editors' content: every piece goes through ``escape`` before it is wrapped in ``<del>`` or
``<ins>``, so a ``<script>`` in the source is shown as text.
"""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .text import Paragraph

_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class DiffRow:
    """One line of the side-by-side diff: what the paragraph was, what it is, and how it changed."""

    label: str
    before: SafeString
    after: SafeString
    change: str  # "equal", "changed", "removed", "added"


def _escaped(tokens: list[str]) -> str:
    return "".join(escape(token) for token in tokens)


def word_diff(before: str, after: str) -> tuple[SafeString, SafeString]:
    """Both texts as HTML with removed words in ``<del>`` (left) and added words in ``<ins>`` (right)."""
    old, new = _TOKENS.findall(before), _TOKENS.findall(after)
    left: list[str] = []
    right: list[str] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            left.append(_escaped(old[i1:i2]))
            right.append(_escaped(new[j1:j2]))
            continue
        if i2 > i1:
            left.append(f"<del>{_escaped(old[i1:i2])}</del>")
        if j2 > j1:
            right.append(f"<ins>{_escaped(new[j1:j2])}</ins>")
    return mark_safe("".join(left)), mark_safe("".join(right))


def side_by_side(before: list[Paragraph], after: list[Paragraph]) -> list[DiffRow]:
    """Rows pairing the paragraphs of ``before`` and ``after``; changed pairs get a word diff."""
    old = [text for _label, text in before]
    new = [text for _label, text in after]
    rows: list[DiffRow] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            rows += [DiffRow(after[j][0], escape(new[j]), escape(new[j]), "equal") for j in range(j1, j2)]
            continue
        pairs = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for k in range(pairs):
            left, right = word_diff(old[i1 + k], new[j1 + k])
            rows.append(DiffRow(after[j1 + k][0], left, right, "changed"))
        for i in range(i1 + pairs, i2):
            rows.append(DiffRow(before[i][0], mark_safe(f"<del>{escape(old[i])}</del>"), mark_safe(""), "removed"))
        for j in range(j1 + pairs, j2):
            rows.append(DiffRow(after[j][0], mark_safe(""), mark_safe(f"<ins>{escape(new[j])}</ins>"), "added"))
    return rows
