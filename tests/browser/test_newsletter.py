"""A reader subscribes from the footer, confirms from a real mail, gets the digest in Belarusian, leaves in one click.

The browser site sends its mail over SMTP to a real aiosmtpd (``site_smtp`` in conftest.py); the digest is
prepared by publishing the latest weekly issue and sent with ``manage.py send_campaign``.
"""

import re
import subprocess
import sys
import urllib.request
from urllib.parse import urlsplit

import pytest

from .conftest import _SITE_ENV, REPO_ROOT

pytestmark = pytest.mark.browser
READER = "browser-reader@example.org"
MAIL_TIMEOUT = 60

PUBLISH_AND_SEND = """
from django.core.management import call_command
from samvydat.newsletter import services
from samvydat.newsletter.models import Campaign
from samvydat.weekly.models import WeeklyIssuePage
issue = WeeklyIssuePage.objects.live().filter(locale__language_code="en").order_by("-week_start").first()
issue.save_revision().publish()
campaign = Campaign.objects.get(kind="digest", language="be", page__translation_key=issue.translation_key)
services.campaign_approve(campaign=campaign, user=None)
call_command("send_campaign", str(campaign.pk), verbosity=0)
print(Campaign.objects.get(pk=campaign.pk).subject)
"""


def mail_to(handler, address: str, count: int):
    assert handler.wait_for(lambda h: len(h.to(address)) >= count, timeout=MAIL_TIMEOUT), f"no mail #{count}"
    return handler.to(address)[count - 1].message


def path_of(url: str) -> str:
    return urlsplit(url).path


def test_subscribe_confirm_receive_the_digest_and_leave_in_one_click(visit, site_smtp):
    handler = site_smtp.handler
    visit.goto("/en/")
    box = visit.page.locator(".newsletter-box")
    box.locator("input[name=email]").fill(READER)
    box.locator("select[name=language]").select_option("be")
    box.locator("button[type=submit]").click()
    visit.page.wait_for_url("**/en/newsletter/check-your-inbox/")

    confirmation = mail_to(handler, READER, 1)
    assert confirmation["Content-Language"] == "be"
    confirm_url = re.search(r"https?://\S+/be/newsletter/confirm/\S+/", confirmation.get_content()).group(0)
    visit.goto(path_of(confirm_url))
    visit.page.locator("main form button[type=submit]").click()
    visit.page.wait_for_load_state()
    assert visit.page.locator("main h1").inner_text()
    assert visit.page.locator("main a[href*='/newsletter/manage/']").count() == 1

    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "manage.py"), "shell", "-c", PUBLISH_AND_SEND],
        cwd=REPO_ROOT,
        env=_SITE_ENV,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    subject = result.stdout.strip().splitlines()[-1]
    digest = mail_to(handler, READER, 2)
    assert digest["Subject"] == subject
    assert digest["Content-Language"] == "be"
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html = digest.get_body(("html",)).get_content()
    assert "/be/weekly/" in html and "<img" not in html

    # RFC 8058: the mail provider POSTs "List-Unsubscribe=One-Click" to the header's URL, without cookies.
    unsubscribe_url = visit.site_url + path_of(digest["List-Unsubscribe"].strip("<>"))
    request = urllib.request.Request(unsubscribe_url, data=b"List-Unsubscribe=One-Click", method="POST")
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200 and response.headers.get("Set-Cookie") is None
    visit.goto(path_of(unsubscribe_url))  # the same link in a browser now says it is done
    assert visit.page.locator("main form").count() == 0
    visit.assert_clean()
