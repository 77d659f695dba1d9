"""The daily digest of outdated translations: each language's translators get their language's items only, once."""

import datetime
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale

from samvydat.translations.digest_services import translation_digest_send
from samvydat.weekly.models import CommentaryPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def translators(django_user_model):
    def make(name, language, email=True):
        user = django_user_model.objects.create_user(name, email=f"{name}@example.org" if email else "", password="x")
        user.groups.add(Group.objects.get(name=f"Translators ({language})"))
        return user

    return {"be": make("tbe", "be"), "ru": make("tru", "ru"), "be-no-mail": make("tbe2", "be", email=False)}


@pytest.fixture
def commentary():
    source = CommentaryPage.objects.filter(locale__language_code="en", live=True).order_by("pk").first()
    be = source.get_translation(Locale.objects.get(language_code="be"))
    ru = source.get_translation(Locale.objects.get(language_code="ru"))
    translation_digest_send()  # whatever the demo's import left outdated is reported (and then never again)
    mail.outbox.clear()
    return source, be, ru


def _republish(page, **changes):
    page = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


class _Form(HTMLParser):
    """The values a browser would send from the account settings form."""

    def __init__(self):
        super().__init__()
        self.data, self._select = {}, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "button"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            if a.get("type") == "file":
                return
            self.data[a["name"]] = a.get("value", "on" if a.get("type") == "checkbox" else "")
        elif tag == "textarea" and a.get("name"):
            self.data[a["name"]] = ""
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and ("selected" in a or self._select not in self.data):
            self.data[self._select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def _form_data(html: str) -> dict:
    parser = _Form()
    parser.feed(html)
    return parser.data


def _mail_to(address):
    found = [message for message in mail.outbox if message.to == [address]]
    assert len(found) == 1, [m.to for m in mail.outbox]
    return found[0]


def test_each_language_gets_its_own_items_once(translators, commentary):
    source, be, ru = commentary
    _republish(source, summary=source.summary + " Corrected: the meeting was cancelled.")
    assert translation_digest_send() == {"be": 1, "ru": 1}
    be_mail, ru_mail = _mail_to("tbe@example.org"), _mail_to("tru@example.org")
    assert len(mail.outbox) == 2  # the translator without an address gets nothing
    assert be.title in be_mail.body and ru.title not in be_mail.body
    assert ru.title in ru_mail.body and be.title not in ru_mail.body
    assert f"/admin/translations/status/wagtailcore/page/{be.pk}/" in be_mail.body
    assert be_mail.subject and "1" in be_mail.subject

    mail.outbox.clear()
    assert translation_digest_send() == {}  # already reported: nothing new
    assert mail.outbox == []


def test_nothing_is_sent_when_nothing_changed(translators, commentary):
    call_command("translation_digest")
    assert mail.outbox == []


def test_an_older_change_is_not_news(translators, commentary):
    source, be, ru = commentary
    _republish(source, summary=source.summary + " Corrected again.")
    assert translation_digest_send(now=timezone.now() + datetime.timedelta(days=2)) == {}
    assert mail.outbox == []


def test_a_second_change_of_the_source_is_reported_again(translators, commentary):
    source, be, ru = commentary
    _republish(source, summary=source.summary + " First correction.")
    translation_digest_send()
    mail.outbox.clear()
    _republish(source, summary=source.summary + " Second correction.")
    assert translation_digest_send() == {"be": 1, "ru": 1}


def test_a_translator_who_opted_out_gets_nothing(translators, commentary, client, log_in_editor):
    source, be, ru = commentary
    log_in_editor(client, translators["be"])
    page = client.get("/admin/account/")
    assert b"translation_digest-send_digest" in page.content  # the account settings panel
    data = _form_data(page.content.decode())
    data.pop("translation_digest-send_digest", None)  # the box unticked
    data.update({"name_email-first_name": "Tania", "name_email-last_name": "B"})
    response = client.post("/admin/account/", data)
    assert response.status_code == 302, [
        (panel.name, panel.get_form().errors)
        for panels in response.context["panels_by_tab"].values()
        for panel in panels
    ]
    translators["be"].refresh_from_db()
    assert translators["be"].digest_preference.send_digest is False
    _republish(source, summary=source.summary + " Corrected: the meeting was cancelled.")
    assert translation_digest_send() == {"ru": 1}
    assert [m.to for m in mail.outbox] == [["tru@example.org"]]
