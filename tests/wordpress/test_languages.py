"""Languages and translation groups from Polylang and WPML exports."""

from pathlib import Path

from samvydat.wordpress.languages import detect_languages
from samvydat.wordpress.wxr import Export, Term, read_export

FIXTURES = Path(__file__).parent / "fixtures"


def test_polylang_languages_and_groups():
    languages = detect_languages(read_export(FIXTURES / "polylang.xml"))
    assert languages.problems == []
    assert languages.post_language[101] == "be"
    assert languages.post_language[102] == "ru"
    assert languages.post_language[103] == "en"
    group = languages.group_of(102)
    assert group.posts == {"be": 101, "ru": 102, "en": 103}
    assert group.source_language == "en"  # English is the source when the group has it


def test_a_group_with_only_belarusian_and_russian_has_the_belarusian_post_as_source():
    languages = detect_languages(read_export(FIXTURES / "polylang.xml"))
    group = languages.group_of(111)
    assert group.posts == {"be": 110, "ru": 111}
    assert group.source_language == "be"
    assert group.source_post_id == 110


def test_polylang_language_matched_by_locale_when_the_slug_differs():
    export = read_export(FIXTURES / "polylang.xml")
    export.terms = [
        Term("language", "by", "Беларуская", 'a:1:{s:6:"locale";s:5:"be_BY";}') if term.slug == "be" else term
        for term in export.terms
    ]
    for item in export.items:
        item.terms = [Term("language", "by", term.name) if term.slug == "be" else term for term in item.terms]
    languages = detect_languages(export)
    assert languages.post_language[101] == "be"


def test_wpml_languages_groups_and_an_unknown_language_reported():
    languages = detect_languages(read_export(FIXTURES / "wpml.xml"))
    assert languages.post_language == {7: "en", 8: "be"}
    assert languages.group_of(8).posts == {"en": 7, "be": 8}
    assert languages.group_of(8).source_language == "en"
    assert languages.problems == ["post 9: language 'pl' is not one of this site's languages (en, be, ru)"]
    assert 9 not in languages.post_language  # reported, not guessed


def test_a_post_in_no_language_and_a_broken_group_are_reported():
    export = read_export(FIXTURES / "polylang.xml")
    export.terms = [
        Term("post_translations", term.slug, term.name, "not serialised") if term.slug == "pll_6a7b8c9d0e" else term
        for term in export.terms
    ]
    export.items[0].terms = [term for term in export.items[0].terms if term.taxonomy != "language"]
    languages = detect_languages(export)
    assert "post 101: no language (neither Polylang nor WPML names one)" in languages.problems
    assert "translation group pll_6a7b8c9d0e: its description is not a PHP-serialised array" in languages.problems


def test_an_empty_export_has_no_languages(tmp_path):
    languages = detect_languages(Export(path=tmp_path, version="1.2", base_url="", authors={}, terms=[], items=[]))
    assert (languages.post_language, languages.groups, languages.problems) == ({}, [], [])
