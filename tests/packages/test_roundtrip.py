"""Export → import into an empty database → export gives the same files; a second import changes nothing."""

import filecmp
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from samvydat.packages.services import package_export, package_import
from samvydat.people.models import Organisation, Person
from samvydat.weekly.models import CommentaryPage, Topic

pytestmark = pytest.mark.django_db


def _empty_the_site():
    for page in Page.objects.filter(depth=2):
        page.delete()
    for model in (Person, Organisation, Topic, get_image_model(), get_document_model()):
        model.objects.all().delete()


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_export_import_export_gives_the_same_files(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    written = package_export(path=first)
    assert written > 150

    _empty_the_site()
    assert not CommentaryPage.objects.exists()
    package_import(path=first)
    package_export(path=second)

    a, b = _tree(first), _tree(second)
    assert sorted(a) == sorted(b)
    different = [name for name in a if a[name] != b[name]]
    assert different == []
    assert not filecmp.dircmp(first, second).diff_files


def test_export_writes_every_translation_and_media(tmp_path):
    package_export(path=tmp_path)
    content = tmp_path / "content"
    for lang in ("en", "be", "ru"):
        assert list((content / "weekly").glob(f"*.{lang}.md")), lang
    assert list((content / "plans" / "media").glob("*.pdf"))
    text = next((content / "people").glob("lukashenka.en.md")).read_text()
    assert "Лукашэнка" in text and "kind: person" in text


def test_second_import_finds_everything_unchanged_and_never_duplicates():
    pages_before = Page.objects.count()
    people_before = Person.objects.count()
    images_before = get_image_model().objects.count()
    report = package_import(path=settings.BASE_DIR / "demo")
    assert report.created == 0
    assert report.unchanged == report.items > 0 and report.updated == 0  # tests/packages/test_reimport.py
    assert Page.objects.count() == pages_before
    assert Person.objects.count() == people_before
    assert get_image_model().objects.count() == images_before


def test_translations_are_linked():
    source = CommentaryPage.objects.filter(locale__language_code="en").first()
    languages = {page.locale.language_code for page in source.get_translations(inclusive=True)}
    assert languages == {"en", "be", "ru"}
