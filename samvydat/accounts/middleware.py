"""Every admin URL needs a second factor, and outside the admin a password alone signs no one in.

After the password, a user with no confirmed authenticator is sent to enrol one; a user with one must enter a code
(or a recovery code) before any other admin URL answers. Readers' pages are not touched: this middleware only looks
at paths under the admin and only at signed-in users, so it never reads a session for an anonymous reader.
It runs after django-otp's ``OTPMiddleware``, which gives ``request.user.is_verified()``.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils.functional import SimpleLazyObject

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


def _anonymous() -> AnonymousUser:
    user = AnonymousUser()
    user.otp_device = None  # what django-otp's middleware gives every user
    user.is_verified = lambda: False
    return user


def _public_user(user):
    """Outside the admin, a password without the second factor is no sign-in at all."""
    if user.is_authenticated and not user.is_verified():
        return _anonymous()
    return user


class UnverifiedIsAnonymousMiddleware:
    """On the public site, a user who gave the password but not yet the second factor is an anonymous reader.

    Otherwise a stolen password alone would open login-restricted pages, private documents (collection view
    restrictions) and their PDFs, which check only ``request.user.is_authenticated``. The user stays lazy: a reader
    without a session cookie is never looked up. Runs right after django-otp's ``OTPMiddleware``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(settings.SAMVYDAT_ADMIN_PREFIX) and hasattr(request, "user"):
            user = request.user
            request.user = SimpleLazyObject(lambda: _public_user(user))
            if hasattr(request, "auser"):
                auser = request.auser

                async def public_auser():
                    return _public_user(await auser())

                request.auser = public_auser
        return self.get_response(request)
