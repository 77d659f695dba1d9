"""People written about, in the admin: the pages found to name a person, for editors to confirm or turn down."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .models import Mention, MentionState
from .selectors import mentions_to_review

PERMISSION = "people.confirm_mention"
confirmer_required = permission_required(PERMISSION, raise_exception=True)


@confirmer_required
def mentions(request):
    state = request.GET.get("state", MentionState.SUGGESTED)
    state = state if state in MentionState.values else MentionState.SUGGESTED
    context = {
        "page_title": _("People written about"),
        "header_icon": "user",
        "states": [
            (value, label, Mention.objects.filter(state=value).count()) for value, label in MentionState.choices
        ],
        "state": state,
        "items": mentions_to_review(state=state),
        "here": request.get_full_path(),
    }
    return render(request, "people/admin/mentions.html", context)


@require_POST
@confirmer_required
def decide(request, pk: int, decision: str):
    mention = get_object_or_404(Mention, pk=pk)
    if decision not in ("confirm", "reject"):
        return redirect(reverse("people_admin:mentions"))
    services.mention_decide(mention=mention, confirmed=decision == "confirm")
    messages.success(request, _("Confirmed.") if decision == "confirm" else _("Turned down."))
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(reverse("people_admin:mentions"))
