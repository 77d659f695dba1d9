"""Two spellings of one language find each other: Belarusian taraškievica and narkamaŭka, British and American
English (``analysis.fold_spelling``), in the analysis, in the site's index and through the search page."""

from pathlib import Path

import pytest
from belorthography import Orthography, convert
from django.conf import settings

from samvydat.news.models import NewsPage
from samvydat.search.analysis import analyse, analyse_query, fold_spelling, tokenize
from samvydat.search.selectors import search

# Real pairs: (taraškievica, narkamaŭka), each a word as both orthographies write it.
BELARUSIAN_PAIRS = [
    ("сьнег", "снег"),
    ("Эўропа", "Еўропа"),
    ("парлямэнт", "парламент"),
    ("ґанак", "ганак"),
    ("зьезд", "з'езд"),
    ("сьвятло", "святло"),
    ("дзьве", "дзве"),
    ("сьвет", "свет"),
    ("зьмена", "змена"),
    ("сыстэма", "сістэма"),
    ("апазыцыя", "апазіцыя"),
    ("газэта", "газета"),
    ("плян", "план"),
    ("клюб", "клуб"),
    ("рэфэрэндум", "рэферэндум"),
    ("Бэльгія", "Бельгія"),
    ("сьмех", "смех"),
    ("лягер", "лагер"),
    ("Ґродна", "Гродна"),
    ("цьвёрды", "цвёрды"),
]
# (British, American)
ENGLISH_PAIRS = [
    ("defence", "defense"),
    ("programme", "program"),
    ("fertiliser", "fertilizer"),
    ("centre", "center"),
    ("organisation", "organization"),
    ("neighbours", "neighbors"),
    ("licence", "license"),
]


def folded(text: str, language: str) -> list[str]:
    return [fold_spelling(token, language=language) for token in tokenize(text)]


@pytest.mark.parametrize(("classical", "official"), BELARUSIAN_PAIRS)
def test_both_belarusian_orthographies_fold_to_one_word(classical, official):
    assert folded(classical, "be") == folded(official, "be")


@pytest.mark.parametrize(("british", "american"), ENGLISH_PAIRS)
def test_british_and_american_spellings_fold_to_one_word(british, american):
    assert folded(british, "en") == folded(american, "en")


def test_russian_words_are_not_folded():
    # полька and полка, галька and галка are different Russian words: a ь between consonants must stay there.
    for word in ("полька", "полка", "галька", "письмо", "съезд", "это"):
        assert folded(word, "ru") == tokenize(word)
    assert folded("полька", "ru") != folded("полка", "ru")


def test_a_document_and_a_query_meet_on_the_folded_word():
    document = analyse("Зьезд у Эўропе і парлямэнт пад сьнегам", language="be")
    query = analyse_query("з'езд Еўропа парламент снег", language="be")
    for term in query.terms:
        assert term.word in document.words.split() or term.stem in document.stems.split(), term


def test_two_spellings_in_one_query_are_one_term():
    assert len(analyse_query("сьнег снег", language="be").terms) == 1


def test_belorthography_conversions_of_the_demo_texts_fold_back():
    """belorthography writes narkamaŭka text in taraškievica (its soft-assimilation rules): every word it changes
    must fold back to the narkamaŭka word. The demo's Belarusian texts are the corpus."""
    words: set[str] = set()
    for path in sorted(Path(settings.BASE_DIR, "demo", "content").rglob("*.be.md")):
        words.update(tokenize(path.read_text(encoding="utf-8")))
    changed = 0
    misses = []
    for word in sorted(words):
        classical = tokenize(convert(word, Orthography.OFFICIAL, Orthography.CLASSICAL))
        if classical == [word]:
            continue
        changed += 1
        if folded(" ".join(classical), "be") != folded(word, "be"):
            misses.append((word, classical))
    assert changed > 200, changed  # the demo's texts are long enough to exercise the rules
    assert len(misses) <= changed // 50, misses[:20]  # at least 98 % fold back


@pytest.mark.django_db
def test_the_site_search_finds_either_orthography(django_capture_on_commit_callbacks):
    page = NewsPage.objects.filter(locale__language_code="be").first()
    page.title = "Зьезд у Эўропе: парлямэнт пад сьнегам"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    for query in ("з'езд", "Еўропа", "парламент", "снег", "зьезд", "Эўропа"):
        found = {document.page_id for document in search(query=query, language="be").documents}
        assert page.pk in found, query


@pytest.mark.django_db
def test_the_search_page_highlights_the_other_spelling(client, django_capture_on_commit_callbacks):
    page = NewsPage.objects.filter(locale__language_code="be").first()
    page.title = "Парлямэнт зьбіраецца"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    response = client.get("/be/search/", {"q": "парламент"})
    assert response.status_code == 200
    assert "<mark>Парлямэнт</mark>" in response.content.decode()
