"""A light Belarusian stemmer: strips one inflectional ending, so that the forms of a word meet.

Snowball, PostgreSQL, Lucene and Pagefind have no Belarusian stemmer; this is ours. It is deliberately *light*: it
removes inflection (case, number, person, the reflexive particle), never derivation, and knows no dictionary. The
rules (docs/search.md explains them with examples):

1. **Input**: one word, lower case, ``ё`` folded to ``е``, apostrophes removed, a word-initial ў made у (ўлада ~
   улада): ``analysis.normalise`` does all this, the stemmer repeats it. Words that are not all Cyrillic, or
   shorter than ``MIN_WORD`` letters, are returned unchanged.
2. **Reflexive**: ``-цца`` (змагацца, змагаецца, змагаюцца) and ``-ся`` after a verb ending (змагаўся, змагаемся,
   змагалася) are removed first.
3. **Fleeting vowel** of the nominative: ``-зень`` → ``-зн`` (палітвязень → палітвязн, like палітвязня);
   ``-дзень`` → ``-дн`` (тыдзень → тыдн, like тыдня). Such a word has no ending to strip: it stops here.
4. **Ending**: the longest ending from ``ENDINGS`` (nouns, adjectives, verbs, all in one list) whose removal leaves at
   least ``MIN_STEM`` letters is removed (the -ць endings never after another ц: жыццю → жыцц). Two endings also undo
   a consonant alternation of the locative: ``-дзе`` → ``-д`` (горадзе → горад), ``-сце`` → ``-ст`` (пратэсце →
   пратэст).
5. **Tidy the stem**: while a stem ends in what looks like the start of an adjectival or case ending
   (``-ам -ям -ом -ым -ім -ах -ях -аг -яг -ог``) it loses it, as long as ``MIN_STEM`` letters remain. The
   adjectival endings ``-аму -ага -ога -ым`` mis-split nouns whose stem ends that way (праграм|у is read as
   прагр|аму); tidying gives all their forms the same, shorter stem (праграма, праграму, праграмам → прагр;
   перамога, перамогі → пер; рэжым, рэжыму → рэж) instead of splitting them. A stem ending in ``-іц``/``-ыц``
   becomes ``-ік``/``-ык`` (палітыцы ~ палітыка; сталіца, сталіцы → сталік).

Limits (measured in tests/search/test_belarusian_stemmer.py, listed in docs/search.md): past-tense forms in
``-ла -ло -лі`` meet each other but not the infinitive (stripping them would break nouns in ``-ала``/``-аль``:
журнала, медалі); stem vowel alternations from stress (рабіць/робіць, горад/гарады, нясу/несці) and most consonant
alternations (рука/руцэ, нага/назе, газета/газеце) are not undone; genitive plurals with no ending (улад, праграм)
are fine, but those with a changed stem (дзяржаў from дзяржава) are not; tidying over-stems a few words (дарога →
дар, like дар "gift").
"""

from __future__ import annotations

import re

#: Words shorter than this are never stemmed.
MIN_WORD = 4
#: No rule may leave fewer letters than this.
MIN_STEM = 3

# Endings by what they inflect; a word loses at most one of them (the longest that fits). The groups overlap on
# purpose: an ending shared by a noun and an adjective is the same string to us.
NOUN_ENDINGS = (
    # singular and plural of the hard and soft declensions
    "а", "я", "о", "е", "э", "у", "ю", "ы", "і", "ь", "й",
    "ам", "ям", "ом", "ем", "эм", "ах", "ях", "амі", "ямі", "ьмі", "ові", "еві",
    "ой", "ою", "ай", "аю", "яй", "яю", "ей", "ею",
    "аў", "яў", "оў", "еў",
    # nouns in -ія/-ыя (санкцыя, рэпрэсія, Расія): the і/ы goes with the ending, so all forms meet
    "ія", "іі", "ію", "ій", "іяй", "іяю", "іям", "іямі", "іях",
    "ыя", "ыі", "ыю", "ый", "ыяй", "ыяю", "ыям", "ыямі", "ыях",
    # third declension in -ць (незалежнасць, радасці, радасцю, радасцей); never after ц (жыццю: жыцц-ю)
    "ць", "ці", "цю", "цей", "цям", "цямі", "цях",
)  # fmt: skip
ADJECTIVE_ENDINGS = (
    "ы", "і", "ая", "яя", "ое", "ае", "яе", "ую", "юю",
    "ага", "яга", "ога", "аму", "яму", "ому", "ым", "ім", "ых", "іх", "ымі", "імі", "ыя", "ія",
)  # fmt: skip
VERB_ENDINGS = (
    # infinitive
    "аць", "яць", "ець", "іць", "ыць", "уць", "юць",
    # present tense: vowel stems (чытаю, чытаеш, …), consonant stems (нясу, нясеш, …), second conjugation
    "аю", "яю", "аеш", "яеш", "ае", "яе", "аем", "яем", "аеце", "яеце", "аюць", "яюць",
    "еш", "эш", "ем", "эм", "еце", "эце",
    "іш", "ыш", "ім", "ым", "іце", "ыце",
    # past masculine (the other past forms: see the module's limits), imperative, gerund
    "аў", "яў", "іў", "ыў", "еў",
    "айце", "яйце", "йце",
    "аючы", "яючы", "ючы", "учы",
)  # fmt: skip
ENDINGS: tuple[str, ...] = tuple(sorted(set(NOUN_ENDINGS + ADJECTIVE_ENDINGS + VERB_ENDINGS), key=len, reverse=True))

#: Endings that also undo an alternation: ending → what replaces it.
ALTERNATIONS = {"дзе": "д", "сце": "ст"}
#: Fleeting vowels of the nominative singular: word ending → stem ending.
FLEETING = (("дзень", "дн"), ("зень", "зн"))
#: Verb endings the reflexive ``-ся`` may follow (змагаўся, змагалася, змагаемся, змагайся, …).
_REFLEXIVE_SIA = re.compile(r"(?:ў|л[аоі]|[юуйм]|ш|це)ся$")
#: What a stem may not end in (see the module docstring, rule 5).
TIDY = ("ам", "ям", "ом", "ым", "ім", "ах", "ях", "аг", "яг", "ог")

_CYRILLIC_WORD = re.compile(r"[а-яёіўґ'ʼ’]+")
_ENDINGS_BY_LENGTH: dict[int, frozenset[str]] = {
    n: frozenset(e for e in ENDINGS if len(e) == n) for n in {len(e) for e in ENDINGS}
}
_MAX_ENDING = max(_ENDINGS_BY_LENGTH)


def stem(word: str) -> str:
    """The stem of one Belarusian word (санкцыямі → санкц); anything that is not a Cyrillic word comes back as it is."""
    word = word.lower().replace("ё", "е")
    if not _CYRILLIC_WORD.fullmatch(word):
        return word
    word = word.replace("'", "").replace("ʼ", "").replace("’", "")
    if word.startswith("ў"):  # у/ў at the start of a word depend on the word before (у Мінску, ва ўладзе)
        word = "у" + word[1:]
    if len(word) < MIN_WORD:
        return word

    # 2. reflexive
    if word.endswith("цца") and len(word) - 3 >= MIN_STEM:
        word = word[:-3]
    elif _REFLEXIVE_SIA.search(word) and len(word) - 2 >= MIN_STEM:
        word = word[:-2]

    # 3. fleeting vowel (a nominative has no ending to strip, so this is all that happens to it)
    for ending, replacement in FLEETING:
        if word.endswith(ending) and len(word) - len(ending) + len(replacement) >= MIN_STEM + 1:
            return word[: -len(ending)] + replacement

    # 4. the longest ending that leaves enough
    stem_ = word
    for ending, replacement in ALTERNATIONS.items():
        if word.endswith(ending) and len(word) - len(ending) + len(replacement) >= MIN_STEM:
            stem_ = word[: -len(ending)] + replacement
            break
    else:
        for n in range(min(_MAX_ENDING, len(word) - MIN_STEM), 0, -1):
            ending = word[-n:]
            # the -ць endings are not taken from a geminate -цц- (жыццё, жыццю, жыцці: the stem is жыцц)
            if ending in _ENDINGS_BY_LENGTH.get(n, ()) and not (ending[0] == "ц" and word[-n - 1] == "ц"):
                stem_ = word[:-n]
                break

    # 5. tidy (repeatedly: праграмам → праграм → прагр, like праграму → прагр)
    while stem_[-2:] in TIDY and len(stem_) - 2 >= MIN_STEM:
        stem_ = stem_[:-2]
    if stem_[-2:] in ("іц", "ыц") and len(stem_) > MIN_STEM:
        stem_ = stem_[:-1] + "к"
    return stem_
