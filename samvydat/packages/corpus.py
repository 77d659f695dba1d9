"""A large synthetic content package for benchmarks (``manage.py generate_corpus``; docs/content-format.md).

The same ``items`` and ``seed`` always give byte-identical files. The text is assembled from the word lists
and sentence templates below: grammatical enough to look like the archive (names in their several spellings,
Belarusian and Russian surnames inflected), meaningless on purpose. Real public figures appear by name so that
spelling variants are exercised; nothing the generated sentences say about them is true.
"""

import datetime
import functools
import random
import re
import shutil
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .frontmatter import render

LANGS = ("en", "be", "ru")
#: The newest weekly issue; the archive goes back week by week from here (fixed, so output never depends on today).
LAST_WEEK = datetime.date(2025, 12, 15)
PDF_PATH = "media/corpus-plan.pdf"
IMAGE_PATHS = tuple(f"media/corpus-{n}.png" for n in range(4))


# --- People, organisations, topics -------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class Person:
    key: str
    gender: str  # "m" or "f": picks verb forms and surname endings
    names: dict[str, str]  # language → full name
    latin: tuple[str, ...]  # other Latin spellings
    role: str  # key of ROLES

    def surname(self, lang: str, case: str = "nom") -> str:
        return inflect(self.names[lang].split()[-1], lang, self.gender, case)

    def latin_surnames(self) -> list[str]:
        return _unique([self.names["en"].split()[-1], *(name.split()[-1] for name in self.latin)])

    def aliases(self, lang: str) -> list[str]:
        spellings = [*self.latin, *(self.names[code] for code in LANGS), *(self.surname(c) for c in ("be", "ru"))]
        return [name for name in _unique(spellings) if name != self.names[lang]]


def _person(key, gender, en, be, ru, latin, role) -> Person:
    return Person(key, gender, {"en": en, "be": be, "ru": ru}, tuple(latin), role)


PEOPLE = [
    _person("lukashenka", "m", "Aliaksandr Lukashenka", "Аляксандр Лукашэнка", "Александр Лукашенко", ["Lukashenko", "Alexander Lukashenko", "Łukašenka"], "ruler"),
    _person("tsikhanouskaya", "f", "Sviatlana Tsikhanouskaya", "Святлана Ціханоўская", "Светлана Тихановская", ["Tikhanovskaya", "Svetlana Tikhanovskaya", "Cichanoŭskaja"], "democrat"),
    _person("tsikhanouski", "m", "Siarhei Tsikhanouski", "Сяргей Ціханоўскі", "Сергей Тихановский", ["Tikhanovsky", "Sergei Tikhanovsky"], "prisoner"),
    _person("latushka", "m", "Pavel Latushka", "Павел Латушка", "Павел Латушко", ["Latushko", "Pavel Latushko"], "democrat"),
    _person("kalesnikava", "f", "Maryia Kalesnikava", "Марыя Калеснікава", "Мария Колесникова", ["Kolesnikova", "Maria Kolesnikova"], "prisoner"),
    _person("babaryka", "m", "Viktar Babaryka", "Віктар Бабарыка", "Виктор Бабарико", ["Babariko", "Viktor Babariko"], "prisoner"),
    _person("bialiatski", "m", "Ales Bialiatski", "Алесь Бяляцкі", "Алесь Беляцкий", ["Byalyatski", "Aleś Bialacki"], "prisoner"),
    _person("znak", "m", "Maksim Znak", "Максім Знак", "Максим Знак", ["Maxim Znak"], "prisoner"),
    _person("statkevich", "m", "Mikalai Statkevich", "Мікалай Статкевіч", "Николай Статкевич", ["Nikolai Statkevich", "Statkevič"], "prisoner"),
    _person("losik", "m", "Ihar Losik", "Ігар Лосік", "Игорь Лосик", ["Igor Losik"], "journalist"),
    _person("andreyeva", "f", "Katsiaryna Andreyeva", "Кацярына Андрэева", "Екатерина Андреева", ["Andreeva", "Ekaterina Andreeva"], "journalist"),
    _person("pratasevich", "m", "Raman Pratasevich", "Раман Пратасевіч", "Роман Протасевич", ["Protasevich", "Roman Protasevich"], "journalist"),
    _person("alexievich", "f", "Sviatlana Alexievich", "Святлана Алексіевіч", "Светлана Алексиевич", ["Svetlana Alexievich", "Aleksijevič"], "writer"),
    _person("tsapkala", "m", "Valery Tsapkala", "Валерый Цапкала", "Валерий Цепкало", ["Tsepkalo", "Valery Tsepkalo"], "democrat"),
    _person("makei", "m", "Uladzimir Makei", "Уладзімір Макей", "Владимир Макей", ["Vladimir Makei", "Makey"], "official"),
    _person("halouchanka", "m", "Raman Halouchanka", "Раман Галоўчанка", "Роман Головченко", ["Golovchenko", "Roman Golovchenko"], "official"),
    _person("karayeu", "m", "Yury Karayeu", "Юрый Караеў", "Юрий Караев", ["Karaev", "Yuri Karaev"], "official"),
    _person("kachanava", "f", "Natallia Kachanava", "Наталля Качанава", "Наталья Кочанова", ["Kochanova", "Natalia Kochanova"], "official"),
    _person("yarmoshyna", "f", "Lidziya Yarmoshyna", "Лідзія Ярмошына", "Лидия Ермошина", ["Yermoshina", "Lidia Yermoshina"], "official"),
    _person("kubrakou", "m", "Ivan Kubrakou", "Іван Кубракоў", "Иван Кубраков", ["Kubrakov", "Ivan Kubrakov"], "official"),
    _person("khrenin", "m", "Viktar Khrenin", "Віктар Хрэнін", "Виктор Хренин", ["Viktor Khrenin"], "official"),
    _person("putin", "m", "Vladimir Putin", "Уладзімір Пуцін", "Владимир Путин", ["Poutine"], "foreign"),
    _person("lavrov", "m", "Sergei Lavrov", "Сяргей Лаўроў", "Сергей Лавров", ["Sergey Lavrov"], "foreign"),
    _person("borrell", "m", "Josep Borrell", "Жазэп Барэль", "Жозеп Боррель", ["Josep Borrell Fontelles"], "foreign"),
    # Fictional analysts: the authors, participants and moderators of the corpus.
    _person("sakalova", "f", "Alena Sakalova", "Алена Сакалова", "Елена Соколова", ["Elena Sokolova", "Sokolova"], "analyst"),
    _person("marozau", "m", "Andrei Marozau", "Андрэй Марозаў", "Андрей Морозов", ["Andrei Morozov", "Morozov"], "analyst"),
    _person("hlebik", "f", "Iryna Hlebik", "Ірына Глебік", "Ирина Глебик", ["Irina Glebik"], "analyst"),
    _person("dubouski", "m", "Aleh Dubouski", "Алег Дубоўскі", "Олег Дубовский", ["Oleg Dubovsky", "Dubovsky"], "analyst"),
    _person("navumava", "f", "Volha Navumava", "Вольга Навумава", "Ольга Наумова", ["Olga Naumova", "Naumova"], "analyst"),
    _person("karpovich", "m", "Dzmitry Karpovich", "Дзмітрый Карповіч", "Дмитрий Карпович", ["Dmitry Karpovich"], "analyst"),
    _person("lysenka", "m", "Yauhen Lysenka", "Яўген Лысенка", "Евгений Лысенко", ["Evgeny Lysenko", "Lysenko"], "analyst"),
    _person("zhuk", "f", "Tatsiana Zhuk", "Таццяна Жук", "Татьяна Жук", ["Tatiana Zhuk"], "analyst"),
    _person("bahdanovich", "m", "Mikhas Bahdanovich", "Міхась Багдановіч", "Михаил Богданович", ["Mikhail Bogdanovich", "Bogdanovich"], "analyst"),
    _person("kupreyeva", "f", "Darya Kupreyeva", "Дар'я Купрэева", "Дарья Купреева", ["Daria Kupreeva", "Kupreeva"], "analyst"),
    _person("tsvirka", "m", "Paval Tsvirka", "Павал Цвірка", "Павел Цвирко", ["Pavel Tsvirko", "Tsvirko"], "analyst"),
]  # fmt: skip
ANALYSTS = [p for p in PEOPLE if p.role == "analyst"]
MODERATORS = [p for p in PEOPLE if p.role == "democrat"] + ANALYSTS[:3]

#: role → (en, be masculine, be feminine, ru masculine, ru feminine)
ROLES = {
    "ruler": ("Ruler of Belarus since 1994", "Кіруе Беларуссю з 1994 года", "", "Правит Беларусью с 1994 года", ""),
    "democrat": ("Politician of the democratic forces", "Палітык дэмакратычных сіл", "Палітык дэмакратычных сіл", "Политик демократических сил", "Политик демократических сил"),
    "prisoner": ("Political prisoner", "Палітвязень", "Палітвязніца", "Политзаключённый", "Политзаключённая"),
    "journalist": ("Journalist", "Журналіст", "Журналістка", "Журналист", "Журналистка"),
    "writer": ("Writer", "Пісьменнік", "Пісьменніца", "Писатель", "Писательница"),
    "official": ("Member of the regime's leadership", "Прадстаўнік кіраўніцтва рэжыму", "Прадстаўніца кіраўніцтва рэжыму", "Представитель руководства режима", "Представительница руководства режима"),
    "foreign": ("Foreign politician", "Замежны палітык", "Замежны палітык", "Зарубежный политик", "Зарубежный политик"),
    "analyst": ("Political analyst", "Палітычны аналітык", "Палітычны аналітык", "Политический аналитик", "Политический аналитик"),
}  # fmt: skip
ANALYST_AFFILIATION = {
    "en": "Samvydat Research Desk",
    "be": "Даследчая група samvydat",
    "ru": "Исследовательская группа samvydat",
}


def role(person: Person, lang: str) -> str:
    en, be_m, be_f, ru_m, ru_f = ROLES[person.role]
    female = person.gender == "f"
    return {"en": en, "be": be_f if female else be_m, "ru": ru_f if female else ru_m}[lang]


@dataclass(frozen=True, eq=False)
class Organisation:
    key: str
    names: dict[str, str]  # language → name (nominative)
    genitive: dict[str, str]  # language → how sentences name it after "of"/"по данным" (en: with its article)
    latin: tuple[str, ...]


def _org(key, en, be, be_gen, ru, ru_gen, latin, article=True) -> Organisation:
    return Organisation(
        key,
        {"en": en, "be": be, "ru": ru},
        {"en": ("the " if article else "") + en, "be": be_gen, "ru": ru_gen},
        tuple(latin),
    )


ORGANISATIONS = [
    _org("nam", "National Anti-Crisis Management", "Нацыянальнае антыкрызіснае ўпраўленне", "Нацыянальнага антыкрызіснага ўпраўлення", "Национальное антикризисное управление", "Национального антикризисного управления", ["NAM", "НАУ"]),
    _org("coordination-council", "Coordination Council", "Каардынацыйная рада", "Каардынацыйнай рады", "Координационный совет", "Координационного совета", []),
    _org("tsikhanouskaya-office", "Office of Sviatlana Tsikhanouskaya", "Офіс Святланы Ціханоўскай", "Офіса Святланы Ціханоўскай", "Офис Светланы Тихановской", "Офиса Светланы Тихановской", ["Office of Sviatlana Tikhanovskaya"]),
    _org("viasna", "Human Rights Centre Viasna", "Праваабарончы цэнтр «Вясна»", "Праваабарончага цэнтра «Вясна»", "Правозащитный центр «Весна»", "Правозащитного центра «Весна»", ["Viasna", "Vesna", "Вясна", "Весна"]),
    _org("baj", "Belarusian Association of Journalists", "Беларуская асацыяцыя журналістаў", "Беларускай асацыяцыі журналістаў", "Белорусская ассоциация журналистов", "Белорусской ассоциации журналистов", ["BAJ", "БАЖ"]),
    _org("bysol", "BYSOL solidarity fund", "Фонд салідарнасці BYSOL", "Фонду салідарнасці BYSOL", "Фонд солидарности BYSOL", "Фонда солидарности BYSOL", ["BYSOL"]),
    _org("transitional-cabinet", "United Transitional Cabinet", "Аб'яднаны пераходны кабінет", "Аб'яднанага пераходнага кабінета", "Объединённый переходный кабинет", "Объединённого переходного кабинета", []),
    _org("bkdp", "Belarusian Congress of Democratic Trade Unions", "Беларускі кангрэс дэмакратычных прафсаюзаў", "Беларускага кангрэса дэмакратычных прафсаюзаў", "Белорусский конгресс демократических профсоюзов", "Белорусского конгресса демократических профсоюзов", ["BKDP", "БКДП"]),
]  # fmt: skip

#: topic key → names (en, be, ru)
TOPICS = {
    "belarus-west": ("Belarus and the West", "Беларусь і Захад", "Беларусь и Запад"),
    "belarus-russia": ("Belarus and Russia", "Беларусь і Расія", "Беларусь и Россия"),
    "domestic-politics": ("Domestic politics", "Унутраная палітыка", "Внутренняя политика"),
    "economy": ("Economy", "Эканоміка", "Экономика"),
    "repression": ("Repression", "Рэпрэсіі", "Репрессии"),
    "civil-society": ("Civil society", "Грамадзянская супольнасць", "Гражданское общество"),
    "security": ("Security and defence", "Бяспека і абарона", "Безопасность и оборона"),
    "media": ("Independent media", "Незалежныя медыя", "Независимые СМИ"),
}


# --- Surname inflection: (ending, gender, genitive, dative, instrumental); first match wins, none = indeclinable
CASES = ("gen", "dat", "ins")
_ENDINGS = {
    "be": [
        ("ская", "f", "скай", "скай", "скай"), ("ава", "f", "авай", "авай", "авай"), ("ова", "f", "овай", "овай", "овай"),
        ("ева", "f", "евай", "евай", "евай"), ("ына", "f", "ынай", "ынай", "ынай"), ("іна", "f", "інай", "інай", "інай"),
        ("скі", "m", "скага", "скаму", "скім"), ("цкі", "m", "цкага", "цкаму", "цкім"), ("ка", "m", "кі", "ку", "кам"),
        ("ла", "m", "лы", "лу", "лам"), ("аў", "m", "ава", "аву", "авым"), ("оў", "m", "ова", "ову", "овым"),
        ("еў", "m", "ева", "еву", "евым"), ("ін", "m", "іна", "іну", "іным"), ("й", "m", "я", "ю", "ем"),
        ("ь", "m", "я", "ю", "ем"), ("", "m", "а", "у", "ам"),
    ],
    "ru": [
        ("ая", "f", "ой", "ой", "ой"), ("ова", "f", "овой", "овой", "овой"), ("ева", "f", "евой", "евой", "евой"),
        ("ина", "f", "иной", "иной", "иной"), ("ский", "m", "ского", "скому", "ским"), ("цкий", "m", "цкого", "цкому", "цким"),
        ("о", "m", "о", "о", "о"), ("ов", "m", "ова", "ову", "овым"), ("ев", "m", "ева", "еву", "евым"),
        ("ин", "m", "ина", "ину", "иным"), ("й", "m", "я", "ю", "ем"), ("ь", "m", "я", "ю", "ем"),
        ("ч", "m", "ча", "чу", "чем"), ("", "m", "а", "у", "ом"),
    ],
}  # fmt: skip


@functools.cache
def inflect(surname: str, lang: str, gender: str, case: str) -> str:
    """``surname`` in ``case`` (nom, gen, dat, ins); English and unmatched (e.g. female -іч) names do not change."""
    if case == "nom" or lang not in _ENDINGS:
        return surname
    for ending, rule_gender, *forms in _ENDINGS[lang]:
        if rule_gender == gender and surname.endswith(ending):
            return surname[: len(surname) - len(ending)] + forms[CASES.index(case)]
    return surname


# --- Word lists and sentence templates ---------------------------------------------------------------------
#: Clauses any text may use (lower case, no full stop).
GENERIC = {
    "en": ["pressure on independent voices is not easing", "the authorities still rely on force", "the situation remains tense, although there is no open crisis", "decisions are taken in a narrow circle without public debate", "the official rhetoric matches reality less and less", "the democratic forces have gained more room for manoeuvre", "the stakes have risen for every side", "the main consequences will only show in a few months", "society is tired but has not given in", "the old arrangements no longer work"],
    "be": ["ціск на незалежныя галасы не слабее", "улады па-ранейшаму робяць стаўку на сілу", "сітуацыя застаецца напружанай, хоць адкрытага крызісу няма", "рашэнні прымаюцца ў вузкім коле і без публічнага абмеркавання", "афіцыйная рыторыка ўсё менш супадае з рэчаіснасцю", "у дэмакратычных сіл з'явілася больш прасторы для манеўру", "стаўкі для ўсіх бакоў прыкметна ўзраслі", "галоўныя наступствы праявяцца толькі праз некалькі месяцаў", "грамадства стамілася, але не скарылася", "ранейшыя дамоўленасці больш не працуюць"],
    "ru": ["давление на независимые голоса не ослабевает", "власти по-прежнему делают ставку на силу", "ситуация остаётся напряжённой, хотя открытого кризиса нет", "решения принимаются в узком кругу и без публичного обсуждения", "официальная риторика всё меньше совпадает с реальностью", "у демократических сил появилось больше пространства для манёвра", "ставки для всех сторон заметно выросли", "главные последствия проявятся только через несколько месяцев", "общество устало, но не смирилось", "прежние договорённости больше не работают"],
}  # fmt: skip
#: Clauses about one topic, per language, in the order of TOPICS.
TOPICAL = {
    "en": [
        ["the European Union is preparing a new sanctions package", "Minsk is seeking contacts with European capitals without changing course", "Western embassies keep monitoring political trials"],
        ["Moscow is pressing for new concessions within the Union State", "dependence on Russian loans keeps growing", "joint military exercises have become almost permanent"],
        ["the constitutional reform serves above all to preserve power", "the nomenklatura is preparing for another campaign", "local elections take place without real competition"],
        ["economic growth has slowed while inflation has picked up", "state enterprises live on cheap loans", "exports of potash and oil products are looking for detours"],
        ["the number of political prisoners has grown again", "courts hand down sentences for comments on social media", "journalists and human-rights defenders have been searched"],
        ["solidarity initiatives keep raising help", "the diaspora is building new support networks", "independent trade unions work under a ban"],
        ["additional troops are concentrated near the border", "military spending is growing faster than social spending", "the security services have been given new powers"],
        ["several more websites have been declared 'extremist'", "journalists are forced to work from abroad", "subscribing to independent channels has become a criminal risk"],
    ],
    "be": [
        ["Еўрасаюз рыхтуе новы пакет санкцый", "Мінск шукае кантакты з еўрапейскімі сталіцамі, не мяняючы курсу", "заходнія амбасады працягваюць сачыць за палітычнымі працэсамі"],
        ["Масква дамагаецца новых саступак у межах Саюзнай дзяржавы", "залежнасць ад расійскіх крэдытаў працягвае расці", "сумесныя вучэнні сталі амаль пастаяннымі"],
        ["рэформа канстытуцыі служыць перадусім захаванню ўлады", "наменклатура рыхтуецца да чарговай кампаніі", "мясцовыя выбары праходзяць без рэальнай канкурэнцыі"],
        ["рост эканомікі запаволіўся, а інфляцыя паскорылася", "дзяржаўныя прадпрыемствы жывуць за кошт танных крэдытаў", "экспарт калію і нафтапрадуктаў шукае абходныя маршруты"],
        ["колькасць палітычных вязняў зноў вырасла", "суды выносяць прысуды за каментары ў сацсетках", "ператрусы прайшлі ў журналістаў і праваабаронцаў"],
        ["ініцыятывы салідарнасці працягваюць збіраць дапамогу", "дыяспара стварае новыя сеткі падтрымкі", "незалежныя прафсаюзы працуюць ва ўмовах забароны"],
        ["каля мяжы сканцэнтраваныя дадатковыя войскі", "ваенныя выдаткі растуць хутчэй за сацыяльныя", "сілавыя структуры атрымалі новыя паўнамоцтвы"],
        ["яшчэ некалькі сайтаў прызнаныя «экстрэмісцкімі»", "журналісты вымушаныя працаваць з-за мяжы", "падпіска на незалежныя каналы стала крымінальнай рызыкай"],
    ],
    "ru": [
        ["Евросоюз готовит новый пакет санкций", "Минск ищет контакты с европейскими столицами, не меняя курса", "западные посольства продолжают следить за политическими процессами"],
        ["Москва добивается новых уступок в рамках Союзного государства", "зависимость от российских кредитов продолжает расти", "совместные учения стали почти постоянными"],
        ["реформа конституции служит прежде всего сохранению власти", "номенклатура готовится к очередной кампании", "местные выборы проходят без реальной конкуренции"],
        ["рост экономики замедлился, а инфляция ускорилась", "государственные предприятия живут за счёт дешёвых кредитов", "экспорт калия и нефтепродуктов ищет обходные маршруты"],
        ["число политических заключённых снова выросло", "суды выносят приговоры за комментарии в соцсетях", "обыски прошли у журналистов и правозащитников"],
        ["инициативы солидарности продолжают собирать помощь", "диаспора создаёт новые сети поддержки", "независимые профсоюзы работают в условиях запрета"],
        ["у границы сосредоточены дополнительные войска", "военные расходы растут быстрее социальных", "силовые структуры получили новые полномочия"],
        ["ещё несколько сайтов признаны «экстремистскими»", "журналисты вынуждены работать из-за границы", "подписка на независимые каналы стала уголовным риском"],
    ],
}  # fmt: skip
#: Slots: {P} full name, {p}/{p_gen}/{p_dat}/{p_ins} the surname, {said}, {org}, {c}/{c2} clauses, {city}, {date}, {n}.
SENTENCES = {
    "en": ["{P} {said} that {c}.", "According to {p}, {c}.", "On {date} {city}, {c}.", "Observers note that {c}.", "In a conversation with {p}, representatives of {org} stressed that {c}.", "{p} had to admit that {c}.", "Only {n} days ago it seemed that {c2}; now it is clear that {c}.", "The statement of {org} of {date} shows that {c}.", "The main conclusion of the week: {c}.", "Analysts point out that {c}.", "People close to {p} are convinced that {c}.", "Supporters of {p} {city} believe that {c}.", "The dispute around {p} showed once again that {c}.", "According to {org}, {c}.", "{p}'s camp insists that {c}."],
    "be": ["{P} {said}, што {c}.", "Паводле {p_gen}, {c}.", "{date} {city} {c}.", "Як адзначаюць назіральнікі, {c}.", "У размове з {p_ins} прадстаўнікі {org} падкрэслілі, што {c}.", "{p_dat} давялося прызнаць, што {c}.", "Яшчэ {n} дзён таму здавалася, што {c2}; цяпер зразумела, што {c}.", "Заява {org} ад {date} паказвае, што {c}.", "Галоўная выснова тыдня: {c}.", "Аналітыкі звяртаюць увагу на тое, што {c}.", "У атачэнні {p_gen} упэўненыя, што {c}.", "Прыхільнікі {p_gen} {city} лічаць, што {c}.", "Спрэчка вакол {p_gen} зноў паказала, што {c}.", "Паводле звестак {org}, {c}.", "Каманда {p_gen} настойвае на тым, што {c}."],
    "ru": ["{P} {said}, что {c}.", "По словам {p_gen}, {c}.", "{date} {city} {c}.", "Как отмечают наблюдатели, {c}.", "В разговоре с {p_ins} представители {org} подчеркнули, что {c}.", "{p_dat} пришлось признать, что {c}.", "Ещё {n} дней назад казалось, что {c2}; теперь ясно, что {c}.", "Заявление {org} от {date} показывает, что {c}.", "Главный вывод недели: {c}.", "Аналитики обращают внимание на то, что {c}.", "В окружении {p_gen} уверены, что {c}.", "Сторонники {p_gen} {city} считают, что {c}.", "Спор вокруг {p_gen} снова показал, что {c}.", "По данным {org}, {c}.", "Команда {p_gen} настаивает на том, что {c}."],
}  # fmt: skip
SAID = {
    ("en", "m"): ["said", "noted", "stressed", "recalled"],
    ("en", "f"): ["said", "noted", "stressed", "recalled"],
    ("be", "m"): ["заявіў", "адзначыў", "падкрэсліў", "нагадаў"],
    ("be", "f"): ["заявіла", "адзначыла", "падкрэсліла", "нагадала"],
    ("ru", "m"): ["заявил", "отметил", "подчеркнул", "напомнил"],
    ("ru", "f"): ["заявила", "отметила", "подчеркнула", "напомнила"],
}
CITIES = {
    "en": ["in Minsk", "in Hrodna", "in Brest", "in Vitsebsk", "in Homel", "in Mahiliou", "in Vilnius", "in Warsaw"],
    "be": ["у Мінску", "у Гродне", "у Брэсце", "у Віцебску", "у Гомелі", "у Магілёве", "у Вільні", "у Варшаве"],
    "ru": ["в Минске", "в Гродно", "в Бресте", "в Витебске", "в Гомеле", "в Могилёве", "в Вильнюсе", "в Варшаве"],
}
MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "be": [
        "студзеня",
        "лютага",
        "сакавіка",
        "красавіка",
        "мая",
        "чэрвеня",
        "ліпеня",
        "жніўня",
        "верасня",
        "кастрычніка",
        "лістапада",
        "снежня",
    ],
    "ru": [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ],
}
HEADINGS = {
    "en": ["What changed", "The background", "What comes next", "The limits", "Reactions", "The numbers"],
    "be": ["Што змянілася", "Кантэкст", "Што далей", "Межы", "Рэакцыі", "Лічбы"],
    "ru": ["Что изменилось", "Контекст", "Что дальше", "Пределы", "Реакции", "Цифры"],
}
PLAN_SECTIONS = {
    "en": ["Diagnosis", "Goals", "What we are doing now", "The first hundred days", "Directions of reform", "Risks"],
    "be": ["Дыягназ", "Мэты", "Што мы робім цяпер", "Першыя сто дзён", "Кірункі рэформаў", "Рызыкі"],
    "ru": ["Диагноз", "Цели", "Что мы делаем сейчас", "Первые сто дней", "Направления реформ", "Риски"],
}
TRENDS = {"improved": 15, "unchanged": 35, "worsened": 50}  # weights
TREND_SENTENCE = {
    "en": {"improved": "The situation has improved.", "unchanged": "The situation has not changed.", "worsened": "The situation has worsened."},
    "be": {"improved": "Сітуацыя палепшылася.", "unchanged": "Сітуацыя не змянілася.", "worsened": "Сітуацыя пагоршылася."},
    "ru": {"improved": "Ситуация улучшилась.", "unchanged": "Ситуация не изменилась.", "worsened": "Ситуация ухудшилась."},
}  # fmt: skip
QUESTIONS = {
    "en": ["What does it mean that {c}?", "How should the democratic forces respond now that {c}?", "Is it true that {c}?"],
    "be": ["Што азначае тое, што {c}?", "Як мусяць адказаць дэмакратычныя сілы цяпер, калі {c}?", "Ці праўда, што {c}?"],
    "ru": ["Что означает то, что {c}?", "Как должны ответить демократические силы теперь, когда {c}?", "Правда ли, что {c}?"],
}  # fmt: skip
LABELS = {  # fixed phrases: statement and plan titles, places, series, descriptions
    "en": {"discussion": "{series} No. {n}: {c}", "statement": "Joint statement: {c}", "plan": "Plan: {topic}", "online": "Zoom, with a live stream on YouTube", "offline": "Warsaw, Belarusian House", "series": ["Expert Environment", "Open Table"], "topic": "This topic follows how {c} and how {c2}.", "person": "{name} is one of the people of the samvydat benchmark corpus; this text was generated and says nothing true about them.", "organisation": "{name} appears in the samvydat benchmark corpus; this text was generated."},
    "be": {"discussion": "{series} № {n}: {c}", "statement": "Сумесная заява: {c}", "plan": "План па тэме «{topic}»", "online": "Zoom, з трансляцыяй на YouTube", "offline": "Варшава, Беларускі дом", "series": ["Экспертнае асяроддзе", "Адкрыты стол"], "topic": "Тэма пра тое, як {c}, і пра тое, як {c2}.", "person": "{name}: асоба з тэставага корпуса samvydat; гэты тэкст згенераваны і нічога праўдзівага пра яе не кажа.", "organisation": "{name}: арганізацыя з тэставага корпуса samvydat; гэты тэкст згенераваны."},
    "ru": {"discussion": "{series} № {n}: {c}", "statement": "Совместное заявление: {c}", "plan": "План по теме «{topic}»", "online": "Zoom, с трансляцией на YouTube", "offline": "Варшава, Белорусский дом", "series": ["Экспертная среда", "Открытый стол"], "topic": "Тема о том, как {c}, и о том, как {c2}.", "person": "{name}: персона из тестового корпуса samvydat; этот текст сгенерирован и ничего правдивого о ней не говорит.", "organisation": "{name}: организация из тестового корпуса samvydat; этот текст сгенерирован."},
}  # fmt: skip


_EUPHONY = {
    "be": [(re.compile(r"(?<=[аеёіоуыэюя] )у"), "ў"), (re.compile(r"\bз (?=[ЗСШЖзсшж][^аеёіоуыэюя])"), "са ")],
    "ru": [(re.compile(r"\bс (?=[ЗСШЖзсшж][^аеёиоуыэюя])"), "со "), (re.compile(r"\bв (?=[Вв][^аеёиоуыэюя])"), "во ")],
}


def euphony(text: str, lang: str) -> str:
    """Belarusian word-initial "у" → "ў" after a vowel; "з"/"с" → "са"/"со" before a cluster (с Знаком → со Знаком)."""
    for pattern, replacement in _EUPHONY.get(lang, []):
        text = pattern.sub(replacement, text)
    return text


def _unique(values) -> list:
    return list(dict.fromkeys(values))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class Text:
    """Sentences in one language about one item: its cast of people and (optionally) its topic."""

    def __init__(self, rng: random.Random, lang: str, cast: list[Person], topic: str | None = None):
        self.rng, self.lang, self.cast = rng, lang, cast
        self.topical = TOPICAL[lang][list(TOPICS).index(topic)] if topic else []

    def clause(self) -> str:
        pool = self.topical if self.topical and self.rng.random() < 0.6 else GENERIC[self.lang]
        return self.rng.choice(pool)

    def date(self) -> str:
        day, month = self.rng.randint(1, 28), self.rng.randrange(12)
        return f"{day} {MONTHS[self.lang][month]}"

    def sentence(self, template: str | None = None) -> str:
        rng, lang = self.rng, self.lang
        person = rng.choice(self.cast)
        org = rng.choice(ORGANISATIONS)
        surname = rng.choice(person.latin_surnames()) if lang == "en" else person.surname(lang)
        slots = {
            "P": person.names[lang],
            "p": surname,
            **{f"p_{case}": person.surname(lang, case) if lang != "en" else surname for case in CASES},
            "said": rng.choice(SAID[(lang, person.gender)]),
            "org": org.genitive[lang],
            "c": self.clause(),
            "c2": self.clause(),
            "city": rng.choice(CITIES[lang]),
            "date": self.date(),
            "n": rng.randint(5, 20),  # "дней"/"дзён" agree with 5–20
        }
        return euphony(_capital((template or rng.choice(SENTENCES[lang])).format(**slots)), lang)

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def body(self, words: int, *, extras: bool = True) -> str:
        """Paragraphs (and, with ``extras``, ``###`` headings and quotes) until about ``words`` words."""
        blocks: list[str] = []
        count = 0
        while count < words:
            roll = self.rng.random()
            if extras and blocks and roll < 0.12:
                block = "### " + self.rng.choice(HEADINGS[self.lang])
            elif extras and blocks and roll < 0.2:
                block = f"> {self.sentence()}\n> — {self.rng.choice(self.cast).names[self.lang]}"
            else:
                block = self.paragraph(self.rng.randint(3, 5))
            blocks.append(block)
            count += len(block.split())
        if blocks[-1].startswith(("###", ">")):
            blocks.append(self.paragraph(2))
        return "\n\n".join(blocks)


# --- Media -------------------------------------------------------------------------------------------------
def tiny_pdf(title: str) -> bytes:
    """A one-page PDF with ``title`` (ASCII) on it, valid enough for any reader."""
    stream = f"BT /F1 18 Tf 72 770 Td ({title}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def tiny_png(width: int, height: int, colour: tuple[int, int, int]) -> bytes:
    """An RGB PNG: a vertical gradient from ``colour`` to black. Stored uncompressed (deflate level 0), so the
    bytes do not depend on the zlib build."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(
        b"\x00" + bytes(int(c * (1 - y / height)) for c in colour) * width for y in range(height)
    )  # filter byte 0, then the pixels
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 0)) + chunk(b"IEND", b"")


# --- The package -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CorpusReport:
    items: int  #: translationKeys of pages
    pages: int  #: page files (an item in one language)
    files: int  #: every Markdown file, snippets included


class CorpusError(Exception):
    pass


def section_counts(items: int) -> dict[str, int]:
    """How many items each section gets: mostly news and weekly commentaries, a few of the rest."""
    counts = {
        "plans": max(1, items // 100),
        "discussions": max(1, items * 3 // 100),
        "statements": max(1, items * 3 // 100),
    }
    rest = items - sum(counts.values())
    counts["weekly"] = rest - rest // 2
    counts["news"] = rest // 2
    return counts


class _Generator:
    def __init__(self, content: Path, seed: int, progress: Callable[[int], None] | None):
        self.content, self.seed, self.progress = content, seed, progress
        self.rng = random.Random(seed)
        self.files = self.pages = self.items = 0

    def text_rng(self, key: str, lang: str) -> random.Random:
        """Each file's text has its own stream, so one item's wording never shifts another's."""
        return random.Random(f"{self.seed}/{key}/{lang}")

    def write(self, section: str, slug: str, lang: str, meta: dict, body: str) -> None:
        folder = self.content / section
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{slug}.{lang}.md").write_bytes(render(meta, body).encode("utf-8"))
        self.files += 1

    def languages(self) -> tuple[str, ...]:
        roll = self.rng.random()
        return LANGS if roll < 0.88 else ("en", "be") if roll < 0.94 else ("en", "ru") if roll < 0.97 else ("en",)

    def page(self, section: str, key: str, langs, meta: Callable[[str, Text], dict], cast, topic=None) -> None:
        """One item in each of ``langs``; ``meta(lang, text)`` gives the front matter and ``body``."""
        for lang in langs:
            fields = meta(lang, Text(self.text_rng(key, lang), lang, cast, topic))
            body, title = fields.pop("body"), fields.pop("title")
            self.write(section, key, lang, {"title": title, "translationKey": key, **fields}, body)
            self.pages += 1
        self.items += 1
        if self.progress:
            self.progress(1)

    def cast(self, size: int) -> list[Person]:
        return self.rng.sample(PEOPLE, size)

    def words(self) -> int:
        """A body length: 150–700 words once the last paragraph overshoots, most near 400."""
        return int(self.rng.triangular(150, 620, 330))

    # --- snippets --------------------------------------------------------------------------------------------
    def snippets(self) -> None:
        for person in PEOPLE:
            for lang in LANGS:
                meta = {
                    "title": person.names[lang],
                    "translationKey": person.key,
                    "kind": "person",
                    "role": role(person, lang),
                }
                if person.role == "analyst":
                    meta["affiliation"] = ANALYST_AFFILIATION[lang]
                meta["aliases"] = person.aliases(lang)
                self.write("people", person.key, lang, meta, LABELS[lang]["person"].format(name=person.names[lang]))
        for org in ORGANISATIONS:
            for lang in LANGS:
                aliases = [n for n in _unique([*org.names.values(), *org.latin]) if n != org.names[lang]]
                meta = {"title": org.names[lang], "translationKey": org.key, "kind": "organisation", "aliases": aliases}
                self.write("people", org.key, lang, meta, LABELS[lang]["organisation"].format(name=org.names[lang]))
        for index, (key, names) in enumerate(TOPICS.items()):
            for lang, name in zip(LANGS, names, strict=True):
                first, second = TOPICAL[lang][index][:2]
                body = LABELS[lang]["topic"].format(c=first, c2=second)
                self.write("topics", key, lang, {"title": name, "translationKey": key}, body)

    # --- pages -----------------------------------------------------------------------------------------------
    def weekly(self, count: int) -> int:
        """Issues of 3–5 commentaries, newest first, a week apart; returns the number of weeks."""
        week, weeks = LAST_WEEK, 0
        while count > 0:
            topics = self.rng.sample(list(TOPICS), min(count, self.rng.randint(3, 5)))
            for topic in topics:
                self.commentary(week, topic)
            count -= len(topics)
            week -= datetime.timedelta(days=7)
            weeks += 1
        return weeks

    def commentary(self, week: datetime.date, topic: str) -> None:
        key = f"c-weekly-{week.isoformat()}-{topic}"
        trend = self.rng.choices(list(TRENDS), weights=list(TRENDS.values()))[0]
        authors = self.rng.sample(ANALYSTS, self.rng.randint(1, 2))
        words, cast = self.words(), self.cast(3)

        def meta(lang: str, text: Text) -> dict:
            title = _capital(text.clause()) if text.rng.random() < 0.5 else text.sentence("{p}: {c}")
            return {
                "title": title,
                "date": week + datetime.timedelta(days=5),
                "summary": text.sentence(),
                "week": week,
                "topic": topic,
                "trend": trend,
                "authors": [a.key for a in authors],
                "body": text.body(words - 5) + "\n\n" + TREND_SENTENCE[lang][trend],
            }

        self.page("weekly", key, self.languages(), meta, cast, topic)

    def news(self, number: int, day: datetime.date, earlier: list[str]) -> str:
        key = f"c-news-{number:06d}"
        topic = self.rng.choice(list(TOPICS))
        authors = [self.rng.choice(ANALYSTS).key] if self.rng.random() < 0.5 else []
        related = self.rng.sample(earlier[-200:], min(len(earlier), self.rng.randint(0, 3)))
        image = self.rng.choice(IMAGE_PATHS) if self.rng.random() < 0.25 else None
        draft = self.rng.random() < 0.01
        words, cast = self.words(), self.cast(self.rng.randint(2, 4))

        def meta(lang: str, text: Text) -> dict:
            fields = {"title": text.sentence("{p}: {c}"), "date": day, "summary": text.sentence()}
            fields.update({"image": image} if image else {})
            fields.update({"authors": authors} if authors else {})
            fields.update({"related": related} if related else {})
            fields.update({"draft": True} if draft else {})
            return {**fields, "body": text.body(words)}

        self.page("news", key, self.languages(), meta, cast, topic)
        return key

    def discussion(self, number: int, day: datetime.date) -> None:
        key = f"c-discussion-{number:04d}"
        series = self.rng.randrange(2)
        online = self.rng.random() < 0.7
        moderator = self.rng.choice(MODERATORS)
        participants = [p for p in self.rng.sample(ANALYSTS, self.rng.randint(3, 4)) if p is not moderator]
        topic = self.rng.choice(list(TOPICS))
        shape = [self.rng.randint(2, 3) for _ in range(self.rng.randint(2, 3))]  # turns per question
        words = int(self.rng.triangular(150, 400, 220))

        def meta(lang: str, text: Text) -> dict:
            questions = [_capital(text.rng.choice(QUESTIONS[lang]).format(c=text.clause())) for _ in shape]
            speakers = [*participants, moderator]
            return {
                "title": LABELS[lang]["discussion"].format(
                    series=LABELS[lang]["series"][series], n=number, c=text.clause()
                ),
                "date": day,
                "summary": text.sentence(),
                "series": LABELS[lang]["series"][series],
                "number": number,
                "format": "online" if online else "offline",
                "place": LABELS[lang]["online" if online else "offline"],
                "registration": f"https://example.org/discussions/{number}/register",
                "moderator": moderator.key,
                "participants": [
                    {"person": p.key, "intro": f"{role(p, lang)}, {ANALYST_AFFILIATION[lang]}"} for p in participants
                ],
                "questions": questions,
                "briefly": [_capital(text.clause()) + "." for _ in range(3)],
                "transcript": [
                    {
                        "question": question,
                        "turns": [
                            {"speaker": speakers[(i + t) % len(speakers)].key, "text": text.paragraph(3)}
                            for t in range(turns)
                        ],
                    }
                    for i, (question, turns) in enumerate(zip(questions, shape, strict=True))
                ],
                "body": text.body(words, extras=False),
            }

        self.page("discussions", key, self.languages(), meta, [*participants, moderator], topic)

    def statement(self, number: int, day: datetime.date) -> None:
        key = f"c-statement-{number:04d}"
        signatories = self.rng.sample(ORGANISATIONS, self.rng.randint(1, 3))
        points, words = self.rng.randint(3, 6), self.words()

        def meta(lang: str, text: Text) -> dict:
            numbered = "\n\n".join(f"{n}. {text.paragraph(2)}" for n in range(1, points + 1))
            body = f"{text.paragraph(3)}\n\n{numbered}\n\n{text.body(max(50, words - 40 * points), extras=False)}"
            return {
                "title": LABELS[lang]["statement"].format(c=text.clause()),
                "date": day,
                "summary": text.sentence(),
                "signatories": [org.key for org in signatories],
                "body": body,
            }

        self.page("statements", key, self.languages(), meta, self.cast(3))

    def plan(self, number: int, day: datetime.date) -> None:
        key = f"c-plan-{number:04d}"
        topic = self.rng.choice(list(TOPICS))
        shape = [(self.rng.randint(1, 3), self.rng.randint(2, 4)) for _ in PLAN_SECTIONS["en"]]

        def meta(lang: str, text: Text) -> dict:
            sections = []
            for n, (heading, (sentences, points)) in enumerate(zip(PLAN_SECTIONS[lang], shape, strict=True), 1):
                items = "\n".join(f"- {_capital(text.clause())}." for _ in range(points))
                sections.append(f"## {n}. {heading}\n\n{text.paragraph(sentences)}\n\n{items}")
            topic_name = TOPICS[topic][LANGS.index(lang)]
            return {
                "title": LABELS[lang]["plan"].format(topic=topic_name),
                "date": day,
                "summary": text.sentence(),
                "pdf": PDF_PATH,
                "body": "\n\n".join(sections),
            }

        self.page("plans", key, self.languages(), meta, self.cast(3), topic)


def _spread(count: int, days: int) -> list[datetime.date]:
    """``count`` dates, newest first, evenly over the ``days`` before the last week's Sunday."""
    newest = LAST_WEEK + datetime.timedelta(days=6)
    return [newest - datetime.timedelta(days=(i * days) // max(count, 1)) for i in range(count)]


def corpus_generate(
    *, path: Path, items: int, seed: int = 1, overwrite: bool = False, progress: Callable[[int], None] | None = None
) -> CorpusReport:
    """Write a synthetic package of ``items`` page items (plus people and topics) to ``path``.

    ``progress(n)`` is called as items are written (n = how many more). An existing ``path/content`` is an
    error unless ``overwrite`` (then it is replaced).
    """
    if items < 5:
        raise CorpusError("a corpus needs at least 5 items (one of each section and then some)")
    path = Path(path)
    content = path / "content"
    if content.exists():
        if not overwrite:
            raise CorpusError(f"{content} already exists (overwrite to replace it)")
        shutil.rmtree(content)
    generator = _Generator(content, seed, progress)
    generator.snippets()
    for relative, colour in zip(
        IMAGE_PATHS, [(200, 60, 60), (60, 140, 200), (80, 170, 90), (210, 170, 40)], strict=True
    ):
        _write_media(content / "news" / relative, tiny_png(320, 180, colour))
    _write_media(content / "plans" / PDF_PATH, tiny_pdf("samvydat benchmark corpus: a plan"))

    counts = section_counts(items)
    weeks = generator.weekly(counts["weekly"])
    days = max(weeks * 7, 30)
    earlier: list[str] = []
    for number, day in reversed(list(enumerate(_spread(counts["news"], days), start=1))):
        earlier.append(generator.news(number, day, earlier))  # oldest first, so "related" points back in time
    for name, write in (
        ("discussions", generator.discussion),
        ("statements", generator.statement),
        ("plans", generator.plan),
    ):
        for number, day in enumerate(reversed(_spread(counts[name], days)), start=1):
            write(number, day)
    return CorpusReport(items=generator.items, pages=generator.pages, files=generator.files)


def _write_media(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
