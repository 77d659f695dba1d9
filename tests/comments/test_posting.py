"""Readers post comments and questions: no cookie, no CSRF token, pre-moderated, nothing about them kept."""

import re

import pytest
from django.urls import reverse

from samvydat.comments import antispam
from samvydat.comments.models import Kind, ReaderComment, Status

from .conftest import NEWS, form_data, open_page

pytestmark = pytest.mark.django_db

PRIVACY = {
    "en": "We do not keep your IP address",
    "be": "Мы не захоўваем ваш IP-адрас",
    "ru": "Мы не храним ваш IP-адрес",
}


def post_url(page, kind="comment", lang="en"):
    from django.utils import translation

    with translation.override(lang):
        return reverse("comments:post", args=[page.pk, kind])


def test_no_form_until_an_editor_opens_comments(client, news_page):
    news_page.comments_open = False
    news_page.save(update_fields=["comments_open"])
    html = client.get(NEWS.format(lang="en")).content.decode()
    assert "reader-form" not in html


@pytest.mark.parametrize("lang", ["en", "be", "ru"])
def test_the_form_says_what_is_kept_in_the_readers_language(client, lang):
    from samvydat.news.models import NewsPage

    open_page(NewsPage, NEWS.format(lang=lang), comments_open=True)
    response = client.get(NEWS.format(lang=lang))
    html = response.content.decode()
    assert 'class="reader-form"' in html
    assert PRIVACY[lang] in html
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies


def test_a_comment_waits_for_moderation_then_appears_escaped(client, news_page, clock):
    data = form_data(
        news_page, text="Line one <script>alert(1)</script>\nsee https://example.org/x", display_name="Ales"
    )
    clock.advance(30)
    response = client.post(post_url(news_page), data)
    assert response.status_code == 303
    assert response["Location"].startswith("/en/comments/sent/?")
    assert not response.cookies
    comment = ReaderComment.objects.get(page=news_page)
    assert comment.status == Status.PENDING and comment.kind == Kind.COMMENT
    assert comment.received_at.minute == 0 and comment.received_at.second == 0
    thanks = client.get(response["Location"])
    assert "after moderation" in thanks.content.decode()

    page_html = client.get(NEWS.format(lang="en")).content.decode()
    assert "Line one" not in page_html

    comment.status = Status.APPROVED
    comment.save()
    page_html = client.get(NEWS.format(lang="en")).content.decode()
    assert "Line one &lt;script&gt;alert(1)&lt;/script&gt;<br>see https://example.org/x" in page_html
    assert '<a href="https://example.org/x"' not in page_html
    assert "Ales" in page_html

    comment.links_allowed = True
    comment.save()
    page_html = client.get(NEWS.format(lang="en")).content.decode()
    assert re.search(r'<a href="https://example.org/x" rel="nofollow">', page_html)


def test_with_proof_of_work_a_comment_is_taken_at_once(client, news_page, clock, settings):
    settings.COMMENTS_POW_BITS = 8
    data = form_data(news_page)
    data["work"] = antispam.proof_of_work_solve(data["token"], bits=8)
    assert client.post(post_url(news_page), data).status_code == 303
    assert ReaderComment.objects.filter(page=news_page).count() == 1


def test_without_work_a_form_sent_at_once_is_shown_again_with_the_text(client, news_page, clock):
    data = form_data(news_page, text="Written in no time")
    response = client.post(post_url(news_page), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Written in no time" in html and "very quick" in html
    assert not ReaderComment.objects.exists()
    clock.advance(5)  # the reader reads it again and sends it: the same token is now old enough
    again = dict(data, token=re.search(r'name="token" value="([^"]+)"', html).group(1))
    assert client.post(post_url(news_page), again).status_code == 303
    assert ReaderComment.objects.count() == 1


@pytest.mark.parametrize(
    "change",
    [
        {"token": "forged"},
        {"token": ""},
        {"text": "  "},
        {"text": "x" * 4001},
        {"display_name": "n" * 61},
    ],
)
def test_bad_forms_store_nothing(client, news_page, clock, change):
    data = form_data(news_page, **change)
    clock.advance(30)
    response = client.post(post_url(news_page), data)
    assert response.status_code == 400
    assert not ReaderComment.objects.exists()


def test_a_token_is_for_one_page_and_one_form(client, news_page, discussion_page, clock):
    other = form_data(discussion_page)
    question_token = form_data(news_page, kind="question")
    clock.advance(30)
    assert client.post(post_url(news_page), other).status_code == 400
    assert client.post(post_url(news_page), question_token).status_code == 400
    assert not ReaderComment.objects.exists()


def test_a_token_outlives_the_page_cache_then_expires(client, news_page, clock, settings):
    data = form_data(news_page)
    clock.advance(settings.PAGE_CACHE_TIMEOUT + 3600)
    assert client.post(post_url(news_page), data).status_code == 303
    clock.advance(antispam.token_max_age())
    response = client.post(post_url(news_page), data)
    assert response.status_code == 400 and "open for too long" in response.content.decode()
    assert ReaderComment.objects.count() == 1


def test_the_trap_field_looks_accepted_but_keeps_nothing(client, news_page, clock):
    data = form_data(news_page, website="http://spam.example")
    clock.advance(30)
    response = client.post(post_url(news_page), data)
    assert response.status_code == 303
    assert not ReaderComment.objects.exists()


def test_closed_pages_and_unknown_forms_take_nothing(client, news_page, clock):
    clock.advance(30)
    assert client.post(post_url(news_page, "question"), form_data(news_page, kind="question")).status_code == 403
    assert client.post(post_url(news_page, "nonsense"), form_data(news_page)).status_code == 404
    assert client.post(reverse("comments:post", args=[999_999, "comment"]), form_data(news_page)).status_code == 404
    assert client.get(post_url(news_page)).status_code == 405
    assert not ReaderComment.objects.exists()


def test_the_site_wide_cap_holds_whatever_the_address(client, news_page, clock, settings):
    """Behind nginx every post comes from 127.0.0.1 (nginx limits each client): the application caps the site."""
    settings.COMMENTS_GLOBAL_LIMIT = (3, 3600)
    data = form_data(news_page)
    clock.advance(30)
    statuses = [
        client.post(post_url(news_page), data, REMOTE_ADDR=f"198.51.100.{n}", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
        for n in range(4)
    ]
    assert [response.status_code for response in statuses] == [303, 303, 303, 429]
    assert "Nothing was kept yet" in statuses[-1].content.decode()
    assert ReaderComment.objects.count() == 3


def test_a_full_cap_does_not_stop_the_other_forms(client, news_page, clock, settings, tmp_path):
    """Each form has its own cap: a comment flood does not silence the tip line."""
    settings.COMMENTS_GLOBAL_LIMIT = (0, 3600)
    settings.SUBMISSIONS_ROOT = str(tmp_path / "submissions")
    tip = {"kind": "information", "text": "Trucks at night.", "contact": "", "work": "", "website": ""}
    tip["token"] = antispam.form_token(page_id=0, kind="submission")
    comment = form_data(news_page)
    clock.advance(30)
    assert client.post(post_url(news_page), comment).status_code == 429
    assert client.post(reverse("submissions:send"), tip).status_code == 303


def test_questions_before_a_discussion(client, discussion_page, clock):
    data = form_data(discussion_page, kind="question", text="Will the sanctions reach potash?")
    clock.advance(30)
    response = client.post(post_url(discussion_page, "question"), data)
    assert response.status_code == 303 and "kind=question" in response["Location"]
    question = ReaderComment.objects.get()
    assert question.kind == Kind.QUESTION
    html = client.get(discussion_page.url).content.decode()
    assert "Ask the experts" in html and "Will the sanctions" not in html


def test_commentaries_take_comments_too(client):
    from samvydat.weekly.models import CommentaryPage

    commentary = CommentaryPage.objects.live().filter(locale__language_code="ru").first()
    assert 'class="reader-form"' not in client.get(commentary.url).content.decode()
    commentary.comments_open = True
    commentary.save(update_fields=["comments_open"])
    html = client.get(commentary.url).content.decode()
    assert 'class="reader-form"' in html and f"/ru/comments/{commentary.pk}/comment/" in html
    assert "Мы не храним ваш IP-адрес" in html
