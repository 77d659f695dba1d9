"""The public endpoints readers post comments and questions to, and the "thank you" page.

They are exempt from CSRF protection on purpose: anonymous readers get no cookie and public pages come from a
full-page cache, so there is no per-reader secret to check. CSRF protects a logged-in user's authority from
being borrowed by another site; here nobody is logged in and nothing is published by a post — it waits for an
editor. What a forged post could do, anyone can do directly; spam is kept out by ``antispam`` instead.
"""

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Page

from samvydat.security import ratelimit

from . import antispam
from .forms import ReaderCommentForm
from .models import Kind
from .services import reader_comment_receive

OPEN_FIELD = {Kind.COMMENT: "comments_open", Kind.QUESTION: "questions_open"}


def _page_or_404(page_id: int):
    page = Page.objects.live().public().filter(pk=page_id).first()
    if page is None:
        raise Http404
    return page.specific


def _form_again(request, page, kind, form, *, problem: str = "", status: int = 400):
    """The form once more, with what the reader wrote and what was wrong (they can send it again)."""
    context = {
        "target": page,
        "kind": kind,
        "form": form,
        "problem": problem,
        "pow_bits": settings.COMMENTS_POW_BITS,
    }
    response = render(request, "comments/form_page.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response


@csrf_exempt  # see the module docstring: no cookie, nothing published without an editor
@require_POST
@never_cache
def reader_comment_post(request, page_id: int, kind: str):
    if kind not in OPEN_FIELD:
        raise Http404
    page = _page_or_404(page_id)
    if not getattr(page, OPEN_FIELD[kind], False):
        return render(request, "comments/closed.html", {"target": page, "kind": kind}, status=403)
    form = ReaderCommentForm(request.POST, question=kind == Kind.QUESTION)
    if not form.is_valid():
        if "token" in form.errors and not form.errors.keys() - {"token"}:
            form = ReaderCommentForm(
                initial={**request.POST.dict(), "token": antispam.form_token(page_id=page.pk, kind=kind)},
                question=kind == Kind.QUESTION,
            )
            return _form_again(request, page, kind, form, problem=_("The form was incomplete. Please send it again."))
        return _form_again(request, page, kind, form)
    data = form.cleaned_data
    check = antispam.token_check(data["token"], page_id=page.pk, kind=kind)
    if not check.ok:
        fresh = ReaderCommentForm(
            initial={
                "text": data["text"],
                "display_name": data["display_name"],
                "token": antispam.form_token(page_id=page.pk, kind=kind),
            },
            question=kind == Kind.QUESTION,
        )
        return _form_again(
            request, page, kind, fresh, problem=_("The form was open for too long. Please check and send it again.")
        )
    if data["website"]:  # only robots fill the field people cannot see; tell them nothing
        return _thanks_redirect(page, kind)
    worked = antispam.proof_of_work_valid(data["token"], data["work"])
    if not worked and check.age < settings.COMMENTS_MIN_FORM_SECONDS:
        return _form_again(
            request, page, kind, form, problem=_("That was very quick. Please check what you wrote and send it again.")
        )
    limit, window = settings.COMMENTS_GLOBAL_LIMIT  # nginx limits each client; this caps the whole site
    if not ratelimit.limit_hit(scope="comments", limit=limit, window_seconds=window):
        return _form_again(
            request,
            page,
            kind,
            form,
            status=429,
            problem=_("Very many messages are arriving right now. Nothing was kept yet: please send again later."),
        )
    reader_comment_receive(page=page, kind=kind, text=data["text"], display_name=data["display_name"])
    return _thanks_redirect(page, kind)


def _thanks_redirect(page, kind: str) -> HttpResponseRedirect:
    """Post/Redirect/Get without a cookie: the thank-you page learns the page and the form from its URL."""
    url = reverse("comments:sent") + "?" + urlencode({"page": page.pk, "kind": kind})
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


@require_GET
def reader_comment_sent(request):
    raw = request.GET.get("page", "")
    kind = request.GET.get("kind", Kind.COMMENT)
    page = None
    if raw.isdigit() and len(raw) < 12:
        page = Page.objects.live().public().filter(pk=int(raw)).first()
    return render(request, "comments/sent.html", {"target": page, "is_question": kind == Kind.QUESTION})
