"""What counts as a change for translators: words, not whitespace, punctuation, case or markup."""

from samvydat.translations.diffing import side_by_side, word_diff
from samvydat.translations.text import content_paragraphs, digest, html_paragraphs, words
from samvydat.weekly.models import CommentaryPage


def _d(*texts):
    return digest([("Body", t) for t in texts])


def test_whitespace_punctuation_case_and_typography_are_cosmetic():
    original = _d("The talks, he said, were “useful”.")
    assert _d('The  talks he said were "useful"') == original
    assert _d("the talks — he said — were useful!") == original
    assert _d("The talks,", "he said, were useful.") == original  # cut into paragraphs differently
    assert _d("The tal\u00adks, he said, were “useful”.") == original  # soft hyphen


def test_a_changed_added_or_removed_word_or_number_is_real():
    original = _d("The talks were useful in 2021.")
    assert _d("The talks were not useful in 2021.") != original
    assert _d("The talks were useful in 2022.") != original
    assert _d("The talks were useful.") != original
    assert _d("The meetings were useful in 2021.") != original


def test_cyrillic_words_and_stress_marks():
    assert words([("t", "Му́ка і МУКА")]) == ["мука", "і", "мука"]


def test_rich_text_paragraphs_drop_markup_and_decode_entities():
    assert html_paragraphs('<p>One <b>bold</b> &amp; <a href="/x">link</a></p><ul><li>two</li></ul>') == [
        "One bold & link",
        "two",
    ]


def test_page_paragraphs_come_from_title_summary_and_every_text_block():
    content = {
        "title": "Title",
        "summary": "Lead",
        "slug": "not-text",
        "body": '[{"type": "heading", "value": {"text": "Heading", "level": "2"}, "id": "a"},'
        ' {"type": "paragraph", "value": "<p>First</p><p>Second</p>", "id": "b"},'
        ' {"type": "quote", "value": {"text": "Quoted", "attribution": "Someone"}, "id": "c"}]',
    }
    texts = [text for _label, text in content_paragraphs(CommentaryPage, content)]
    assert texts == ["Title", "Lead", "Heading", "First", "Second", "Quoted", "Someone"]


def test_word_diff_marks_words_and_escapes_markup():
    left, right = word_diff("Say <b>hi</b> now", "Say <script>alert(1)</script> now")
    assert "<script>" not in right
    assert "<ins>&lt;script&gt;alert(1)&lt;/script&gt;</ins>" in right
    assert "<del>&lt;b&gt;hi&lt;/b&gt;</del>" in left
    assert left.startswith("Say ") and right.endswith(" now")


def test_side_by_side_pairs_paragraphs_and_shows_added_and_removed_ones():
    before = [("Body", "One two three"), ("Body", "Gone paragraph"), ("Body", "Same")]
    after = [("Body", "One two four"), ("Body", "Same"), ("Body", "New <i>one</i>")]
    rows = side_by_side(before, after)
    changes = [row.change for row in rows]
    assert changes == ["changed", "removed", "equal", "added"]
    assert "<del>three</del>" in rows[0].before and "<ins>four</ins>" in rows[0].after
    assert rows[3].after == "<ins>New &lt;i&gt;one&lt;/i&gt;</ins>"
