"""Readers comment and ask the experts in a real browser, with and without JavaScript; an editor approves in
the admin; then everyone sees them. No cookie, no request to another host, nothing about the reader kept."""

import sys
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from samvydat.comments.antispam import proof_of_work_valid

from .conftest import _SITE_ENV, REPO_ROOT, _run

pytestmark = pytest.mark.browser

NEWS = "/en/news/eu-sectoral-sanctions/"
DISCUSSION = "/en/discussions/expert-environment-3/"
OPEN_FORMS = (
    "from samvydat.news.models import NewsPage; from samvydat.discussions.models import DiscussionPage; "
    f"NewsPage.objects.filter(url_path__endswith='{NEWS[3:]}').update(comments_open=True); "
    f"DiscussionPage.objects.filter(url_path__endswith='{DISCUSSION[3:]}').update(questions_open=True)"
)


@pytest.fixture(scope="module")
def forms_open(site_url):
    """Editors switched comments on for a news item and questions on for a discussion."""
    _run(
        [sys.executable, str(REPO_ROOT / "manage.py"), "shell", "-c", OPEN_FORMS],
        _SITE_ENV,
        Path(_SITE_ENV["MEDIA_ROOT"]).parent / "server.log",
    )


def post(visit, path: str, kind: str, text: str, *, with_js: bool) -> None:
    visit.goto(path)
    form = visit.page.locator(f"form.reader-form[action$='/{kind}/']")
    form.locator("textarea[name=text]").fill(text)
    form.locator("input[name=display_name]").fill(f"Reader {kind}")
    bits = int(form.get_attribute("data-pow-bits"))
    if with_js:
        with visit.page.expect_request(lambda request: request.method == "POST") as posted:
            form.locator("button[type=submit]").click()
        fields = parse_qs(posted.value.post_data)
        assert proof_of_work_valid(fields["token"][0], fields["work"][0], bits=bits), "the script's proof of work"
    else:
        form.locator("button[type=submit]").click()
    visit.page.wait_for_url("**/comments/sent/**")
    assert "moderat" in visit.page.locator("main").inner_text()


def approve(editor_visit, text: str, kind: str) -> None:
    page = editor_visit.page
    page.goto(f"{editor_visit.site_url}/admin/reader-comments/?language=en&kind={kind}")
    row = page.locator("tr.reader-moderation__item", has_text=text)
    with page.expect_navigation():
        row.get_by_role("button", name="Approve", exact=True).click()
    assert page.locator("tr.reader-moderation__item", has_text=text).count() == 0


def test_readers_comment_and_ask_with_and_without_javascript(forms_open, visit, visit_without_js):
    items = [
        (visit_without_js, NEWS, "comment", "Posted without JS, waiting", False),
        (visit_without_js, DISCUSSION, "question", "Asked without JS, waiting?", False),
        (visit, NEWS, "comment", "Posted with JS, waiting", True),
        (visit, DISCUSSION, "question", "Asked with JS, waiting?", True),
    ]
    for reader, path, kind, text, with_js in items:
        post(reader, path, kind, text, with_js=with_js)
    for path in (NEWS, DISCUSSION):
        visit_without_js.goto(path)
        assert "waiting" not in visit_without_js.page.locator("main").inner_text()  # nothing before moderation
    visit.assert_clean()
    visit_without_js.assert_clean()


def test_an_editor_approves_and_marks_an_answer_then_readers_see_them(
    forms_open, visit, visit_without_js, editor_visit
):
    items = [
        (visit_without_js, NEWS, "comment", "A comment without JS <b>not bold</b>", False),
        (visit_without_js, DISCUSSION, "question", "A question without JS about potash?", False),
        (visit, NEWS, "comment", "A comment with JS, 100% written by hand", True),
        (visit, DISCUSSION, "question", "A question with JS about visas?", True),
    ]
    for reader, path, kind, text, with_js in items:
        post(reader, path, kind, text, with_js=with_js)
    for _reader, _path, kind, text, _js in items:
        approve(editor_visit, text, kind)
    questions = editor_visit.page
    questions.goto(f"{editor_visit.site_url}/admin/reader-comments/questions/?language=en")
    row = questions.locator("tr", has_text="about potash?")
    row.locator("input[name=theme]").fill("Economy")
    row.locator("input[name=answered]").check()
    with questions.expect_navigation():
        row.get_by_role("button", name="Save").click()
    assert "1 answered" in questions.locator("main").inner_text()

    # Public pages may be kept by the browser for PAGE_CACHE_MAX_AGE: a reader reloading sees the approval.
    visit_without_js.goto(NEWS)
    visit_without_js.page.reload()
    comments = visit_without_js.page.locator("#comments")
    assert comments.get_by_text("A comment without JS <b>not bold</b>").count() == 1  # shown as written, escaped
    assert comments.get_by_text("A comment with JS, 100% written by hand").count() == 1
    assert comments.locator(".reader-comment__text b").count() == 0
    visit.goto(DISCUSSION)
    visit.page.reload()
    question = visit.page.locator("#questions li", has_text="about potash?")
    assert "Answered in the discussion" in question.inner_text()
    assert visit.page.locator("#questions li", has_text="about visas?").count() == 1
    visit.assert_clean()
    visit_without_js.assert_clean()
