"""The moderation queue in the Wagtail admin: per language, with counts; approve, reject, reply, spam, delete;
and the questions board where discussion moderators group questions and mark the ones taken and answered."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .models import Kind, ReaderComment, Status
from .roles import PERMISSION
from .selectors import moderation_counts, moderation_queue, questions_by_discussion

moderator_required = permission_required(PERMISSION, raise_exception=True)
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def _language(request) -> str:
    code = request.GET.get("language", "")
    return code if code in LANGUAGE_CODES else LANGUAGE_CODES[0]


@moderator_required
def queue(request):
    language = _language(request)
    status = request.GET.get("status", Status.PENDING)
    status = status if status in Status.values else Status.PENDING
    kind = request.GET.get("kind", "")
    kind = kind if kind in Kind.values else ""
    counts = moderation_counts()
    context = {
        "page_title": _("Readers' comments and questions"),
        "header_icon": "comment",
        "languages": [(code, name, counts.get(code, {}).get(Status.PENDING, 0)) for code, name in settings.LANGUAGES],
        "statuses": [(value, label, counts[language][value]) for value, label in Status.choices],
        "kinds": Kind.choices,
        "language": language,
        "status": status,
        "kind": kind,
        "items": moderation_queue(language=language, status=status, kind=kind or None)[:200],
        "here": request.get_full_path(),
    }
    return render(request, "comments/admin/queue.html", context)


@moderator_required
def questions(request):
    language = _language(request)
    counts = moderation_counts()
    context = {
        "page_title": _("Questions to the experts"),
        "header_icon": "help",
        "languages": [(code, name, counts.get(code, {}).get(Status.PENDING, 0)) for code, name in settings.LANGUAGES],
        "language": language,
        "discussions": questions_by_discussion(language=language),
        "here": request.get_full_path(),
    }
    return render(request, "comments/admin/questions.html", context)


def _back(request):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(reverse("comments_admin:queue"))


ACTIONS = {
    "approve": (lambda c, r: services.reader_comment_approve(comment=c), "Approved."),
    "approve_links": (lambda c, r: services.reader_comment_approve(comment=c, links_allowed=True), "Approved."),
    "reject": (lambda c, r: services.reader_comment_reject(comment=c), "Rejected."),
    "spam": (lambda c, r: services.reader_comment_mark_spam(comment=c), "Marked as spam."),
    "reply": (
        lambda c, r: services.reader_comment_reply(comment=c, text=r.POST.get("reply", ""), user=r.user),
        "Reply saved.",
    ),
}


@require_POST
@moderator_required
def act(request, pk: int, action: str):
    comment = get_object_or_404(ReaderComment, pk=pk)
    if action == "delete":
        if request.POST.get("confirm") != "yes":
            return render(
                request,
                "comments/admin/confirm_delete.html",
                {
                    "page_title": _("Delete for good?"),
                    "header_icon": "bin",
                    "item": comment,
                    "next": request.POST.get("next", ""),
                },
            )
        services.reader_comment_delete(comment=comment)
        messages.success(request, _("Deleted for good."))
        return _back(request)
    if action == "question":
        if comment.kind != Kind.QUESTION:
            raise PermissionDenied
        services.question_update(
            comment=comment,
            theme=request.POST.get("theme", ""),
            taken=request.POST.get("taken") == "on",
            answered=request.POST.get("answered") == "on",
        )
        messages.success(request, _("Question updated."))
        return _back(request)
    if action not in ACTIONS:
        raise PermissionDenied
    run, message = ACTIONS[action]
    run(comment, request)
    messages.success(request, _(message))
    return _back(request)
