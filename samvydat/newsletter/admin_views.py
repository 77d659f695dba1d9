"""The editors' side in the Wagtail admin: campaigns, their preview, test mail, approval, schedule and progress.

Addresses never appear here: editors see numbers (per language and state), not readers.
"""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST
from wagtail.models import Page

from . import selectors, services
from .addresses import InvalidAddress
from .models import Campaign
from .sending import campaign_send_test

PERMISSION = "newsletter.change_campaign"


def _require(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def campaign_index(request):
    _require(request)
    campaigns = list(Campaign.objects.select_related("page")[:200])
    rows = [(campaign, selectors.campaign_progress(campaign)) for campaign in campaigns]
    context = {
        "page_title": _("Newsletter campaigns"),
        "header_icon": "mail",
        "rows": rows,
        "subscriber_counts": sorted(selectors.subscriber_counts().items()),
    }
    return TemplateResponse(request, "newsletter/admin/campaign_index.html", context)


def campaign_detail(request, pk: int):
    _require(request)
    campaign = get_object_or_404(Campaign, pk=pk)
    context = {
        "page_title": campaign.subject,
        "header_icon": "mail",
        "campaign": campaign,
        "progress": selectors.campaign_progress(campaign),
        "recipients": selectors.confirmed_recipients(campaign.language).count(),
        "default_schedule": (timezone.localtime() + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
    }
    return TemplateResponse(request, "newsletter/admin/campaign_detail.html", context)


@xframe_options_sameorigin
def campaign_preview(request, pk: int):
    """The mail's HTML (or, with ?part=text, its text) exactly as readers get it, links excepted."""
    _require(request)
    campaign = get_object_or_404(Campaign, pk=pk)
    if request.GET.get("part") == "text":
        return HttpResponse(campaign.text_body, content_type="text/plain; charset=utf-8")
    response = HttpResponse(campaign.html_body)
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    return response


@require_POST
def campaign_action(request, pk: int, action: str):
    _require(request)
    campaign = get_object_or_404(Campaign, pk=pk)
    try:
        if action == "approve":
            services.campaign_approve(campaign=campaign, user=request.user)
            messages.success(request, _("Approved. You can now send it or schedule it."))
        elif action == "subject":
            services.campaign_subject_change(campaign=campaign, subject=request.POST.get("subject", ""))
            messages.success(request, _("Subject saved."))
        elif action == "test":
            outcome = campaign_send_test(campaign=campaign, recipient=request.user.email or "")
            if outcome.accepted:
                messages.success(request, _("A test copy was sent to %(address)s.") % {"address": request.user.email})
            else:
                messages.error(request, _("The mail server refused the test: %(error)s") % {"error": outcome.error})
        elif action == "schedule":
            when = parse_datetime(request.POST.get("when", "")[:40])
            if when is None:
                raise services.CampaignStateError(_("Enter a date and time."))
            if timezone.is_naive(when):
                when = timezone.make_aware(when)
            services.campaign_schedule(campaign=campaign, when=when)
            messages.success(request, _("Scheduled."))
        elif action == "send":
            if campaign.status not in {Campaign.Status.APPROVED, Campaign.Status.SCHEDULED}:
                raise services.CampaignStateError(_("Approve the campaign before sending it."))
            services.campaign_start(campaign_id=campaign.pk, force=True)
            messages.success(request, _("Sending has started."))
        elif action == "pause":
            services.campaign_pause(campaign=campaign)
            messages.success(request, _("Paused."))
        elif action == "resume":
            services.campaign_resume(campaign=campaign)
            messages.success(request, _("Resumed."))
        elif action == "cancel":
            services.campaign_cancel(campaign=campaign)
            messages.success(request, _("Cancelled."))
        else:
            messages.error(request, _("Unknown action."))
    except services.CampaignStateError as error:
        messages.error(request, str(error))
    except InvalidAddress:
        messages.error(request, _("Your account has no usable email address for the test."))
    except ValueError as error:
        messages.error(request, str(error))
    return redirect("newsletter_campaigns:detail", pk=campaign.pk)


def campaign_from_page(request, page_id: int):
    """Compose a campaign from any live page (a statement, an announcement): one draft per live translation."""
    _require(request)
    page = get_object_or_404(Page, pk=page_id).specific
    if request.method == "POST":
        if not page.live:
            messages.error(request, _("Publish the page first: a campaign links to the live page."))
            return redirect("wagtailadmin_pages:edit", page.pk)
        campaigns = services.page_campaigns_prepare(page=page)
        messages.success(request, _("%(count)d draft campaign(s) prepared.") % {"count": len(campaigns)})
        return redirect(reverse("newsletter_campaigns:index"))
    context = {"page_title": _("Send a page to subscribers"), "header_icon": "mail", "page": page}
    return TemplateResponse(request, "newsletter/admin/campaign_from_page.html", context)
