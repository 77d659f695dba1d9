"""The "how to reach us" page, its settings, and the Onion-Location header."""

import pytest
from django.core.exceptions import ValidationError

from samvydat.mirror.models import MirrorAddress, MirrorSettings, validate_onion_address

pytestmark = pytest.mark.django_db
ONION = "http://" + "a" * 52 + "b234.onion"


@pytest.fixture
def mirror_settings():
    settings = MirrorSettings.objects.create(
        onion_address=ONION + "/", note_en="Read us anywhere.", note_be="Чытайце нас усюды.", note_ru=""
    )
    MirrorAddress.objects.create(
        settings=settings,
        url="https://mirror-one.example/",
        note_en="Works without VPN.",
        note_be="Без VPN.",
        sort_order=0,
    )
    MirrorAddress.objects.create(settings=settings, url="https://blocked.example/", active=False, sort_order=1)
    return settings


@pytest.mark.parametrize(
    ("language", "note", "address_note"),
    [
        ("en", "Read us anywhere.", "Works without VPN."),
        ("be", "Чытайце нас усюды.", "Без VPN."),
        ("ru", "Read us anywhere.", "Works without VPN."),
    ],
)
def test_the_page_lists_addresses_with_notes_in_each_language(client, mirror_settings, language, note, address_note):
    response = client.get(f"/{language}/reach-us/")
    text = response.content.decode()
    assert response.status_code == 200 and not response.cookies
    assert note in text and address_note in text  # a missing Russian note falls back to English
    assert "https://mirror-one.example/" in text and "blocked.example" not in text
    assert ONION in text


def test_without_settings_the_page_still_works(client):
    response = client.get("/be/reach-us/")
    assert response.status_code == 200


def test_every_page_links_to_it(client):
    for url in ("/en/", "/be/", "/ru/news/"):
        response = client.get(url, follow=True)
        assert 'href="/' + url.split("/")[1] + '/reach-us/"' in response.content.decode(), url


def test_onion_location_header(client, mirror_settings):
    response = client.get("/en/news/?page=2")
    assert response["Onion-Location"] == ONION + "/en/news/?page=2"
    assert "Onion-Location" not in client.get("/en/feeds/all.rss")  # HTML pages only


def test_no_onion_location_on_the_onion_site_or_without_an_address(client, mirror_settings, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, ONION.removeprefix("http://")]
    assert "Onion-Location" not in client.get("/en/", HTTP_HOST=ONION.removeprefix("http://"))
    mirror_settings.onion_address = ""
    mirror_settings.save()  # the cached settings are cleared on save
    assert "Onion-Location" not in client.get("/en/")


@pytest.mark.parametrize(
    "value", ["http://example.org/", "http://short.onion/", "ftp://" + "a" * 56 + ".onion/", "not a url"]
)
def test_only_v3_onion_addresses_are_accepted(value):
    with pytest.raises(ValidationError):
        validate_onion_address(value)
    validate_onion_address(ONION)


def test_editors_maintain_the_settings_in_the_admin(client, log_in_editor, django_user_model):
    editor = django_user_model.objects.create_superuser("mirror-editor", "e@example.org", "a-long-password-1")
    log_in_editor(client, editor)
    response = client.get("/admin/settings/mirror/mirrorsettings/", follow=True)
    assert response.status_code == 200
    assert b"onion_address" in response.content and b"addresses-" in response.content
