"""Text analysis for search: the one place that turns text into search terms (docs/search.md).

Indexing, queries and the static mirror's search all call this module, so a page and a query always meet on the
same terms. It has no Django dependency and no state beyond caches.

The pipeline, for a document or a query::

    text ─ normalise ─ tokenize ─┬─ words       exact (folded) words         "санкцыямі lukashenko"
                                 ├─ stems       per-language stems           "санкц lukashenko"
                                 └─ name_keys   script- and spelling-blind   "sankt lukawank"

* ``normalise``: control and format characters out, Unicode NFKC, case folded, accents and diacritics off (ё → е),
  but ``й`` and ``ў`` kept (except a word-initial ў, which becomes у: ўлада ~ улада); apostrophes (’ ' ʼ `)
  unified and removed inside words (сям'я → сямя); an English possessive ``'s`` dropped (Lukashenko's →
  lukashenko).
* ``tokenize``: runs of Latin letters, Cyrillic letters and digits. Everything else, including FTS syntax
  (``"`` ``*`` ``(`` ``-``), emoji and other scripts, separates words. A word mixing Latin and Cyrillic look-alike
  letters is repaired to its majority script (Лукашенкo with a Latin o); what cannot be repaired is split.
* ``stem``: English and Russian by Snowball (PyStemmer), Belarusian by ``belarusian_stemmer``. A word's script
  decides: Latin → English on every site; Cyrillic → Belarusian if it has і or ў, Russian if it has и, щ or ъ,
  otherwise the page's language (Russian on the English site).
* ``name_key``: anyascii transliteration plus a collapsing of the sound and spelling variants of names, so that
  Lukashenka, Lukashenko, Лукашэнка and Лукашенко share the key ``lukawank``. Keys also merge unrelated words
  (тапер/топор): store them in a low-weighted extra field, never instead of the text.

Public functions take the text positionally and everything else by keyword. ``analyse`` and ``analyse_query`` give
the three fields at once; ``alias_index`` and ``expand_with_aliases`` add the keys of stored spelling variants.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import Stemmer
from anyascii import anyascii

from . import belarusian_stemmer

LANGUAGES = ("en", "be", "ru")
#: A query is cut to this many characters before it is analysed …
MAX_QUERY_CHARS = 200
#: … and to this many distinct words after.
MAX_QUERY_TERMS = 16
#: Longer words are cut to this many characters (URLs, base64 and keyboard mashing stay bounded in the index).
MAX_TOKEN_CHARS = 40
#: Words shorter than this get no name key (prepositions, initials: too short to be told apart by sound).
MIN_KEY_TOKEN_CHARS = 3

# --- normalise ------------------------------------------------------------------------------------------------
#: Characters that need no folding once the text is NFKC and case-folded: printable ASCII but ` and the plain
#: Cyrillic letters (а–я with й, і, ў). Everything else goes through ``_fold_char`` (once per distinct character).
_NEEDS_FOLDING = re.compile("[^\x20-\x5f\x61-\x7e\u0430-\u044f\u0456\u045e]")
#: Everything used as an apostrophe: ’ ‘ ʼ ʹ ʻ ` ´ ′ ＇ ՚.
_APOSTROPHES = frozenset("'\u2019\u2018\u02bc\u02b9\u02bb\u0060\u00b4\u2032\uff07\u055a")
#: Combining marks (stress marks, diacritics).
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
#: Latin letters with no decomposition.
_LATIN_EXTRA = str.maketrans(
    {"ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ð": "d", "þ": "th", "đ": "d", "ħ": "h", "ı": "i", "ŋ": "n"}
)
#: For name keys only: a word with a letter of Belarusian Łacinka (or Polish, Czech) spells х as ch and ч as č
#: (Cichanoŭskaja, Łukašenka); its ch becomes kh, then its carons become the English digraphs.
_LACINKA = str.maketrans({"š": "sh", "ž": "zh", "č": "ch", "ż": "zh"})
_LACINKA_WORD = re.compile(r"\w*[šžčżŭłśćźń]\w*")
#: Does a text (before normalisation) have such letters, composed or not?
_LACINKA_CHARS = re.compile("[šžčżŭłśćźńŠŽČŻŬŁŚĆŹŃ\u030c\u0306\u0301\u0307]")
_POSSESSIVE = re.compile(r"(?<=[^\W\d_])'s\b")
_INNER_APOSTROPHE = re.compile(r"(?<=[^\W_])'+(?=[^\W_])")
#: Belarusian у and ў alternate at the start of a word with the previous word's last sound (у Мінску / ва ўладзе).
_INITIAL_U_SHORT = re.compile(r"(?<![^\W\d_])ў")


def normalise(text: str) -> str:
    """Fold ``text`` for comparison: "Лукашэ́нка’s  Ёлка" → "лукашэнка елка" (see the module docstring)."""
    return _normalise(text, keys=False)


def _normalise(text: str, *, keys: bool) -> str:
    if text.isascii():
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
        if keys:
            text = _LACINKA_WORD.sub(_spell_lacinka, text)
    text = _NEEDS_FOLDING.sub(_fold_match, text)
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)  # removing a format character can join what composes (Hangul)
    if "'" in text:
        text = _INNER_APOSTROPHE.sub("", _POSSESSIVE.sub("", text))
    if "ў" in text:
        text = _INITIAL_U_SHORT.sub("у", text)
    return " ".join(text.split())


def _spell_lacinka(match: re.Match[str]) -> str:
    return match.group().replace("ch", "kh").translate(_LACINKA)


def _fold_match(match: re.Match[str]) -> str:
    return _fold_char(match.group())


@lru_cache(maxsize=65_536)
def _fold_char(char: str) -> str:
    """One character of NFKC case-folded text, folded: controls, surrogates and private use → space; format
    characters (soft hyphen, zero-width space and joiners, bidirectional marks, BOM) → nothing, so that a word they
    sit inside stays whole; apostrophes → '; combining marks → nothing; letters lose their diacritics (ё → е, é → e;
    й and ў are never folded: they are in the fast set)."""
    category = unicodedata.category(char)
    if category == "Cf":
        return ""
    if category in ("Cc", "Cs", "Co"):
        return " "
    if char in _APOSTROPHES:
        return "'"
    return unicodedata.normalize("NFC", _MARKS.sub("", unicodedata.normalize("NFD", char))).translate(_LATIN_EXTRA)


# --- tokenize -------------------------------------------------------------------------------------------------
_CYRILLIC = "\u0430-\u045f\u0491"  # а–я, ѐ–џ (і ў …), ґ: lower case only, after normalise
_TOKEN = re.compile(f"[a-z0-9{_CYRILLIC}]+")
#: A word exactly as ``tokenize`` makes it from Latin, Belarusian or Russian text (the fast path of stem/name_key).
_CLEAN_TOKEN = re.compile("[a-z0-9]+|[0-9\u0430-\u044f\u0456\u045e\u0491]+")
_LATIN_LETTER = re.compile("[a-z]")
_CYRILLIC_LETTER = re.compile(f"[{_CYRILLIC}]")
_SCRIPT_RUN = re.compile(f"[a-z0-9]+|[{_CYRILLIC}0-9]+")
# Letters that look alike once case-folded (from the capitals A B E K M H O P C T X Y and i).
_TO_CYRILLIC = str.maketrans("abekmhopctxyi", "авекмнорстхуі")
_TO_LATIN = str.maketrans("авекмнорстхуі", "abekmhopctxyi")


def tokenize(text: str) -> list[str]:
    """The words of ``text``, normalised, in order: "Санкцыі — «ЕС» (AND NEAR*)" → ["санкцыі", "ес", "and", "near"]."""
    return _tokens(normalise(text))


def _tokens(normalised: str) -> list[str]:
    tokens = _TOKEN.findall(normalised)
    if not normalised.isascii() and _LATIN_LETTER.search(normalised):  # both scripts: some words may mix them
        tokens = [
            part
            for token in tokens
            for part in ((token,) if token.isascii() or not _LATIN_LETTER.search(token) else _unmix(token))
        ]
    if "ў" in normalised:  # normalise folds a word-initial ў, but a word may start after another script (zў, ƀў)
        tokens = ["у" + token[1:] if token[0] == "ў" else token for token in tokens]
    if len(normalised) > MAX_TOKEN_CHARS and any(len(token) > MAX_TOKEN_CHARS for token in tokens):
        tokens = [token[:MAX_TOKEN_CHARS] for token in tokens]
    return tokens


def _unmix(token: str) -> list[str]:
    latin = len(_LATIN_LETTER.findall(token))
    cyrillic = len(_CYRILLIC_LETTER.findall(token))
    repaired = token.translate(_TO_CYRILLIC if cyrillic >= latin else _TO_LATIN)
    if _LATIN_LETTER.search(repaired) and _CYRILLIC_LETTER.search(repaired):
        return _SCRIPT_RUN.findall(token)
    return [repaired]


# --- stem -----------------------------------------------------------------------------------------------------
_BELARUSIAN_ONLY = re.compile("[іўґ]")
_RUSSIAN_ONLY = re.compile("[иъщ]")
_local = threading.local()  # PyStemmer's stemmers are not thread-safe: one per thread


def _language(language: str | None) -> str:
    return (language or "").replace("_", "-").split("-")[0].lower()


def token_language(token: str, *, language: str | None) -> str | None:
    """Which stemmer a token gets on a page (or in a query) in ``language``: "en", "be", "ru", or None (digits)."""
    if _LATIN_LETTER.search(token):
        return "en"
    if _CYRILLIC_LETTER.search(token):
        if _BELARUSIAN_ONLY.search(token):
            return "be"
        if _RUSSIAN_ONLY.search(token):
            return "ru"
        return "be" if _language(language) == "be" else "ru"
    return None


def stem(token: str, *, language: str | None) -> str:
    """The stem of a word from ``tokenize`` (санкцыямі → санкц, sanctions → sanction); text of several words
    gives their stems joined by spaces."""
    page_language = _language(language)
    if _CLEAN_TOKEN.fullmatch(token) and len(token) <= MAX_TOKEN_CHARS:
        return _stem_on_page(token, page_language)
    return " ".join(_stem_on_page(t, page_language) for t in tokenize(token))


@lru_cache(maxsize=200_000)
def _stem_on_page(token: str, page_language: str) -> str:
    return _stem(token, token_language(token, language=page_language))


def _stem(token: str, token_lang: str | None) -> str:
    if token_lang == "be":
        return belarusian_stemmer.stem(token)
    if token_lang in ("en", "ru"):
        stemmers = getattr(_local, "stemmers", None)
        if stemmers is None:
            stemmers = _local.stemmers = {"en": Stemmer.Stemmer("english"), "ru": Stemmer.Stemmer("russian")}
        return stemmers[token_lang].stemWord(token)
    return token


# --- spellings within one language ----------------------------------------------------------------------------
#: The consonants of Belarusian Cyrillic (after ``normalise``).
_BE_CONSONANTS = "бвгджзйклмнпрстфхцчшў"
#: Taraškievica (the classical Belarusian orthography of many exile media) → narkamaŭka (the official one), applied
#: in this order to the Belarusian words of documents and queries alike, so that either spelling finds the other.
#: A fold may merge two words of one orthography that differ only there (рэч and реч would, but реч is no word):
#: the merges are as rare as the differences are regular. docs/search.md has the table with examples.
BELARUSIAN_SPELLING_FOLDS: tuple[tuple[str, str], ...] = (
    ("ґ", "г"),  # ґанак → ганак
    (f"(?<=[{_BE_CONSONANTS}])ь(?=[{_BE_CONSONANTS}еюяі])", ""),  # soft assimilation: сьнег, зьезд, сьвятло, дзьве
    ("э", "е"),  # loan words: Эўропа → Еўропа, газэта → газета, парлямэнт → парлямент
    ("ля", "ла"),  # soft л of loan words: плян → план, парлямент → парламент, клюб → клуб (next line)
    ("лю", "лу"),
    ("(?<=[зс])ы", "і"),  # сыстэма → сістэма, апазыцыя → апазіцыя
)
_BE_FOLD_RULES = tuple((re.compile(pattern), replacement) for pattern, replacement in BELARUSIAN_SPELLING_FOLDS)
_BE_FOLD_LETTERS = frozenset("ґьэлы")


@lru_cache(maxsize=1)
def _american_spellings() -> dict[str, str]:
    """British spelling → American (breame's list of about 1,700 words: defence → defense, programme → program)."""
    from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS

    return {british: american for british, american in BRITISH_ENGLISH_SPELLINGS.items() if american.isascii()}


def fold_spelling(token: str, *, language: str | None) -> str:
    """One spelling for a word that a language writes in two ways: a Belarusian word in taraškievica becomes its
    narkamaŭka form (сьнег → снег, Эўропа → еўропа), an English word in British spelling its American form
    (defence → defense). Other words come back as they are. ``token`` is a word from ``tokenize``; ``language``
    is the page's (or the searched site's) and decides, as for stems, which language a Cyrillic word is in."""
    return _fold_on_page(token, _language(language))


@lru_cache(maxsize=200_000)
def _fold_on_page(token: str, page_language: str) -> str:
    token_lang = token_language(token, language=page_language)
    if token_lang == "en":
        return _american_spellings().get(token, token)
    if token_lang == "be" and not _BE_FOLD_LETTERS.isdisjoint(token):
        for pattern, replacement in _BE_FOLD_RULES:
            token = pattern.sub(replacement, token)
    return token


# --- name keys ------------------------------------------------------------------------------------------------
#: Case endings taken off a Cyrillic word before it is keyed (Belarusian and Russian together; never the
#: name-forming -ов/-ев/-оў/-ін, so Иванов and Ivanov still meet).
NAME_ENDINGS = tuple(
    sorted(
        {
            *("ами", "ями", "амі", "ямі", "ыми", "ими", "ымі", "імі", "ого", "его", "ому", "ему", "ага", "яга", "аму", "яму"),
            *("ой", "ою", "ай", "аю", "ей", "ею", "яй", "яю", "ую", "юю", "ая", "яя", "ое", "ее", "ае", "яе"),
            *("ый", "ий", "ій", "ым", "им", "ім", "ых", "их", "іх", "ам", "ям", "ом", "ем", "ах", "ях"),
            *("а", "я", "о", "е", "э", "у", "ю", "ы", "и", "і", "ь", "й"),
        },
        key=len,
        reverse=True,
    )
)  # fmt: skip
_MIN_NAME_STEM = 3
# Applied in this order to the lower-case ASCII transliteration (docs/search.md has the table with examples).
_KEY_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        ("[^a-z0-9]", ""),  # anyascii's ' for ь and ъ
        ("x", "ks"),  # Alexievich ~ Aleksievich
        ("q", "k"),
        ("w", "v"),  # Tichanowskaja ~ Tikhanovskaya, Mahilyow ~ Mogilev
        ("ph", "f"),
        ("[yj]", "i"),  # й ы і и; ya/ja/ia, yu/ju/iu, ye/je/ie are handled below
        ("shch|sch|sh|sz", "w"),  # ш щ (Łukaszenka, Lukaschenko)
        ("dzh|zh", "j"),  # ж, дж
        ("tch|ch|cz", "q"),  # ч
        ("kh|gh|g", "h"),  # х, and Belarusian г ~ Russian г: Hrodna ~ Grodno
        ("dz", "d"),  # Belarusian дз ~ Russian д: Uladzimir ~ Vladimir
        ("ts|tz|c", "c"),  # ц
        ("c(?=[aeiou])", "t"),  # Belarusian ц before a vowel ~ Russian т: Ціханоўская ~ Тихановская, Віцебск ~ Витебск
        ("i{2,}", "i"),  # -ий, -iy, Mariia
        ("i(?=[aeou])", ""),  # soft vowels: я ~ а, е after і ~ е, ю ~ у: Bialiatski ~ Byalyatski ~ Беляцкий
        ("(?<=[aeiou])u", "v"),  # ў after a vowel ~ в: Tsikhanouskaya ~ Tikhanovskaya
        ("^u(?=[^aeiou])", "v"),  # initial ў/у before a consonant ~ в: Uladzimir ~ Vladimir
        ("[aeo]", "a"),  # akanne and yakanne: Kalesnikava ~ Kolesnikova, Бяляцкі ~ Беляцкий
        (r"(.)\1+", r"\1"),  # double letters: Borrell ~ Барэль
    )
)
_FINAL_VOWELS = re.compile("[aiu]+$")


def name_key(token: str) -> str:
    """The spelling-blind key of a word: Lukashenka, Лукашэнкам, Лукашенко's → "lukawank"; "" for words too short
    to key (under ``MIN_KEY_TOKEN_CHARS`` letters) or without letters. Text of several words gives their keys
    joined by spaces."""
    if _CLEAN_TOKEN.fullmatch(token) and len(token) <= MAX_TOKEN_CHARS:
        return _name_key(token)
    return " ".join(key for t in _key_tokens(token) if (key := _name_key(t)))


def _key_tokens(text: str) -> list[str]:
    """Words as ``tokenize`` gives them, except that Łacinka's š ž č become sh zh ch rather than s z c."""
    return _tokens(_normalise(text, keys=True))


@lru_cache(maxsize=200_000)
def _name_key(token: str) -> str:
    if len(token) < MIN_KEY_TOKEN_CHARS or not (_LATIN_LETTER.search(token) or _CYRILLIC_LETTER.search(token)):
        return ""
    if _CYRILLIC_LETTER.search(token):
        for ending in NAME_ENDINGS:
            if token.endswith(ending) and len(token) - len(ending) >= _MIN_NAME_STEM:
                token = token[: -len(ending)]
                break
    key = anyascii(token).lower()
    for pattern, replacement in _KEY_RULES:
        key = pattern.sub(replacement, key)
    without_final_vowels = _FINAL_VOWELS.sub("", key)
    if len(without_final_vowels) >= 2:
        key = without_final_vowels
    return key if len(key) >= 2 else ""


# --- spelling variants ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AliasIndex:
    """Spelling variants ready for ``expand_with_aliases``: build it once per change of the people and
    organisations (``alias_index``), not per document. Looking a text up costs one dictionary probe per distinct
    key of the text, however many spellings there are."""

    groups: tuple[tuple[str, ...], ...]  # per group: the name keys of all its spellings, in order, no repeats
    #: anchor key → (the keys of one spelling, its group's index); the anchor is the smallest of the spelling's keys
    triggers: dict[str, tuple[tuple[frozenset[str], int], ...]]


def alias_index(groups: Iterable[Iterable[str]]) -> AliasIndex:
    """Index groups of spellings of one name each, e.g. ``[["Lukashenko", "Лукашэнка", "Alexander Lukashenko"]]``
    (a person's name plus ``alias_list``)."""
    keyed_groups: list[tuple[str, ...]] = []
    triggers: dict[str, list[tuple[frozenset[str], int]]] = {}
    for spellings in groups:
        keys: dict[str, None] = {}
        spelling_keys: dict[frozenset[str], None] = {}
        for spelling in spellings:
            these = [k for k in name_key(spelling).split() if k]
            if these:
                spelling_keys[frozenset(these)] = None
                keys.update(dict.fromkeys(these))
        if spelling_keys:
            for keyset in spelling_keys:
                triggers.setdefault(min(keyset), []).append((keyset, len(keyed_groups)))
            keyed_groups.append(tuple(keys))
    return AliasIndex(groups=tuple(keyed_groups), triggers={anchor: tuple(these) for anchor, these in triggers.items()})


def expand_with_aliases(tokens: Iterable[str], alias_groups: AliasIndex | Iterable[Iterable[str]]) -> list[str]:
    """The name keys to add to a text with these words (from ``tokenize``) so that every spelling of the names it
    mentions finds it. A group applies when all the words of one of its spellings occur (so "Alexander Lukashenko"
    needs both words, "Lukashenko" alone just itself); the result leaves out keys the words already have."""
    index = alias_groups if isinstance(alias_groups, AliasIndex) else alias_index(alias_groups)
    present = {key for token in tokens if (key := name_key(token))}
    return expand_keys(present, index)


def expand_keys(present: set[str], index: AliasIndex) -> list[str]:
    """The name keys of every spelling of the names whose keys are all in ``present``, leaving out those present
    (``expand_with_aliases`` for a set of keys instead of words; the static mirror uses it too)."""
    if not index.triggers or not present:
        return []
    matched = sorted({group for key in present for keyset, group in index.triggers.get(key, ()) if keyset <= present})
    extra: dict[str, None] = {}
    for group in matched:
        extra.update((key, None) for key in index.groups[group] if key not in present)
    return list(extra)


# --- documents and queries --------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Term:
    """One query word with its stem and name key ("" when it has none)."""

    word: str
    stem: str
    name_key: str


@dataclass(frozen=True, slots=True)
class Analysis:
    """Space-separated terms ready to store in (or search) three indexed text fields, best match first:
    ``words`` (exact), ``stems``, ``name_keys`` (lowest weight). ``terms`` is filled for queries only."""

    words: str
    stems: str
    name_keys: str
    terms: tuple[Term, ...] = field(default=())


def analyse(text: str, *, language: str | None, aliases: AliasIndex | None = None) -> Analysis:
    """The terms of a document in ``language`` (its page's locale). Repeats are kept (term frequency counts);
    the keys of ``aliases`` the text mentions are appended once."""
    page_language = _language(language)
    tokens = _tokens(normalise(text))
    key_tokens = tokens
    if _LACINKA_CHARS.search(text):
        key_tokens = _key_tokens(text)
        if len(key_tokens) != len(tokens):  # mixed-script debris split differently: keep to the words
            key_tokens = tokens
    keys = [key for token in key_tokens if (key := _name_key(token))]
    if aliases is not None:
        keys.extend(expand_keys(set(keys), aliases))
    tokens = [_fold_on_page(token, page_language) for token in tokens]
    return Analysis(
        words=" ".join(tokens),
        stems=" ".join([_stem_on_page(token, page_language) for token in tokens]),
        name_keys=" ".join(keys),
    )


def analyse_query(query: str, *, language: str | None, aliases: AliasIndex | None = None) -> Analysis:
    """The terms of a search query: cut to ``MAX_QUERY_CHARS`` characters and ``MAX_QUERY_TERMS`` distinct words,
    repeats dropped. Never raises; an empty or all-punctuation query gives empty strings and no terms. Every term
    is a plain run of ``[a-z0-9]`` or Cyrillic letters: FTS operators (AND, NEAR, ``*``, quotes) arrive as ordinary
    words or not at all, but quote the terms anyway when building an FTS expression."""
    page_language = _language(language)
    query = query[:MAX_QUERY_CHARS]
    tokens = list(dict.fromkeys(_tokens(normalise(query))))
    key_tokens = tokens
    if _LACINKA_CHARS.search(query):
        key_tokens = list(dict.fromkeys(_key_tokens(query)))
        if len(key_tokens) != len(tokens):
            key_tokens = tokens
    folded: dict[str, str] = {}  # folded word → its name key: two spellings of one word are one term
    for token, key_token in zip(tokens, key_tokens, strict=True):
        folded.setdefault(_fold_on_page(token, page_language), _name_key(key_token))
    terms = tuple(
        Term(word=word, stem=_stem_on_page(word, page_language), name_key=key)
        for word, key in list(folded.items())[:MAX_QUERY_TERMS]
    )
    keys = [term.name_key for term in terms if term.name_key]
    if aliases is not None:
        keys.extend(expand_keys(set(keys), aliases))
    return Analysis(
        words=" ".join(term.word for term in terms),
        stems=" ".join(dict.fromkeys(term.stem for term in terms)),
        name_keys=" ".join(dict.fromkeys(keys)),
        terms=terms,
    )


def collapse_ratio(words: Sequence[str]) -> tuple[int, int]:
    """(distinct words, distinct name keys) of a word list: how much the keys merge (docs/search.md)."""
    distinct = list(dict.fromkeys(tokenize(" ".join(words))))
    keys = {_name_key(word) or word for word in distinct}
    return len(distinct), len(keys)
