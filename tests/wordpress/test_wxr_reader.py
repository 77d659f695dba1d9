"""The WXR reader: what it reads from an export, and the hostile or broken files it refuses."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from samvydat.wordpress.errors import ExportError
from samvydat.wordpress.wxr import read_export

FIXTURES = Path(__file__).parent / "fixtures"


def test_reads_posts_pages_and_attachments_of_a_polylang_export():
    export = read_export(FIXTURES / "polylang.xml")
    assert export.version == "1.2"
    assert export.base_url == "https://newsroom.example"
    assert export.authors == {"hanna": "Hanna Test"}
    items = {item.post_id: item for item in export.items}
    post = items[101]
    assert (post.post_type, post.status, post.slug) == ("post", "publish", "mail-at-the-border")
    assert post.title == "Паштовыя скрыні на мяжы"
    assert post.published_at == datetime(2024, 3, 4, 9, 30, tzinfo=UTC)
    assert post.excerpt == "Пасылкі ідуць даўжэй."
    assert post.author == "hanna"
    assert "<!-- wp:paragraph -->" in post.content
    assert [(term.taxonomy, term.slug) for term in post.terms] == [
        ("category", "news"),
        ("post_tag", "elections"),
        ("language", "be"),
        ("post_translations", "pll_5f1a2b3c4d"),
    ]
    assert post.thumbnail_id == 201
    assert items[110].post_type == "page"
    assert items[120].published_at is None  # a draft's 0000-00-00 date
    attachment = export.attachments()[201]
    assert attachment.parent_id == 101
    assert attachment.attachment_url.endswith("/wp-content/uploads/2024/03/border.jpg")
    assert attachment.meta["_wp_attachment_image_alt"] == "Памежны пераход"
    assert {term.slug for term in export.terms_in("language")} == {"be", "ru", "en"}


def test_reads_a_wxr_1_1_export_with_its_post_meta():
    export = read_export(FIXTURES / "wpml.xml")
    assert export.version == "1.1"
    assert export.items[1].meta["_wpml_import_language_code"] == "be"
    assert export.items[1].status == "pending"


@pytest.mark.parametrize("name", ["billion_laughs.xml", "external_entity.xml"])
def test_refuses_entity_attacks(name):
    with pytest.raises(ExportError) as caught:
        read_export(FIXTURES / name)
    assert "refused" in str(caught.value)
    assert "root:" not in str(caught.value)  # nothing of /etc/passwd, nothing expanded
    assert "lollol" not in str(caught.value)


def test_an_entity_without_a_document_type_is_not_expanded(tmp_path):
    export = tmp_path / "undeclared.xml"
    export.write_text(
        '<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>'
        "<wp:wxr_version>1.2</wp:wxr_version><item><title>&secret;</title></item></channel></rss>"
    )
    with pytest.raises(ExportError) as caught:
        read_export(export)
    assert "undeclared.xml:1" in str(caught.value)


def test_a_broken_file_names_its_line():
    with pytest.raises(ExportError) as caught:
        read_export(FIXTURES / "broken.xml")
    assert str(caught.value).startswith(f"{FIXTURES / 'broken.xml'}:6: not well-formed XML")


def test_a_bad_item_names_its_post_id():
    with pytest.raises(ExportError) as caught:
        read_export(FIXTURES / "bad_date.xml")
    assert "post 42" in str(caught.value)
    assert caught.value.post_id == 42


def test_a_file_that_is_not_an_export(tmp_path):
    other = tmp_path / "feed.xml"
    other.write_text('<?xml version="1.0"?><html><body/></html>')
    with pytest.raises(ExportError, match="not a WordPress export"):
        read_export(other)
    rss = tmp_path / "rss.xml"
    rss.write_text('<?xml version="1.0"?><rss><channel><item><title>x</title></item></channel></rss>')
    with pytest.raises(ExportError, match="numeric wp:post_id"):
        read_export(rss)
    empty = tmp_path / "empty.xml"
    empty.write_text("")
    with pytest.raises(ExportError):
        read_export(empty)


def test_a_duplicate_post_id_is_refused(tmp_path):
    export = tmp_path / "twice.xml"
    item = "<item><wp:post_id>3</wp:post_id><wp:post_type>post</wp:post_type></item>"
    export.write_text(
        '<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>'
        f"<wp:wxr_version>1.2</wp:wxr_version>{item}{item}</channel></rss>"
    )
    with pytest.raises(ExportError, match="post 3: the same wp:post_id appears twice"):
        read_export(export)
