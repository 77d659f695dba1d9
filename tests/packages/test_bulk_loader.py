"""The bulk loader gives the same site as ``package_import``, a valid tree, and refuses what it must refuse."""

import shutil
from pathlib import Path

import markdown as markdown_lib
import pytest
from django.db import models
from hypothesis import given, settings
from hypothesis import strategies as st
from modelcluster.models import get_all_child_relations
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from samvydat.news.models import NewsPage
from samvydat.packages.bulk_loader import BulkLoadRefused, path_step
from samvydat.packages.corpus import corpus_generate
from samvydat.packages.errors import PackageError
from samvydat.packages.frontmatter import parse
from samvydat.packages.markdown import plain_paragraphs_html
from samvydat.packages.services import corpus_bulk_load, package_export, package_import
from samvydat.people.models import Organisation, Person
from samvydat.weekly.models import Topic

#: Differ by design: a bulk load publishes at load time, without revisions; ids are the database's.
NOT_COMPARED = {
    "id",
    "page_ptr",
    "latest_revision",
    "live_revision",
    "first_published_at",
    "last_published_at",
    "latest_revision_created_at",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("corpus")
    corpus_generate(path=path, items=60, seed=3, overwrite=True)
    return path


def _empty_the_site():
    for page in Page.objects.filter(depth=2):
        page.delete()
    for model in (Person, Organisation, Topic, get_image_model(), get_document_model()):
        model.objects.all().delete()


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _comparable(name: str, data: bytes) -> object:
    """An exported file; inline lists as sets: ``package_import`` leaves their order to the database on PostgreSQL."""
    if not name.endswith(".md"):
        return data
    document = parse(data.decode())
    for key in ("authors", "participants", "signatories"):
        if key in document.meta:
            document.meta[key] = sorted(map(repr, document.meta[key]))
    return document.meta, document.body


def _identity(obj) -> object:
    """What a referenced object is, whatever its id: a snippet or page by translation key and language."""
    if obj is None:
        return None
    if hasattr(obj, "translation_key"):
        return (str(obj.translation_key), obj.locale.language_code)
    return getattr(obj, "title", None) or str(obj)


def _without_ids(raw):
    if isinstance(raw, list):
        return [_without_ids(value) for value in raw]
    if isinstance(raw, dict):
        return {key: _without_ids(value) for key, value in raw.items() if key != "id"}
    return raw


def _stream(raw: list) -> list:
    """StreamField data without block ids, with media and speakers named rather than numbered."""
    blocks = _without_ids(raw)
    for block in blocks:
        value = block["value"]
        if block["type"] == "image":
            value["image"] = _identity(get_image_model().objects.filter(pk=value["image"]).first())
        elif block["type"] == "document":
            value["document"] = _identity(get_document_model().objects.filter(pk=value["document"]).first())
        elif block["type"] == "section":
            for turn in value["turns"]:
                turn["speaker"] = _identity(Person.objects.filter(pk=turn["speaker"]).first())
    return blocks


def _snapshot() -> dict:
    """Every page below the section indexes: its fields, references and inline relations, keyed by identity."""
    pages = {}
    for page in Page.objects.filter(depth__gt=3).specific():
        fields = {}
        for field in type(page)._meta.concrete_fields:
            if field.name in NOT_COMPARED:
                continue
            if isinstance(field, models.ForeignKey):
                fields[field.name] = _identity(getattr(page, field.name))
            elif field.name in ("body", "questions", "briefly", "transcript"):
                fields[field.name] = _stream(list(getattr(page, field.name).raw_data))
            else:
                fields[field.name] = field.value_from_object(page)
        for relation in get_all_child_relations(type(page)):
            if not hasattr(relation.related_model, "sort_order"):
                continue  # Wagtail's comments
            children = getattr(page, relation.get_accessor_name()).order_by("sort_order", "pk")
            fields[relation.get_accessor_name()] = sorted(
                [
                    [_identity(getattr(child, f.name)) for f in type(child)._meta.concrete_fields if f.is_relation]
                    + [getattr(child, "intro", "")]
                    for child in children
                ],
                key=repr,
            )
        pages[(str(page.translation_key), page.locale.language_code)] = fields
    return pages


@pytest.mark.django_db
def test_bulk_load_gives_the_site_package_import_gives(corpus, tmp_path, client):
    _empty_the_site()
    package_import(path=corpus, revisions=False)
    imported = _snapshot()
    package_export(path=tmp_path / "imported")

    _empty_the_site()
    report = corpus_bulk_load(path=corpus, batch=40, workers=0)
    loaded = _snapshot()
    package_export(path=tmp_path / "loaded")

    assert report.pages == len(loaded) > 150
    assert sorted(loaded) == sorted(imported)
    different = [key for key in imported if imported[key] != loaded[key]]
    assert different == []
    a, b = _files(tmp_path / "imported"), _files(tmp_path / "loaded")
    assert sorted(a) == sorted(b)
    assert [name for name in a if _comparable(name, a[name]) != _comparable(name, b[name])] == []

    assert all(not problems for problems in Page.find_problems())
    url_paths = dict(Page.objects.values_list("path", "url_path"))
    for page in Page.objects.filter(depth__gt=3).only("path", "slug", "url_path", "live", "first_published_at"):
        assert page.url_path == url_paths[page.path[: -Page.steplen]] + page.slug + "/"
        assert (page.first_published_at is not None) == page.live  # drafts ("draft: true") are not live
        assert page.latest_revision_created_at is None
    assert Page.objects.filter(depth__gt=3, live=False).count() < Page.objects.filter(depth__gt=3).count() / 10

    samples = [Page.objects.filter(depth=2).first(), Page.objects.filter(depth=3).first()]
    for model in {type(page) for page in Page.objects.filter(depth__gt=3).specific()}:
        samples.append(model.objects.order_by("path").last())
    for page in samples:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
    news = NewsPage.objects.filter(related_links__isnull=False).first()
    assert news is not None and news.related_links.count() > 0


@pytest.mark.django_db
def test_a_site_with_content_is_refused(corpus):
    pages = Page.objects.count()
    with pytest.raises(BulkLoadRefused, match="only fills an empty site"):
        corpus_bulk_load(path=corpus)
    assert Page.objects.count() == pages


@pytest.mark.django_db
def test_a_bad_package_lists_every_problem_and_writes_nothing(corpus, tmp_path):
    package = tmp_path / "bad"
    shutil.copytree(corpus, package)
    news = [
        path for path in sorted((package / "content" / "news").glob("*.en.md")) if "related:" not in path.read_text()
    ]
    news[0].write_text(news[0].read_text().replace("title:", "title: [unclosed", 1))
    text = news[1].read_text()
    news[1].write_text(text.replace("date:", "related: [no-such-page]\ndate:", 1))
    (package / "content" / "news" / "lonely.be.md").write_text(
        "---\ntitle: Адна\ntranslationKey: lonely\ndate: 2024-01-01\n---\n\nТэкст.\n"
    )
    _empty_the_site()

    with pytest.raises(PackageError) as raised:
        corpus_bulk_load(path=package, workers=1)  # the files are read by a worker process

    problems = {(problem.path.name, problem.message.split(":")[0]) for problem in raised.value.problems}
    assert (news[0].name, "broken YAML front matter") in problems
    assert any(name == news[1].name and "unknown page 'no-such-page'" in message for name, message in problems)
    assert ("lonely.be.md", "translation without its source") in problems
    assert not Page.objects.filter(depth__gt=3).exists()
    assert not Person.objects.exists()


def test_paths_are_treebeards():
    assert [path_step(n) for n in (1, 2, 10, 35, 36, 37, 36**4 - 1)] == [
        Page._get_path("", 1, n) for n in (1, 2, 10, 35, 36, 37, 36**4 - 1)
    ]
    assert path_step(36) == "0010"


@settings(max_examples=400, deadline=None)
@given(st.text(st.sampled_from(list("ab Я.,-+=)(:'\"/10\n\n\t#>*_<&\u00a0\r")), max_size=40))
def test_plain_paragraphs_are_what_markdown_makes_of_them(text):
    plain = plain_paragraphs_html(text)
    if plain is not None:
        assert plain == markdown_lib.markdown(text.strip(), output_format="html").strip()


def test_plain_paragraphs_are_found():
    assert plain_paragraphs_html("One line\nand another.\n\nA second paragraph.") == (
        "<p>One line\nand another.</p>\n<p>A second paragraph.</p>"
    )
    assert plain_paragraphs_html("Some *emphasis*.") is None
    assert plain_paragraphs_html("1. a list") is None
