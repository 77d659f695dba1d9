"""Search inside the mirror: Pagefind indexes the exported pages; the project's search analysis makes name
variants meet (Lukashenko finds Lukashenka, Тихановская finds Tsikhanouskaya).

Every page gets a hidden line of *name keys* (``samvydat.search.analysis.name_key``) of the capitalised words in
its main text, plus the keys of the other spellings of the people and organisations it mentions (their
``aliases``), each written as ``zk<key>``. The search page's script (``static/mirror/namekey.js``) computes the
same keys for the query words, with the rules exported from the analysis module into ``static/mirror/namekey-rules.js`` at export
time, so the browser and the index can never disagree, and searches for them beside the plain words.

Spellings work the same way (``analysis.fold_spelling``): a page in taraškievica gets a hidden line with the
narkamaŭka form of every word that has another (сьнег → снег), and the search script folds the query with the same
rules, so either orthography finds the other. English pages get the other spelling of every British or American
word (defence ~ defense) in both directions, so the browser needs no word list.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

from anyascii import anyascii

from samvydat.search import analysis

KEY_PREFIX = "zk"
_MAIN = re.compile(r"<main\b[^>]*>(.*?)</main>", re.DOTALL)
_TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.DOTALL)
_CAPITALISED = re.compile(r"\b[A-ZА-ЯЁІЎҐ][\w'’ʼ-]+")


def people_alias_index() -> analysis.AliasIndex:
    """The spelling groups of every person and organisation (all languages together: a name is a name)."""
    from samvydat.people.models import Organisation, Person

    groups: dict[object, list[str]] = {}
    for model in (Person, Organisation):
        for key, name, aliases in model.objects.values_list("translation_key", "name", "aliases"):
            groups.setdefault((model.__name__, key), []).extend([name, *aliases.splitlines()])
    return analysis.alias_index([[s.strip() for s in spellings if s.strip()] for spellings in groups.values()])


def name_keys_html(page_html: str, *, aliases: analysis.AliasIndex) -> str:
    """The hidden element of name keys for a rendered page ("" when it has none)."""
    match = _MAIN.search(page_html)
    if match is None:
        return ""
    text = html.unescape(_TAGS.sub(" ", match.group(1)))
    names = " ".join(_CAPITALISED.findall(text))
    keys = [key for key in analysis.name_key(names).split() if key]
    keys.extend(analysis.expand_keys(set(keys), aliases))
    if not keys:
        return ""
    tokens = " ".join(KEY_PREFIX + key for key in dict.fromkeys(keys))
    return f'<p hidden class="mirror-name-keys" data-pagefind-weight="0.5">{tokens}</p>'


def spelling_variants_html(page_html: str, *, language: str) -> str:
    """The hidden element of other spellings of the words of a page in ``language`` ("" when it has none)."""
    match = _MAIN.search(page_html)
    if match is None:
        return ""
    words = dict.fromkeys(analysis.tokenize(html.unescape(_TAGS.sub(" ", match.group(1)))))
    variants = {}
    for word in words:
        for variant in (analysis.fold_spelling(word, language=language), _british_spellings().get(word)):
            if variant and variant != word and variant not in words:
                variants[variant] = None
    if not variants:
        return ""
    return f'<p hidden class="mirror-spellings" data-pagefind-weight="0.8">{" ".join(variants)}</p>'


@lru_cache(maxsize=1)
def _british_spellings() -> dict[str, str]:
    from breame.data.spelling_constants import AMERICAN_ENGLISH_SPELLINGS

    return {american: british for american, british in AMERICAN_ENGLISH_SPELLINGS.items() if british.isascii()}


def name_key_rules() -> dict:
    """Everything ``namekey.js`` needs to compute ``analysis.name_key`` in the browser."""
    cyrillic = [chr(c) for c in range(0x0400, 0x0460)] + ["ґ", "Ґ"]
    return {
        "prefix": KEY_PREFIX,
        "minTokenChars": analysis.MIN_KEY_TOKEN_CHARS,
        "minNameStem": analysis._MIN_NAME_STEM,
        "maxTokenChars": analysis.MAX_TOKEN_CHARS,
        "endings": list(analysis.NAME_ENDINGS),
        "rules": [[p.pattern, re.sub(r"\\(\d)", r"$\1", r)] for p, r in analysis._KEY_RULES],
        "transliteration": {c: anyascii(c).lower() for c in cyrillic if c.lower() == c},
        "latinExtra": {"ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ð": "d", "þ": "th", "đ": "d", "ħ": "h", "ı": "i"},
        "lacinka": {"š": "sh", "ž": "zh", "č": "ch", "ż": "zh"},
        "belarusianFolds": [list(rule) for rule in analysis.BELARUSIAN_SPELLING_FOLDS],
    }


def write_name_key_rules(root: Path) -> None:
    (root / "static" / "mirror").mkdir(parents=True, exist_ok=True)
    rules = json.dumps(name_key_rules(), ensure_ascii=False)
    # A script, not JSON fetched at run time: it loads from file:// too, and needs no inline script.
    (root / "static" / "mirror" / "namekey-rules.js").write_text(f"window.SAMVYDAT_NAME_KEY_RULES = {rules};\n")


def pagefind_command() -> list[str]:
    """The Pagefind binary shipped by ``pagefind[extended]`` (``pagefind_bin_extended``), else ``python -m pagefind``."""
    try:
        import pagefind_bin_extended

        return [str(pagefind_bin_extended.get_executable())]
    except (ImportError, FileNotFoundError):
        return [sys.executable, "-m", "pagefind"]


def build_search_index(root: Path, *, output: Path | None = None) -> None:
    """Run Pagefind over the mirror at ``root`` (the bundle goes to ``root/pagefind`` or ``output``)."""
    command = [*pagefind_command(), "--site", str(root), "--keep-index-url", "--silent"]
    if output is not None:
        command += ["--output-path", str(output)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=3600, cwd=root)
    if result.returncode != 0:
        raise RuntimeError(f"pagefind failed (exit {result.returncode}): {result.stderr.strip() or result.stdout}")
