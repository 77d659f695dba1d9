"""A translation's slug: the source's until the title is translated, then the title's transliteration."""

import pytest

from samvydat.core.slugs import is_copied_slug, slug_in_language


@pytest.mark.parametrize(
    ("title", "language", "slug"),
    [
        ("Сітуацыя ў Беларусі: эканоміка", "be", "situacyja-u-bielarusi-ekanomika"),
        ("Лукашэнка сустрэўся з Пуціным", "be", "lukasenka-sustreusia-z-pucinym"),
        ("Ситуация в Беларуси: щука", "ru", "situatsiya-v-belarusi-shchuka"),
        ("What's new in March?", "en", "whats-new-in-march"),
        ("—", "be", ""),
    ],
)
def test_slug_in_language(title, language, slug):
    assert slug_in_language(title, language) == slug


def test_copied_slug_allows_wagtails_numbered_suffix():
    assert is_copied_slug("prices", {"prices"})
    assert is_copied_slug("prices-2", {"prices"})
    assert not is_copied_slug("prices-up", {"prices"})
    assert not is_copied_slug("2", {"prices"})
