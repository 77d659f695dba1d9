"""Month names whose translations in Django's own Belarusian catalogue are wrong.

Nothing imports this module: it exists so that `make messages` keeps these msgids (with Django's exact
contexts) in samvydat/locale/*/LC_MESSAGES/django.po, where LOCALE_PATHS makes our corrected translations
take precedence over Django's. Django's "be" catalogue has:

* "alt. month" (the genitive, format "E"): "сакавік" for March (should be "сакавіка"), and the classical
  spellings "верасьня", "сьнежня" (standard orthography: "верасня", "снежня");
* the plain month names (format "F", used by YEAR_MONTH_FORMAT "F Y") in the genitive instead of the
  nominative ("студзеня" instead of "студзень");
* "abbrev. month" (format "N") mixing full genitive names ("красавіка") and "Люты" with "Сту.", "Сьн.";
* "dec" (format "b") as "сьн".
"""

from django.utils.translation import gettext_noop, pgettext_lazy

# Genitive ("8 сакавіка 2021"), Django's context "alt. month".
MONTHS_ALT = [
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "December"),
]

# Nominative ("сакавік 2021"), no context, as in django.utils.dates.MONTHS.
MONTHS = [
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
]

# Abbreviations (format "N"), Django's context "abbrev. month".
MONTHS_AP = [
    pgettext_lazy("abbrev. month", "Feb."),
    pgettext_lazy("abbrev. month", "March"),
    pgettext_lazy("abbrev. month", "April"),
    pgettext_lazy("abbrev. month", "May"),
    pgettext_lazy("abbrev. month", "June"),
    pgettext_lazy("abbrev. month", "July"),
    pgettext_lazy("abbrev. month", "Dec."),
]

# Three-letter lower-case (format "b").
MONTHS_3 = [gettext_noop("dec")]
