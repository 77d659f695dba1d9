"""How much do name keys merge unrelated words? ``python -m tests.search.measure_keys`` prints the figures quoted in
docs/search.md; tests/search/test_analysis.py checks the word-list ones.

Two measures:

* word lists (tests/search/common_words.py): 200 common dictionary words per language, distinct lemmas; how many
  distinct name keys they give, and which words share one;
* the vocabulary of the benchmark corpus generator (samvydat/packages/corpus.py): distinct stems per language and
  how many of them share a name key with a different stem (the issue's "6–8 % of unrelated stems" measure).
"""

from collections import defaultdict

from samvydat.search.analysis import name_key, stem, token_language, tokenize

from .common_words import BELARUSIAN, ENGLISH, RUSSIAN

WORD_LISTS = {"be": BELARUSIAN, "ru": RUSSIAN, "en": ENGLISH}


def key_merges(words: list[str]) -> tuple[int, int, list[list[str]]]:
    """(distinct words, distinct keys, the groups of words that share a key)."""
    by_key: dict[str, list[str]] = defaultdict(list)
    distinct = list(dict.fromkeys(tokenize(" ".join(words))))
    for word in distinct:
        by_key[name_key(word) or word].append(word)
    return len(distinct), len(by_key), [group for group in by_key.values() if len(group) > 1]


def stem_merges(words: set[str], language: str) -> tuple[int, int, list[list[str]]]:
    """(distinct stems, stems that share a key with another stem, the groups)."""
    stems_by_key: dict[str, set[str]] = defaultdict(set)
    for word in words:
        stems_by_key[name_key(word)].add(stem(word, language=language))
    stems = set().union(*stems_by_key.values()) if stems_by_key else set()
    groups = [sorted(group) for group in stems_by_key.values() if len(group) > 1]
    return len(stems), sum(len(group) for group in groups), groups


def corpus_vocabulary() -> dict[str, set[str]]:
    """The words (3+ letters, in the language's own script) of the corpus generator's sentences and names."""
    from samvydat.packages import corpus

    texts: dict[str, list[str]] = defaultdict(list)

    def walk(value, language=None):
        if isinstance(value, str):
            texts[language].append(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, key if key in WORD_LISTS else language)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item, language)

    for name in ("GENERIC", "TOPICAL", "TOPICS", "ROLES", "ANALYST_AFFILIATION"):
        walk(getattr(corpus, name, None))
    for person in corpus.PEOPLE:
        walk(person.names)
    return {
        language: {
            token
            for text in texts[language]
            for token in tokenize(text)
            if len(token) >= 3 and token_language(token, language=language) == language
        }
        for language in WORD_LISTS
    }


def main() -> None:
    print("Word lists (dictionary forms, distinct lemmas):")
    total = []
    for language, words in WORD_LISTS.items():
        n_words, n_keys, groups = key_merges(words)
        total += words
        merged = sum(len(group) for group in groups)
        print(
            f"  {language}: {n_words} words → {n_keys} keys; {merged} words ({merged / n_words:.1%}) share a key: {groups}"
        )
    n_words, n_keys, _ = key_merges(total)
    print(
        f"  all three together: {n_words} distinct words → {n_keys} keys (cognates across languages merge on purpose)"
    )
    print("Corpus generator vocabulary (stems sharing a name key with another stem):")
    for language, words in corpus_vocabulary().items():
        n_stems, merged, groups = stem_merges(words, language)
        print(
            f"  {language}: {len(words)} words, {n_stems} stems, {merged} ({merged / n_stems:.1%}) merged, e.g. {groups[:8]}"
        )


if __name__ == "__main__":
    main()
