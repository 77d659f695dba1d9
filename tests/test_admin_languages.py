"""The admin in Belarusian and Russian: samvydat's own menus speak the editor's language, none stays English."""

import json
import re

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db

#: samvydat's own items in the admin's sidebar (Wagtail translates its own).
OWN_LABELS = ["People", "Readers' comments", "Questions to experts", "People written about", "Background tasks"]


def _labels(props) -> set[str]:
    labels = set()
    for item in props if isinstance(props, list) else [props]:
        if isinstance(item, dict):
            if isinstance(item.get("label"), str):
                labels.add(re.sub(r" \(\d+\)$", "", item["label"]))
            for value in item.values():
                if isinstance(value, (list, dict)):
                    labels |= _labels(value)
        elif isinstance(item, list):
            labels |= _labels(item)
    return labels


@pytest.mark.parametrize("language", ["be", "ru"])
def test_the_sidebar_has_no_english_label_of_ours(client, django_user_model, log_in_editor, language):
    from wagtail.users.models import UserProfile

    user = django_user_model.objects.create_superuser("polyglot", "polyglot@example.org", "a-long-password-123")
    UserProfile.get_for_user(user).__class__.objects.filter(user=user).update(preferred_language=language)
    log_in_editor(client, user)
    html = client.get("/admin/").content.decode()
    raw = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S)
    labels = _labels(json.loads(raw.group(1)))
    with translation.override(language):
        expected = {translation.gettext(label) for label in OWN_LABELS}
    assert not set(OWN_LABELS) & labels, "English labels in the sidebar"
    assert expected <= labels
