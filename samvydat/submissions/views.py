"""The public "Send us information" page and its thank-you page.

The form posts without a CSRF token on purpose: readers have no cookie and no session (the page may come from
the full-page cache), and a forged post could only do what anyone can do directly — send us something for
handlers to read. Spam is kept out by ``samvydat.comments.antispam`` (signed token, proof of work or time,
a trap field); nginx limits each client (``limit_req``), the application caps the whole site.

Order of the checks: the body is read into memory within the byte budget (``uploads``), then the form, the
token, the trap field, the proof of work or time and the site-wide cap (``security.ratelimit``,
``SUBMISSIONS_GLOBAL_LIMIT``) — all without decoding a file — and only
then are files cleaned, in a child process with a memory and CPU limit (``cleaning.sandbox``).
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponseRedirect
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from samvydat.comments import antispam
from samvydat.core.i18n import view_alternates
from samvydat.security import ratelimit

from .cleaning import OverBudget, Refused
from .cleaning.sandbox import Busy
from .forms import SubmissionForm
from .safety import onion_address
from .services import files_clean, submission_receive
from .uploads import CappedMemoryUploadHandler

TOKEN_PAGE = 0
TOKEN_KIND = "submission"


def _render(request, form, *, problem: str = "", status: int = 200):
    context = {
        "form": form,
        "problem": problem,
        "onion_address": onion_address(),
        "pow_bits": settings.COMMENTS_POW_BITS,
        "max_files": settings.SUBMISSIONS_MAX_FILES,
        "max_mb": settings.SUBMISSIONS_MAX_FILE_BYTES // (1024 * 1024),
        "alternate_urls": view_alternates("submissions:send"),  # canonical, hreflang, the language switcher
        "view_title": _("Send us information"),  # what the page says when shared (feeds.sharing)
    }
    response = render(request, "submissions/send.html", context, status=status)
    if request.method == "POST":
        response["Cache-Control"] = "no-store"
    return response


def _fresh_form(data: dict | None = None) -> SubmissionForm:
    initial = {key: (data or {}).get(key, "") for key in ("kind", "text", "contact")}
    initial["token"] = antispam.form_token(page_id=TOKEN_PAGE, kind=TOKEN_KIND)
    return SubmissionForm(initial={k: v for k, v in initial.items() if v})


@csrf_exempt  # see the module docstring
@require_http_methods(["GET", "POST"])
def send_information(request):
    if request.method != "POST":
        return _render(request, _fresh_form())
    handler = CappedMemoryUploadHandler(request)
    request.upload_handlers = [handler]
    try:
        data, uploads = request.POST, request.FILES
    except (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent, MultiPartParserError, SuspiciousOperation):
        return _render(
            request, _fresh_form(), problem=_("What you sent could not be read. Please try again."), status=400
        )
    if handler.too_large:
        return _render(
            request,
            _fresh_form(data),
            problem=_("A file is larger than %(mb)s MB, or all files together are too large. Nothing was kept.")
            % {"mb": settings.SUBMISSIONS_MAX_FILE_BYTES // (1024 * 1024)},
            status=413,
        )
    form = SubmissionForm(data, uploads)
    if not form.is_valid():
        if "token" in form.errors:
            return _render(
                request, _fresh_form(data), problem=_("The form was incomplete. Please send it again."), status=400
            )
        return _render(request, form, status=400)
    cleaned = form.cleaned_data
    check = antispam.token_check(cleaned["token"], page_id=TOKEN_PAGE, kind=TOKEN_KIND)
    if not check.ok:
        return _render(
            request,
            _fresh_form(cleaned),
            problem=_("The form was open for too long. Please check and send it again."),
            status=400,
        )
    if cleaned["website"]:
        return _thanks()
    if not antispam.proof_of_work_valid(cleaned["token"], cleaned["work"]) and (
        check.age < settings.COMMENTS_MIN_FORM_SECONDS
    ):
        return _render(
            request, form, status=400, problem=_("That was very quick. Please check what you wrote and send it again.")
        )
    limit, window = settings.SUBMISSIONS_GLOBAL_LIMIT
    if not ratelimit.limit_hit(scope="submissions", limit=limit, window_seconds=window):
        return _render(
            request,
            _fresh_form(cleaned),
            status=429,
            problem=_("Very many messages are arriving right now. Nothing was kept yet: please send again later."),
        )
    # Only now, with a valid token and within the limits, is any file decoded — in a limited child process.
    try:
        files = files_clean(uploads=[(upload.name or "", upload.read()) for upload in cleaned["files"]])
    except Refused as refusal:
        return _render(
            request,
            _fresh_form(cleaned),
            problem=_(
                "%(reason)s Nothing was kept yet: your text is still here. Remove or replace that file and send again."
            )
            % {"reason": refusal},
            status=413 if isinstance(refusal, OverBudget) else 400,
        )
    except Busy:
        response = _render(
            request,
            _fresh_form(cleaned),
            problem=_("Many files are being sent right now. Nothing was kept yet: please send again in a minute."),
            status=503,
        )
        response["Retry-After"] = "60"
        return response
    submission_receive(
        kind=cleaned["kind"],
        language=get_language() or settings.LANGUAGE_CODE,
        text=cleaned["text"],
        contact=cleaned["contact"],
        files=files,
    )
    return _thanks()


def _thanks() -> HttpResponseRedirect:
    response = HttpResponseRedirect(reverse("submissions:sent"))
    response.status_code = 303
    return response


@require_GET
@never_cache
def send_information_sent(request):
    return render(request, "submissions/sent.html", {"onion_address": onion_address()})
