"""manage.py import_wordpress: placement, languages, drafts, media, all-or-nothing, idempotence, old links."""

import shutil
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from PIL import Image as PILImage
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Page

from samvydat.news.models import NewsPage
from samvydat.wordpress.models import ImportedPost
from samvydat.wordpress.services import wordpress_import

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"
SITE = "https://newsroom.example"


@pytest.fixture
def uploads(tmp_path):
    folder = tmp_path / "uploads"
    (folder / "2024/03").mkdir(parents=True)
    PILImage.new("RGB", (40, 30), (20, 90, 160)).save(folder / "2024/03/border.jpg")
    return folder


def page_of(post_id):
    return ImportedPost.objects.get(site=SITE, post_id=post_id).page.specific


def test_imports_a_polylang_export_into_news_in_three_languages(uploads, capsys):
    call_command("import_wordpress", str(FIXTURES / "polylang.xml"), "--uploads", str(uploads))
    out, err = capsys.readouterr()
    assert "Imported 1 into news (en)" in out and "Imported 3 into news (be)" in out
    be, ru, en = page_of(101), page_of(102), page_of(103)
    assert all(isinstance(page, NewsPage) for page in (be, ru, en))
    assert (be.locale.language_code, ru.locale.language_code, en.locale.language_code) == ("be", "ru", "en")
    assert be.translation_key == ru.translation_key == en.translation_key  # one translation group
    assert {page.pk for page in en.get_translations()} == {be.pk, ru.pk}  # what the language switcher lists
    assert be.live and be.title == "Паштовыя скрыні на мяжы" and be.summary == "Пасылкі ідуць даўжэй."
    assert str(be.date) == "2024-03-04"
    assert be.social_image is not None and be.social_image.width == 40
    image_block = next(block for block in be.body if block.block_type == "image")
    assert image_block.value["image"].pk == be.social_image.pk  # the same file, imported once
    assert image_block.value["caption"] == "Памежны пераход зімой"
    assert [block.block_type for block in en.body] == ["paragraph", "video"]
    draft, scheduled = page_of(120), page_of(121)
    assert not draft.live and draft.get_latest_revision() is not None
    assert not scheduled.live and scheduled.go_live_at.year == 2030
    assert not ImportedPost.objects.filter(site=SITE, post_id__in=[110, 111, 122]).exists()  # pages, trash
    assert "skipped post 110: pages: samvydat has no plain page type yet" in out
    assert "skipped post 122: status trash" in out
    assert "warning: post 102: image attachment 202 is not in the uploads" in err


def test_reimport_changes_nothing_and_a_longer_export_adds_only_the_new_post(uploads, tmp_path):
    wordpress_import(path=FIXTURES / "polylang.xml", uploads=uploads)
    pages, images, redirects = Page.objects.count(), get_image_model().objects.count(), Redirect.objects.count()
    again = wordpress_import(path=FIXTURES / "polylang.xml", uploads=uploads)
    assert again.created == {} and again.unchanged == 5
    assert (Page.objects.count(), get_image_model().objects.count(), Redirect.objects.count()) == (
        pages,
        images,
        redirects,
    )
    longer = tmp_path / "longer.xml"
    extra = (
        "<item><title>Новы матэрыял</title><content:encoded><![CDATA[<p>Тэкст.</p>]]></content:encoded>"
        "<wp:post_id>130</wp:post_id><wp:post_date_gmt>2024-04-01 10:00:00</wp:post_date_gmt>"
        "<wp:post_name>new-one</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
        '<category domain="language" nicename="be">Беларуская</category></item>'
    )
    longer.write_text((FIXTURES / "polylang.xml").read_text().replace("</channel>", extra + "</channel>"))
    report = wordpress_import(path=longer, uploads=uploads)
    assert report.created == {("news", "be"): 1} and report.unchanged == 5
    assert Page.objects.count() == pages + 1
    assert page_of(130).title == "Новы матэрыял"


def test_an_error_in_one_post_imports_nothing(uploads, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    mapping = tmp_path / "map.yaml"
    mapping.write_text("tags:\n  elections: plans\n")  # post 101 only: its group's source stays in news
    pages, images = Page.objects.count(), get_image_model().objects.count()
    with pytest.raises(CommandError) as caught:
        call_command(
            "import_wordpress", str(FIXTURES / "polylang.xml"), "--uploads", str(uploads), "--map", str(mapping)
        )
    assert f"nothing imported: {FIXTURES / 'polylang.xml'}: post 101: goes to plans but its translation source" in str(
        caught.value
    )
    assert (Page.objects.count(), get_image_model().objects.count()) == (pages, images)
    assert not ImportedPost.objects.exists() and not Redirect.objects.filter(old_path="/?p=103").exists()
    assert default_storage.location == str(tmp_path / "media")
    assert not [path for path in (tmp_path / "media").rglob("*") if path.is_file()]  # no file left behind


def test_unknown_language_refuses_the_whole_export():
    with pytest.raises(CommandError, match="post 9: language 'pl' is not one of this site's languages"):
        call_command("import_wordpress", str(FIXTURES / "wpml.xml"))
    assert not ImportedPost.objects.exists()


def test_a_hostile_export_is_refused_by_the_command():
    with pytest.raises(CommandError, match="refused"):
        call_command("import_wordpress", str(FIXTURES / "billion_laughs.xml"))


def test_wpml_export_pending_post_is_a_draft_translation(tmp_path):
    export = tmp_path / "wpml.xml"
    text = (FIXTURES / "wpml.xml").read_text()
    export.write_text(text.replace("<wp:meta_value>pl</wp:meta_value>", "<wp:meta_value>ru</wp:meta_value>"))
    wordpress_import(path=export)
    site = "https://ngo.example"
    english = ImportedPost.objects.get(site=site, post_id=7).page
    belarusian = ImportedPost.objects.get(site=site, post_id=8).page
    assert english.live and not belarusian.live
    assert english.translation_key == belarusian.translation_key


def test_dry_run_writes_nothing(uploads, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    pages = Page.objects.count()
    report = wordpress_import(path=FIXTURES / "polylang.xml", uploads=uploads, dry_run=True)
    assert report.created[("news", "be")] == 3
    assert not [path for path in (tmp_path / "media").rglob("*") if path.is_file()]  # the image it made is removed
    assert Page.objects.count() == pages and not ImportedPost.objects.exists()
    real = wordpress_import(path=FIXTURES / "polylang.xml", uploads=uploads)
    assert real.created == report.created
    assert [path for path in (tmp_path / "media").rglob("*") if path.is_file()]  # (a real import keeps it)


def test_old_links_answer_301_to_the_new_pages(client, uploads):
    wordpress_import(path=FIXTURES / "polylang.xml", uploads=uploads)
    be = page_of(101)
    for old in ("/?p=101", "/be/2024/03/mail-at-the-border/", "/2024/03/mail-at-the-border/", "/mail-at-the-border/"):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"].endswith(be.url), old
    assert client.get("/?p=120").status_code != 301  # a draft has no public address to send anyone to
    assert client.get(page_of(103).url).status_code == 200


def test_uploads_must_be_a_folder(tmp_path):
    with pytest.raises(CommandError, match="--uploads is not a folder"):
        call_command("import_wordpress", str(FIXTURES / "polylang.xml"), "--uploads", str(tmp_path / "none"))


def test_a_file_outside_uploads_is_not_read(uploads, tmp_path):
    secret = tmp_path / "secret.jpg"
    shutil.copy(uploads / "2024/03/border.jpg", secret)
    export = tmp_path / "escape.xml"
    text = (FIXTURES / "polylang.xml").read_text()
    export.write_text(text.replace("/wp-content/uploads/2024/03/border.jpg", "/wp-content/uploads/../secret.jpg"))
    report = wordpress_import(path=export, uploads=uploads)
    assert any("outside" in warning for warning in report.warnings)
    assert page_of(101).social_image is None
