"""``{% reader_comments page as section %}``: what the comments include needs for one page."""

from django import template
from django.conf import settings

from samvydat.comments import antispam
from samvydat.comments.forms import ReaderCommentForm
from samvydat.comments.models import Kind
from samvydat.comments.selectors import shown_on

register = template.Library()


@register.simple_tag
def reader_comments(page) -> dict:
    comments_open = bool(getattr(page, "comments_open", False))
    questions_open = bool(getattr(page, "questions_open", False))
    if page is None or not page.pk:
        return {"enabled": False}
    comments, questions = shown_on(
        page=page, comments=hasattr(page, "comments_open"), questions=hasattr(page, "questions_open")
    )
    section = {
        "enabled": bool(comments_open or questions_open or comments or questions),
        "comments_open": comments_open,
        "questions_open": questions_open,
        "comments": comments,
        "questions": questions,
        "pow_bits": settings.COMMENTS_POW_BITS,
    }
    if comments_open:
        section["comment_form"] = ReaderCommentForm(
            initial={"token": antispam.form_token(page_id=page.pk, kind=Kind.COMMENT)}, auto_id="comment-%s"
        )
    if questions_open:
        section["question_form"] = ReaderCommentForm(
            initial={"token": antispam.form_token(page_id=page.pk, kind=Kind.QUESTION)},
            question=True,
            auto_id="question-%s",
        )
    return section
