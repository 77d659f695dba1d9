import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "be", "ru"])
def test_home_page_renders_in_each_language(client, lang):
    response = client.get(f"/{lang}/")
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.content.decode()
