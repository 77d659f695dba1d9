"""WordPress content → BodyBlock stream data: Gutenberg and classic markup, shortcodes, hostile HTML."""

from pathlib import Path

import pytest

from samvydat.core.blocks import BodyBlock
from samvydat.wordpress.content import content_to_blocks, gutenberg_block_names
from samvydat.wordpress.wxr import read_export

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def items():
    return {item.post_id: item for item in read_export(FIXTURES / "polylang.xml").items}


def resolve_border(url, attachment_id):
    return 7 if attachment_id == 201 or (url or "").endswith("/border.jpg") else None


def assert_valid_body(blocks):
    """Everything but images (which need an image row) is a valid BodyBlock value."""
    stream = BodyBlock()
    stream.clean(stream.to_python([block for block in blocks if block["type"] != "image"]))


def test_gutenberg_post_becomes_blocks(items):
    post = items[101]
    result = content_to_blocks(post.content, post_id=101, title=post.title, resolve_image=resolve_border)
    assert [block["type"] for block in result.blocks] == [
        "paragraph",
        "heading",
        "paragraph",
        "quote",
        "image",
        "video",
    ]
    assert result.blocks[0]["value"] == "<p>Пасылкі з-за мяжы <strong>правяраюць</strong> даўжэй, чым летась.</p>"
    assert result.blocks[1]["value"] == {"text": "Што змянілася", "level": "2"}
    assert result.blocks[2]["value"] == "<ul><li>Тэрмін дастаўкі</li><li>Мытныя формы</li></ul>"
    assert result.blocks[3]["value"] == {"text": "Чакаем па тры тыдні.", "attribution": "Чытачка з Гродна"}
    assert result.blocks[4]["value"] == {
        "image": 7,
        "alt": "Памежны пераход",
        "caption": "Памежны пераход зімой",
        "credit": "",
    }
    assert result.blocks[5]["value"]["url"] == "https://www.youtube.com/watch?v=abcDEF12345"
    assert result.blocks[5]["value"]["title"] == post.title
    assert result.warnings == []
    assert "<!--" not in str(result.blocks)
    assert_valid_body(result.blocks)
    assert gutenberg_block_names(post.content) == ["paragraph", "heading", "list", "quote", "image", "embed"]


def test_classic_caption_and_gallery_shortcodes(items):
    result = content_to_blocks(items[102].content, post_id=102, resolve_image=resolve_border)
    assert [block["type"] for block in result.blocks] == ["paragraph", "image", "image"]
    assert result.blocks[1]["value"]["caption"] == "Пограничный переход зимой"
    assert result.blocks[1]["value"]["alt"] == "Пограничный переход"
    assert result.warnings == ["post 102: image attachment 202 is not in the uploads; its caption kept as text"]
    assert "[caption" not in str(result.blocks) and "[gallery" not in str(result.blocks)


def test_hostile_html_is_sanitised_and_a_youtube_iframe_becomes_the_video_block(items):
    result = content_to_blocks(items[103].content, post_id=103, title="x")
    assert result.blocks[0] == {
        "type": "paragraph",
        "value": "<p>Parcels from abroad are checked for longer than last year.</p>",
    }
    assert result.blocks[1]["type"] == "video"
    assert result.blocks[1]["value"]["title"] == "Border queue"
    text = str(result.blocks)
    assert "alert" not in text and "onclick" not in text and "style" not in text and "iframe" not in text
    assert_valid_body(result.blocks)


def test_a_hostile_iframe_and_links_keep_nothing_that_runs():
    html = (
        '<p><a href="javascript:alert(1)">click</a> <img src="x" onerror="alert(1)"></p>'
        '<iframe src="javascript:alert(2)"></iframe><div><svg onload="alert(3)"><script>alert(4)</script></svg></div>'
    )
    result = content_to_blocks(html, post_id=9)
    text = str(result.blocks)
    assert "javascript" not in text and "onerror" not in text and "onload" not in text and "alert(4)" not in text
    assert "post 9: embedded 'javascript:alert(2)' is not an http(s) address; dropped" in result.warnings
    assert_valid_body(result.blocks)


def test_unknown_shortcode_is_reported_and_kept(items):
    result = content_to_blocks(items[111].content, post_id=111)
    assert result.blocks == [{"type": "paragraph", "value": "<p>Мы — независимая редакция. [donate_button]</p>"}]
    assert result.warnings == ["post 111: shortcode [donate_button] is not known; kept as text"]


def test_classic_plain_text_paragraphs_embed_and_bare_video_address():
    html = (
        "First line of the first paragraph\nsecond line.\n\nSecond paragraph.\n\n"
        "https://youtu.be/abcDEF12345\n\n[embed]https://vimeo.com/123456[/embed]\n\n"
        "[embed]https://example.com/not-a-video[/embed]"
    )
    result = content_to_blocks(html, post_id=5, title="Talk")
    assert [block["type"] for block in result.blocks] == ["paragraph", "paragraph", "video", "video", "paragraph"]
    assert result.blocks[0]["value"] == "<p>First line of the first paragraph<br>second line.</p>"
    assert result.blocks[2]["value"]["url"] == "https://youtu.be/abcDEF12345"
    assert result.blocks[3]["value"]["url"] == "https://vimeo.com/123456"
    assert result.warnings == [
        "post 5: embedded https://example.com/not-a-video is not a known video host; kept as a link"
    ]
    assert_valid_body(result.blocks)


def test_headings_levels_tables_and_an_image_inside_a_paragraph():
    html = (
        "<h1>Top</h1><h4>Deep</h4><p>Before <img src='/wp-content/uploads/a.jpg' class='wp-image-33' alt='A'> after</p>"
        "<table><tr><th>Year</th><th>Cases</th></tr><tr><td>2023</td><td>12</td></tr></table>"
    )
    result = content_to_blocks(html, post_id=4, resolve_image=lambda url, number: 9 if number == 33 else None)
    assert [block["type"] for block in result.blocks] == [
        "heading",
        "heading",
        "paragraph",
        "image",
        "paragraph",
        "paragraph",
        "paragraph",
    ]
    assert result.blocks[0]["value"]["level"] == "2" and result.blocks[1]["value"]["level"] == "3"
    assert result.blocks[3]["value"]["image"] == 9
    assert result.blocks[5]["value"] == "<p>Year | Cases</p>"
    assert result.warnings == ["post 4: a table is kept as plain paragraphs (samvydat has no table block yet)"]


def test_empty_content():
    assert content_to_blocks("", post_id=1).blocks == []
