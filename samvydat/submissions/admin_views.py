"""Submissions in the Wagtail admin, for members of "Submission handlers" only: decrypted on view, files
streamed decrypted, never cached by the browser."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import Submission, SubmissionFile, SubmissionStatus
from .roles import can_handle_submissions
from .services import submission_delete, submission_file_chunks, submission_open, submission_set_status


def handlers_only(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_handle_submissions(request.user):
            raise PermissionDenied
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store, private"
        return response

    return wrapper


@handlers_only
def submission_list(request):
    status = request.GET.get("status", "")
    items = Submission.objects.all()
    if status in SubmissionStatus.values:
        items = items.filter(status=status)
    page = Paginator(items.prefetch_related("files"), 50).get_page(request.GET.get("p"))
    return render(
        request,
        "submissions/admin/list.html",
        {
            "page_title": _("Submissions"),
            "header_icon": "mail",
            "items": page,
            "status": status,
            "statuses": SubmissionStatus.choices,
        },
    )


@handlers_only
def submission_detail(request, pk: int):
    submission = get_object_or_404(Submission, pk=pk)
    opened = submission_open(submission=submission)
    return render(
        request,
        "submissions/admin/detail.html",
        {
            "page_title": _("Submission %(pk)s") % {"pk": pk},
            "header_icon": "mail",
            "opened": opened,
            "statuses": SubmissionStatus.choices,
        },
    )


@handlers_only
def submission_file_download(request, pk: int, file_pk: int):
    submitted = get_object_or_404(SubmissionFile, pk=file_pk, submission_id=pk)
    name = submission_open(submission=submitted.submission).files
    file_name = next((f.name for f in name if f.pk == submitted.pk), "file")
    response = StreamingHttpResponse(
        submission_file_chunks(submitted_file=submitted), content_type=submitted.content_type
    )
    response["Content-Disposition"] = content_disposition_header(True, file_name)
    response["Content-Length"] = str(submitted.size)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@handlers_only
def submission_status(request, pk: int):
    submission = get_object_or_404(Submission, pk=pk)
    status = request.POST.get("status", "")
    if status in SubmissionStatus.values:
        submission_set_status(submission=submission, status=status)
        messages.success(request, _("Status saved."))
    return redirect("submissions_admin:detail", pk=pk)


@require_POST
@handlers_only
def submission_delete_view(request, pk: int):
    submission = get_object_or_404(Submission, pk=pk)
    if request.POST.get("confirm") != "yes":
        return render(
            request,
            "submissions/admin/confirm_delete.html",
            {"page_title": _("Delete for good?"), "header_icon": "bin", "submission": submission},
        )
    submission_delete(submission=submission)
    messages.success(request, _("The submission and its files were deleted for good."))
    return redirect("submissions_admin:list")
