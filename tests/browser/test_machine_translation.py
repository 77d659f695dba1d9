"""A translator drafts a Russian page from a Belarusian one offline (Apertium) in a real browser: the action in the
page's menu, the confirmation, the draft with the machine's text and the warning that nobody has checked it."""

import shutil
import subprocess
import sys

import pytest

from tests.conftest import skip_or_fail

from .conftest import _SITE_ENV, REPO_ROOT

pytestmark = pytest.mark.browser

MAKE_PAGE = """
import datetime
from samvydat.core.services import section_index, site_skeleton_ensure
from samvydat.news.models import NewsPage
homes = site_skeleton_ensure()
page = NewsPage(title="Улада абвясціла новыя санкцыі", slug="machine-draft-source", date=datetime.date(2030, 3, 5),
                summary="Кароткі змест.", locale=homes["be"].locale,
                body=[{"type": "paragraph", "value": "<p>Улада <b>абвясціла</b> пра новыя санкцыі.</p>"}])
section_index(homes["be"], "news").add_child(instance=page)
page.save_revision().publish()
print(page.pk)
"""


@pytest.fixture
def belarusian_page_id(site_url) -> int:
    if shutil.which("apertium") is None:
        skip_or_fail("Apertium with apertium-bel-rus is not installed (apt install apertium apertium-bel-rus)")
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "manage.py"), "shell", "-c", MAKE_PAGE],
        cwd=REPO_ROOT,
        env=_SITE_ENV,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return int(result.stdout.strip().splitlines()[-1])


def test_a_russian_draft_from_a_belarusian_page(editor_visit, belarusian_page_id):
    page = editor_visit.page
    page.goto(f"{editor_visit.site_url}/admin/pages/{belarusian_page_id}/edit/")
    page.goto(f"{editor_visit.site_url}/admin/translations/machine/{belarusian_page_id}/ru/")
    assert "no text is sent anywhere" in page.content()
    page.get_by_role("button", name="Draft in Russian").click()
    page.wait_for_url("**/admin/pages/*/edit/")
    assert f"/pages/{belarusian_page_id}/" not in page.url  # the Russian draft, not the source
    assert "made by machine translation" in page.locator(".messages").inner_text()
    assert "Власть" in page.locator("input[name=title]").input_value()
    editor_visit.screenshot("admin-machine-draft-ru")
