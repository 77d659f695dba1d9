"""The light Belarusian stemmer on a word list of inflected forms grouped by lemma (no database)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samvydat.search import belarusian_stemmer
from samvydat.search.belarusian_stemmer import MIN_STEM, MIN_WORD, stem

#: lemma → inflected forms that must share one stem. Nouns in all cases of both numbers, adjectives in every
#: gender, case and number, verbs in the present, the infinitive, the masculine past and the imperative.
LEMMAS = {
    # nouns
    "санкцыя": "санкцыя санкцыі санкцыю санкцыяй санкцыяю санкцый санкцыям санкцыямі санкцыях",
    "рэпрэсія": "рэпрэсія рэпрэсіі рэпрэсію рэпрэсіяй рэпрэсій рэпрэсіям рэпрэсіямі рэпрэсіях",
    "палітвязень": "палітвязень палітвязня палітвязню палітвязнем палітвязні палітвязняў палітвязням палітвязнямі палітвязнях",
    "выбары": "выбары выбараў выбарам выбарамі выбарах",
    "пратэст": "пратэст пратэсту пратэстам пратэсце пратэсты пратэстаў пратэстамі пратэстах",
    "суд": "суд суда суду судом судзе суды судоў судам судамі судах",
    "улада": "улада ўлада улады уладзе ўладзе уладу уладай уладаю улад уладам уладамі уладах",
    "свабода": "свабода свабоды свабодзе свабоду свабодай свабодаю",
    "незалежнасць": "незалежнасць незалежнасці незалежнасцю",
    "грамадства": "грамадства грамадству грамадствам грамадстве",
    "жанчына": "жанчына жанчыны жанчыне жанчыну жанчынай жанчын жанчынам жанчынамі жанчынах",
    "краіна": "краіна краіны краіне краіну краінай краін краінам краінамі краінах",
    "тыдзень": "тыдзень тыдня тыдню тыднем тыдні тыдняў тыднях",
    "праграма": "праграма праграмы праграме праграму праграмай праграм праграмам праграмамі праграмах",
    "перамога": "перамога перамогі перамогу перамогай перамог перамогам",
    "рэжым": "рэжым рэжыму рэжымам рэжыме рэжымы рэжымаў",
    "палітыка": "палітыка палітыкі палітыцы палітыку палітыкай",
    "сталіца": "сталіца сталіцы сталіцу сталіцай сталіц",
    "людзі": "людзі людзей людзям людзьмі людзях",
    "горад": "горад горада гораду горадам горадзе",
    "сям'я": "сям'я сям'і сям'ю сям'ёй сямʼя сям’я",
    "журналіст": "журналіст журналіста журналісту журналістам журналісце журналісты журналістаў журналістамі журналістах",
    "дзяржава": "дзяржава дзяржавы дзяржаве дзяржаву дзяржавай дзяржавам дзяржавамі дзяржавах",
    "жыццё": "жыццё жыцця жыццю жыццём жыцці",
    "выступленне": "выступленне выступлення выступленню выступленнем выступленні выступленняў выступленнямі",
    "Лукашэнка": "Лукашэнка Лукашэнкі Лукашэнку Лукашэнкам",
    # adjectives (and surnames declined like them)
    "палітычны": "палітычны палітычнага палітычнаму палітычным палітычная палітычнай палітычную палітычнае палітычныя палітычных палітычнымі",
    "беларускі": "беларускі беларускага беларускаму беларускім беларуская беларускай беларускую беларускае беларускія беларускіх беларускімі",
    "малады": "малады маладога маладому маладым маладая маладой маладую маладое маладыя маладых маладымі",
    "Ціханоўская": "Ціханоўская Ціханоўскай Ціханоўскую Ціханоўскаю",
    "Бяляцкі": "Бяляцкі Бяляцкага Бяляцкаму Бяляцкім",
    # verbs
    "затрымаць": "затрымаць затрымаю затрымаеш затрымае затрымаем затрымаеце затрымаюць затрымаў затрымай затрымайце",
    "змагацца": "змагацца змагаюся змагаешся змагаецца змагаемся змагаюцца змагаўся змагайся",
    "лічыць": "лічыць лічу лічыш лічым лічыце лічаць лічыў",
    "асудзіць": "асудзіць асудзіш асудзім асудзіце асудзяць асудзіў",
    "чытаць": "чытаць чытаю чытаеш чытае чытаем чытаеце чытаюць чытаў чытай чытаючы",
}
FORMS = {lemma: forms.split() for lemma, forms in LEMMAS.items()}


def test_the_word_list_is_big_enough():
    assert sum(len(forms) for forms in FORMS.values()) >= 60
    assert len(FORMS) >= 30


@pytest.mark.parametrize("lemma", FORMS)
def test_the_forms_of_a_word_share_one_stem(lemma):
    stems = {form: stem(form) for form in FORMS[lemma]}
    assert len(set(stems.values())) == 1, stems


def test_different_words_keep_different_stems():
    by_stem: dict[str, list[str]] = {}
    for lemma, forms in FORMS.items():
        by_stem.setdefault(stem(forms[0]), []).append(lemma)
    assert {s: lemmas for s, lemmas in by_stem.items() if len(lemmas) > 1} == {}


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("санкцыямі", "санкц"),
        ("палітвязняў", "палітвязн"),
        ("рэпрэсій", "рэпрэс"),
        ("незалежнасці", "незалежнас"),
        ("праграму", "прагр"),  # tidied: праграм|у is read as прагр|аму, so every form gets прагр
        ("сталіцы", "сталік"),  # -іц → -ік, so that палітыцы meets палітыка
        ("ЁЛКА", "елк"),  # folds case and ё itself
    ],
)
def test_examples(word, expected):
    assert stem(word) == expected


@pytest.mark.parametrize("word", ["мы", "яны", "дом", "суд", "час", "там", "ён", "яго", "ці", "у", ""])
def test_short_words_are_not_over_stemmed(word):
    result = stem(word)
    assert result == word.replace("ё", "е") or len(result) >= MIN_STEM


@pytest.mark.parametrize("word", ["Lukashenka", "2020", "санкцыі2", "中文", "a-b", "санк-цыі"])
def test_anything_but_a_cyrillic_word_comes_back_unchanged(word):
    assert stem(word) == word.lower()


def test_documented_limits():
    """What docs/search.md says the stemmer does not do: these tests keep the documentation honest."""
    # the past in -ла/-ло/-лі meets itself, not the infinitive
    assert stem("затрымала") == stem("затрымалі") != stem("затрымаць")
    # stress alternations in the stem
    assert stem("горад") != stem("гарады")
    # consonant alternations other than дз/сц in the locative
    assert stem("газета") != stem("газеце")
    # the nominative дзень (2-letter stem дн is below the minimum)
    assert stem("дзень") != stem("дня")
    # the -сце rule takes a nominative in -сце for a locative
    assert stem("шчасце") != stem("шчасця")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="абвгдежзійклмнопрстуўфхцчшыьэюяё'", max_size=20))
def test_never_raises_and_keeps_a_minimum_stem(word):
    result = stem(word)
    assert isinstance(result, str)
    if len(word) >= MIN_WORD and "'" not in word:
        assert len(result) >= MIN_STEM


@given(st.text(max_size=30))
def test_never_raises_on_any_text(text):
    assert isinstance(belarusian_stemmer.stem(text), str)


def test_two_hundred_common_words_keep_two_hundred_stems():
    """The 200 common Belarusian words of tests/search/common_words.py (distinct lemmas) do not collide."""
    from samvydat.search.analysis import stem as analysis_stem

    from .common_words import BELARUSIAN

    stems = {analysis_stem(word, language="be") for word in BELARUSIAN}
    assert len(BELARUSIAN) == 200
    assert len(stems) == 200
