"""The mirror's pages carry the other spelling of their words, so Pagefind finds either orthography."""

from samvydat.mirror.searchindex import name_key_rules, spelling_variants_html


def page(text: str) -> str:
    return f'<html><body><header>Сьнег у шапцы</header><main id="main"><p>{text}</p></main></body></html>'


def test_a_taraskievica_page_carries_the_narkamauka_words():
    hidden = spelling_variants_html(page("Сьнег і зьезд у Эўропе."), language="be")
    assert hidden.startswith("<p hidden")
    words = hidden.split(">", 1)[1].rsplit("<", 1)[0].split()
    assert {"снег", "зезд", "еўропе"} <= set(words)
    assert "сьнег" not in words  # the page's own words are not repeated


def test_only_the_main_text_counts_and_plain_pages_get_nothing():
    assert spelling_variants_html(page("Снег у Мінску."), language="be") == ""
    assert "шапцы" not in spelling_variants_html(page("Сьнег"), language="be")


def test_english_pages_get_both_spellings():
    assert "defense" in spelling_variants_html(page("Ministry of Defence"), language="en")
    assert "defence" in spelling_variants_html(page("Department of Defense"), language="en")


def test_russian_pages_are_not_folded():
    assert spelling_variants_html(page("Полька и полка."), language="ru") == ""


def test_the_rules_for_the_browser_carry_the_belarusian_folds():
    rules = name_key_rules()["belarusianFolds"]
    assert ["э", "е"] in rules and all(len(rule) == 2 for rule in rules)
