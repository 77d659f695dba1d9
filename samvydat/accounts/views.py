"""Thin views over ``services``: enrol an authenticator app, verify a code, show recovery codes once."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import CodeForm
from .qr import qr_svg

SHOWN_ONCE_SESSION_KEY = "samvydat_recovery_codes"
WRONG_CODE = gettext_lazy("That code is not right. Check the time on your phone and try the newest code.")
THROTTLED = gettext_lazy("Too many wrong codes in a row: wait a few seconds, then enter the newest code.")


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def _admin_login_required(view):
    return never_cache(login_required(view, login_url="wagtailadmin_login"))


@_admin_login_required
def enrol(request):
    if selectors.totp_device_confirmed(user=request.user):
        return redirect("samvydat_accounts:verify")
    device = services.totp_device_pending(user=request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        throttled = not device.verify_is_allowed()[0]
        codes = services.totp_device_confirm(request=request, device=device, token=form.cleaned_data["code"])
        if codes is not None:
            request.session[SHOWN_ONCE_SESSION_KEY] = codes
            query = urlencode({"next": _next_url(request)})
            return redirect(reverse("samvydat_accounts:recovery_codes") + "?" + query)
        form.add_error("code", THROTTLED if throttled else WRONG_CODE)
    context = {
        "form": form,
        "next": _next_url(request),
        "qr": qr_svg(services.totp_config_url(device=device), label=_("QR code for your authenticator app")),
        "secret": services.totp_secret_text(device=device),
    }
    return render(request, "accounts/enrol.html", context)


@_admin_login_required
def verify(request):
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not selectors.totp_device_confirmed(user=request.user):
        return redirect("samvydat_accounts:enrol")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        throttled = selectors.second_factor_throttled(user=request.user)
        device = services.second_factor_verify(request=request, token=form.cleaned_data["code"])
        if device is not None:
            if device.persistent_id.startswith("otp_static"):
                remaining = selectors.recovery_codes_remaining(user=request.user)
                messages.warning(
                    request,
                    _("You signed in with a recovery code; it cannot be used again. %(count)d codes are left.")
                    % {"count": remaining},
                )
            return redirect(_next_url(request))
        form.add_error("code", THROTTLED if throttled else WRONG_CODE)
    return render(request, "accounts/verify.html", {"form": form, "next": _next_url(request)})


@_admin_login_required
def recovery_codes_shown_once(request):
    codes = request.session.pop(SHOWN_ONCE_SESSION_KEY, None)
    if not codes:
        return redirect("samvydat_accounts:status")
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": _next_url(request)})


@_admin_login_required
def status(request):
    if not request.user.is_verified():
        return redirect("samvydat_accounts:verify")
    context = {
        "device": selectors.totp_device_confirmed(user=request.user),
        "remaining": selectors.recovery_codes_remaining(user=request.user),
    }
    return render(request, "accounts/status.html", context)


@require_POST
@_admin_login_required
def recovery_codes_new(request):
    if not request.user.is_verified():
        return redirect("samvydat_accounts:verify")
    request.session[SHOWN_ONCE_SESSION_KEY] = services.recovery_codes_replace(user=request.user)
    return redirect("samvydat_accounts:recovery_codes")
