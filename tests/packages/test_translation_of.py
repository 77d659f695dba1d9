"""Content packages carry the translation status: ``fingerprint`` on sources, ``translationOf`` on translations.

A translator working on text files sees the same "outdated" as the admin: the translation's ``translationOf``
differs from its source's ``fingerprint``; importing the translation records that basis (docs/content-format.md).
"""

import re

import pytest
from wagtail.models import Locale

from samvydat.packages.errors import PackageError
from samvydat.packages.services import package_export, package_import
from samvydat.translations.models import TranslationBasis
from samvydat.translations.selectors import translation_row_for
from samvydat.translations.status import Status
from samvydat.translations.text import digest
from samvydat.weekly.models import CommentaryPage, Topic

from .test_bad_packages import GOOD_NEWS, problems_of, write

pytestmark = pytest.mark.django_db


def _field(text: str, name: str) -> str | None:
    match = re.search(rf"^{name}: '?([0-9a-f]+)'?$", text, re.MULTILINE)
    return match[1] if match else None


@pytest.fixture
def commentary():
    source = CommentaryPage.objects.filter(locale__language_code="en", live=True).order_by("pk").first()
    be = source.get_translation(Locale.objects.get(language_code="be"))
    return source, be.specific


def _files(root, page):
    found = {}
    for lang in ("en", "be"):
        path = root / "content" / "weekly" / f"{page.slug}.{lang}.md"
        found[lang] = path
    return found


def _republish(page, **changes):
    page = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def test_export_writes_the_fingerprint_of_sources_and_the_basis_of_translations(tmp_path, commentary):
    source, be = commentary
    package_export(path=tmp_path)
    files = _files(tmp_path, source)
    en_text, be_text = files["en"].read_text(), files["be"].read_text()
    assert _field(en_text, "fingerprint") and not _field(en_text, "translationOf")
    assert _field(be_text, "translationOf") == _field(en_text, "fingerprint")
    assert not _field(be_text, "fingerprint")
    # snippets too
    topic = Topic.objects.filter(locale__language_code="be").order_by("pk").first()
    topic_text = (tmp_path / "content" / "topics" / f"{topic.slug}.be.md").read_text()
    assert _field(topic_text, "translationOf")


def test_an_outdated_translation_exports_its_old_basis(tmp_path, commentary):
    source, be = commentary
    _republish(source, summary=source.summary + " A correction nobody has translated.")
    assert translation_row_for(be).status == Status.OUTDATED
    package_export(path=tmp_path)
    files = _files(tmp_path, source)
    fingerprint = _field(files["en"].read_text(), "fingerprint")
    translation_of = _field(files["be"].read_text(), "translationOf")
    assert fingerprint and translation_of and fingerprint != translation_of


def test_importing_a_translation_of_an_older_source_makes_it_outdated(tmp_path, commentary):
    source, be = commentary
    package_export(path=tmp_path)
    path = _files(tmp_path, source)["be"]
    text = path.read_text()
    path.write_text(text.replace(_field(text, "translationOf"), "0123456789abcdef"), encoding="utf-8")
    package_import(path=tmp_path)
    row = translation_row_for(be)
    assert row.status == Status.OUTDATED
    basis = TranslationBasis.objects.get(translation_key=be.translation_key, locale=be.locale)
    assert basis.reason == TranslationBasis.Reason.IMPORTED and basis.source_digest == "0123456789abcdef"


def test_importing_a_translation_of_the_current_source_makes_it_up_to_date(tmp_path, commentary):
    source, be = commentary
    _republish(source, summary=source.summary + " A correction.")
    assert translation_row_for(be).status == Status.OUTDATED
    package_export(path=tmp_path)
    files = _files(tmp_path, source)
    fingerprint = _field(files["en"].read_text(), "fingerprint")
    text = files["be"].read_text()
    # The translator translated the correction and copied the source's fingerprint.
    files["be"].write_text(text.replace(_field(text, "translationOf"), fingerprint), encoding="utf-8")
    package_import(path=tmp_path)
    assert translation_row_for(be).status == Status.CURRENT
    basis = TranslationBasis.objects.get(translation_key=be.translation_key, locale=be.locale)
    assert basis.reason == TranslationBasis.Reason.IMPORTED and basis.source_revision_id
    assert fingerprint == digest([tuple(p) for p in basis.source_text])


def test_a_bad_translation_of_is_refused_with_its_line(tmp_path):
    write(tmp_path, "news/good.en.md", GOOD_NEWS.replace("summary: Fine.", "summary: Fine.\ntranslationOf: abc"))
    write(tmp_path, "news/good.be.md", GOOD_NEWS.replace("summary: Fine.", "translationOf: <script>"))
    write(
        tmp_path,
        "news/other.ru.md",
        GOOD_NEWS.replace("news-good", "news-good").replace("---\n\n", "fingerprint: [1]\n---\n\n"),
    )
    problems = problems_of(tmp_path)
    assert any("good.en.md:6" in p and "only for translations" in p for p in problems), problems
    assert any("good.be.md:5" in p and "16 hex digits" in p for p in problems), problems
    assert any("other.ru.md" in p and "'fingerprint'" in p for p in problems), problems
    with pytest.raises(PackageError):
        package_import(path=tmp_path)
