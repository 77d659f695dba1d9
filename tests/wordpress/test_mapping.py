"""The mapping file and where each item goes."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from samvydat.wordpress.errors import ExportError
from samvydat.wordpress.mapping import Mapping, load_mapping, place
from samvydat.wordpress.wxr import Term, read_export

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def items():
    return {item.post_id: item for item in read_export(FIXTURES / "polylang.xml").items}


def test_default_posts_to_news_pages_skipped_and_statuses(items):
    mapping = load_mapping(None)
    assert place(items[101], mapping).section == "news"
    assert place(items[101], mapping).draft is False
    page = place(items[110], mapping)
    assert page.section is None and "no plain page type" in page.skip_reason
    assert place(items[120], mapping).draft is True  # draft → unpublished
    future = place(items[121], mapping)
    assert (future.section, future.draft, future.go_live_at) == ("news", True, datetime(2030, 5, 1, 6, tzinfo=UTC))
    assert place(items[122], mapping).skip_reason == "status trash"
    assert place(items[201], mapping).skip_reason == "a attachment, not content"


@pytest.mark.parametrize("status", ["pending", "private"])
def test_pending_and_private_posts_are_drafts(items, status):
    items[101].status = status
    assert place(items[101], Mapping()).draft is True


def test_mapping_file_categories_then_tags_then_post_type(tmp_path, items):
    path = tmp_path / "map.yaml"
    path.write_text("post_types:\n  page: news\ncategories:\n  news: statements\ntags:\n  elections: plans\n")
    mapping = load_mapping(path)
    assert mapping.post_types == {"post": "news", "page": "news"}
    assert place(items[101], mapping).section == "statements"  # its category decides
    items[101].terms = [term for term in items[101].terms if term.taxonomy != "category"]
    assert place(items[101], mapping).section == "plans"  # then its tag
    assert place(items[110], mapping).section == "news"
    items[102].post_type = "event"
    assert "not in the mapping" in place(items[102], mapping).skip_reason
    items[103].terms.append(Term("category", "other", "Other"))
    assert place(items[103], mapping).section == "statements"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("categories:\n  news: blog\n", "categories.news: unknown section 'blog'"),
        ("sections: {}\n", "unknown keys: sections"),
        ("- news\n", "a YAML table"),
        ("categories: [news]\n", "'categories' must be a table"),
        ("categories:\n  news: [\n", "not valid YAML"),
    ],
)
def test_a_wrong_mapping_file_is_refused_by_name(tmp_path, text, message):
    path = tmp_path / "map.yaml"
    path.write_text(text)
    with pytest.raises(ExportError) as caught:
        load_mapping(path)
    assert message in str(caught.value)
    assert str(path) in str(caught.value)


def test_a_missing_mapping_file(tmp_path):
    with pytest.raises(ExportError, match="cannot be read"):
        load_mapping(tmp_path / "absent.yaml")


def test_a_category_mapped_to_skip_skips_the_post(tmp_path, items):
    path = tmp_path / "map.yaml"
    path.write_text("categories:\n  news: skip\n")
    assert place(items[101], load_mapping(path)).skip_reason == "its category or tag is mapped to skip"
