"""A first draft by machine translation: offline with Apertium (be ↔ ru), or a self-hosted LibreTranslate (a loopback
server that speaks its API), never overwriting a person's text, marked as machine-made until someone edits it."""

import datetime
import json
import re
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale, Page

from samvydat.core.services import section_index, site_skeleton_ensure
from samvydat.news.models import NewsPage
from samvydat.translations import engines
from samvydat.translations.machine_drafts import content_digest, is_machine_made, machine_draft_create
from samvydat.translations.machine_models import MachineDraft
from samvydat.translations.services import TranslationError, translation_draft_create
from tests.conftest import skip_or_fail

BELARUSIAN_BODY = [
    {"type": "heading", "value": {"text": "Улада і санкцыі", "level": "h2"}},
    {
        "type": "paragraph",
        "value": '<p>Улада <b>абвясціла</b> пра новыя <a href="https://example.org/a?b=1&amp;c=2">санкцыі</a>.</p>',
    },
    {"type": "paragraph", "value": "<ul><li>Першы пункт</li><li>Другі пункт</li></ul>"},
]


@pytest.fixture
def apertium():
    if shutil.which("apertium") is None or not engines.ApertiumEngine().supports("be", "ru"):
        skip_or_fail("Apertium with apertium-bel-rus is not installed (apt install apertium apertium-bel-rus)")


@pytest.fixture
def locales():
    return {locale.language_code: locale for locale in Locale.objects.all()}


@pytest.fixture
def belarusian_news(db):
    """A published Belarusian news item with no Russian version."""
    homes = site_skeleton_ensure()
    page = NewsPage(
        title="Улада абвясціла новыя санкцыі",
        slug="ulada-abviascila-novyja-sankcyi",
        summary="Кароткі змест навіны.",
        date=datetime.date(2030, 3, 5),
        locale=homes["be"].locale,
        body=BELARUSIAN_BODY,
    )
    section_index(homes["be"], "news").add_child(instance=page)
    page.save_revision().publish()
    return page


def block_texts(page) -> list[str]:
    return [json.dumps(block.get_prep_value()["value"], ensure_ascii=False) for block in page.body]


# --- engines ---------------------------------------------------------------------------------------------------
def test_apertium_translates_offline_keeping_markup_and_links(apertium):
    engine = engines.ApertiumEngine()
    fragments = ['<p>Улада <b>абвясціла</b> пра <a href="https://example.org/?a=1&amp;b=2">санкцыі</a>.</p>', "Тэст"]
    translated = engine.translate_many(fragments, source="be", target="ru")
    assert len(translated) == 2
    assert "<b>" in translated[0] and 'href="https://example.org/?a=1&amp;b=2"' in translated[0]
    assert "санкции" in translated[0] and "Власть" in translated[0]
    assert translated[1] == "Тест"
    assert "*" not in "".join(translated)  # unknown words are not marked with Apertium's asterisks


def test_apertium_refuses_a_pair_it_does_not_have(apertium):
    with pytest.raises(engines.MachineTranslationError, match="en → be"):
        engines.ApertiumEngine().translate_many(["Hello"], source="en", target="be")


class FakeLibreTranslate(BaseHTTPRequestHandler):
    """Answers in LibreTranslate's shapes: ``GET /languages``, ``POST /translate`` with a list in ``q``. It
    "translates" by tagging each text, so a test can tell which texts went through it."""

    fail = False
    requests: list = []

    def do_GET(self):
        if self.path != "/languages":
            return self._json(404, {"error": "not found"})
        self._json(200, [{"code": "en", "name": "English", "targets": ["be", "ru"]}])

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append(body)
        if self.path != "/translate" or type(self).fail:
            return self._json(500, {"error": "Translation failed"})
        texts = body["q"] if isinstance(body["q"], list) else [body["q"]]
        translated = [re.sub(r">([^<]+)<", r">[\1]<", f">{text}<")[1:-1] for text in texts]
        self._json(200, {"translatedText": translated if isinstance(body["q"], list) else translated[0]})

    def _json(self, status, data):
        payload = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def libretranslate(settings):
    FakeLibreTranslate.fail = False
    FakeLibreTranslate.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeLibreTranslate)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.MACHINE_TRANSLATION_ENGINE = "libretranslate"
    settings.MACHINE_TRANSLATION_URL = f"http://127.0.0.1:{server.server_address[1]}"
    settings.MACHINE_TRANSLATION_API_KEY = "key-123"
    yield FakeLibreTranslate
    server.shutdown()
    server.server_close()


def test_libretranslate_engine_speaks_its_api(libretranslate):
    engine = engines.engine()
    assert isinstance(engine, engines.LibreTranslateEngine)
    assert engine.supports("en", "ru") and not engine.supports("be", "ru")
    assert engine.translate_many(["<p>Hello</p>", "World"], source="en", target="ru") == ["<p>[Hello]</p>", "[World]"]
    (request,) = libretranslate.requests
    assert request == {
        "q": ["<p>Hello</p>", "World"],
        "source": "en",
        "target": "ru",
        "format": "html",
        "api_key": "key-123",
    }
    assert engines.translate("a & b", source="en", target="be", is_html=False) == "[a & b]"


def test_libretranslate_failures_are_clear_errors(libretranslate, settings):
    libretranslate.fail = True
    with pytest.raises(engines.MachineTranslationError, match="HTTP 500"):
        engines.engine().translate_many(["Hello"], source="en", target="ru")
    settings.MACHINE_TRANSLATION_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    with pytest.raises(engines.MachineTranslationError, match="did not answer"):
        engines.engine().translate_many(["Hello"], source="en", target="ru")


# --- drafts ----------------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_russian_draft_from_a_belarusian_page(apertium, belarusian_news, locales):
    result = machine_draft_create(source=belarusian_news, locale=locales["ru"], user=None)
    draft = result.page
    assert result.created and not draft.live and draft.locale.language_code == "ru"
    assert draft.translation_key == belarusian_news.translation_key
    latest = draft.get_latest_revision_as_object()
    assert "Власть" in latest.title and "санкции" in latest.title
    assert latest.summary and latest.summary != belarusian_news.summary
    texts = block_texts(latest)
    assert [block.block_type for block in latest.body] == ["heading", "paragraph", "paragraph"]
    assert "санкции" in texts[0] and '"level": "h2"' in texts[0]  # the heading's level is not text
    assert 'href=\\"https://example.org/a?b=1&amp;c=2\\"' in texts[1] and "<b>" in texts[1]
    assert texts[2].count("<li>") == 2 and "Первый" in texts[2]
    assert draft.slug != belarusian_news.slug and draft.slug.startswith("vlast")  # follows the Russian title
    assert set(result.fields) >= {"title", "summary", "body"}
    assert is_machine_made(draft) is not None


@pytest.mark.django_db
def test_a_person_s_edit_lifts_the_machine_mark(apertium, belarusian_news, locales):
    draft = machine_draft_create(source=belarusian_news, locale=locales["ru"], user=None).page
    assert is_machine_made(draft)
    edited = draft.get_latest_revision_as_object()
    edited.title = "Власти объявили о новых санкциях"
    edited.save_revision()
    assert is_machine_made(draft) is None
    assert MachineDraft.objects.filter(page=draft).exists()  # the history stays; the mark no longer applies


@pytest.mark.django_db
def test_an_existing_draft_keeps_what_a_person_wrote(apertium, belarusian_news, locales):
    draft = translation_draft_create(source=belarusian_news, locale=locales["ru"], user=None)
    draft.title = "Заголовок, написанный человеком"
    draft.save_revision()
    result = machine_draft_create(source=belarusian_news, locale=locales["ru"], user=None)
    latest = result.page.get_latest_revision_as_object()
    assert not result.created and result.page.pk == draft.pk
    assert latest.title == "Заголовок, написанный человеком"
    assert "title" not in result.fields and "body" in result.fields
    assert "санкции" in block_texts(latest)[0]
    again = machine_draft_create(source=belarusian_news, locale=locales["ru"], user=None)
    assert again.fields == []  # everything is translated now: a second run changes nothing


@pytest.mark.django_db
def test_a_published_translation_is_never_overwritten(apertium, belarusian_news, locales):
    draft = translation_draft_create(source=belarusian_news, locale=locales["ru"], user=None)
    draft.save_revision().publish()
    revisions = draft.revisions.count()
    with pytest.raises(TranslationError, match="published"):
        machine_draft_create(source=belarusian_news, locale=locales["ru"], user=None)
    assert draft.revisions.count() == revisions


@pytest.mark.django_db
def test_an_engine_failure_writes_nothing(libretranslate, settings, locales):
    homes = site_skeleton_ensure()
    source = NewsPage(
        title="Sanctions", slug="sanctions-2030", date=datetime.date(2030, 1, 1), locale=homes["en"].locale
    )
    section_index(homes["en"], "news").add_child(instance=source)
    source.save_revision().publish()
    pages = Page.objects.count()
    libretranslate.fail = True
    with pytest.raises(engines.MachineTranslationError):
        machine_draft_create(source=source, locale=locales["ru"], user=None)
    assert Page.objects.count() == pages  # the draft made before the engine was asked is rolled back
    assert not MachineDraft.objects.exists()


def test_the_digest_ignores_block_ids_but_not_text(belarusian_news):
    page = belarusian_news.get_latest_revision_as_object()
    before = content_digest(page)
    page.body = [{"type": block["type"], "value": block["value"]} for block in BELARUSIAN_BODY]  # new block ids
    assert content_digest(page) == before
    page.body = [{"type": "paragraph", "value": "<p>Іншы тэкст</p>"}]
    assert content_digest(page) != before


# --- the admin -------------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_an_editor_drafts_and_sees_the_mark(apertium, belarusian_news, client, admin_user, log_in_editor):
    log_in_editor(client, admin_user)
    edit = client.get(f"/admin/pages/{belarusian_news.pk}/edit/")
    assert f"/admin/translations/machine/{belarusian_news.pk}/ru/" in edit.content.decode()  # the header button
    url = f"/admin/translations/machine/{belarusian_news.pk}/ru/"
    confirm = client.get(url)
    assert confirm.status_code == 200 and "Apertium" in confirm.content.decode()
    response = client.post(url)
    draft = belarusian_news.get_translation(Locale.objects.get(language_code="ru"))
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{draft.pk}/edit/"
    page = client.get(response["Location"]).content.decode()
    assert "made by machine translation" in page
    assert not draft.live


@pytest.mark.django_db
def test_without_an_engine_the_button_says_what_to_install(
    belarusian_news, client, admin_user, log_in_editor, settings
):
    settings.MACHINE_TRANSLATION_ENGINE = "apertium"
    settings.MACHINE_TRANSLATION_APERTIUM = "apertium-that-is-not-installed"
    log_in_editor(client, admin_user)
    url = f"/admin/translations/machine/{belarusian_news.pk}/ru/"
    page = client.get(url).content.decode()
    assert "apt install apertium apertium-bel-rus" in page
    pages = Page.objects.count()
    assert client.post(url).status_code == 200
    assert Page.objects.count() == pages


@pytest.mark.django_db
def test_translators_draft_only_into_their_language(
    apertium, belarusian_news, client, log_in_editor, django_user_model
):
    russian = Locale.objects.get(language_code="ru")
    url = f"/admin/translations/machine/{belarusian_news.pk}/ru/"
    be_translator = django_user_model.objects.create_user("be-translator", password="a-long-password-123")
    be_translator.groups.add(Group.objects.get(name="Translators (be)"))
    log_in_editor(client, be_translator)
    refused = client.post(url)
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # Wagtail's "no permission" answer
    assert belarusian_news.get_translation_or_none(russian) is None
    ru_translator = django_user_model.objects.create_user("ru-translator", password="a-long-password-123")
    ru_translator.groups.add(Group.objects.get(name="Translators (ru)"))
    log_in_editor(client, ru_translator)
    drafted = client.post(url)
    draft = belarusian_news.get_translation(russian)
    assert drafted["Location"] == f"/admin/pages/{draft.pk}/edit/" and not draft.live
