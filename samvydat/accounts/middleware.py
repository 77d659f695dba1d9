"""Every admin URL needs a second factor.

After the password, a user with no confirmed authenticator is sent to enrol one; a user with one must enter a code
(or a recovery code) before any other admin URL answers. Readers' pages are not touched: this middleware only looks
at paths under the admin and only at signed-in users, so it never reads a session for an anonymous reader.
It runs after django-otp's ``OTPMiddleware``, which gives ``request.user.is_verified()``.
"""

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse

from . import selectors

# Admin URLs that work between the password and the second factor.
# The icon sprite is fetched by the admin's script on every page (the enrol and verify pages too) and injected into
# the document: redirecting it would inject a second copy of the 2FA form, whose ``next`` is the sprite's address.
OPEN_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
}
OPEN_NAMESPACE = "samvydat_accounts"


class AdminTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        redirect_to = self.second_factor_redirect(request)
        return HttpResponseRedirect(redirect_to) if redirect_to else self.get_response(request)

    @staticmethod
    def second_factor_redirect(request) -> str | None:
        if not request.path_info.startswith(reverse("wagtailadmin_home")):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None  # the admin's own 404
        if match.url_name in OPEN_URL_NAMES or OPEN_NAMESPACE in match.namespaces:
            return None
        name = "verify" if selectors.totp_device_confirmed(user=user) else "enrol"
        target = reverse(f"{OPEN_NAMESPACE}:{name}")
        if request.method == "GET" and request.headers.get("Sec-Fetch-Dest", "document") == "document":
            # Only a page the editor opened is worth returning to, never a background request's address.
            target += "?" + urlencode({"next": request.get_full_path()})
        return target
