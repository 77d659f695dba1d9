"""The reader's side: subscribe (on every page and its own page), confirm, manage, one-click unsubscribe.

None of these views touches the session or sets a cookie. They are exempt from CSRF on purpose: Django's CSRF
protection needs a cookie, and a cookie-free site cannot carry one. Forgery is harmless here: a forged subscription
only sends a confirmation mail (double opt-in: nothing more happens unless the address's owner confirms), and the
confirm, manage and unsubscribe forms are authorised by the signed token in their URL, not by a session.
"""

import hmac
import json

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from samvydat.core.i18n import view_alternates
from samvydat.security import ratelimit

from . import services
from .addresses import InvalidAddress
from .forms import LanguageForm, SubscribeForm
from .tokens import BadToken

MAX_WEBHOOK_BYTES = 1_000_000


def _bad_link(request, error: BadToken) -> TemplateResponse:
    return TemplateResponse(request, "newsletter/invalid_link.html", {"expired": error.expired}, status=400)


def _subscribe_page(request, form, *, status: int = 200) -> TemplateResponse:
    context = {
        "form": form,
        "alternate_urls": view_alternates("newsletter:subscribe"),  # canonical, hreflang, the language switcher
        "view_title": translation.gettext("The weekly newsletter"),  # what the page says when shared
    }
    return TemplateResponse(request, "newsletter/subscribe_page.html", context, status=status)


@csrf_exempt  # see the module docstring: double opt-in makes a forged subscription harmless; no cookie allowed
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    language = translation.get_language()
    if request.method != "POST":
        form = SubscribeForm(initial={"language": language})
        return _subscribe_page(request, form)
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return _subscribe_page(request, form, status=400)
    # nginx limits each client (limit_req); the application never sees an address and caps the whole site.
    limit, window = settings.NEWSLETTER_SUBSCRIBE_GLOBAL_LIMIT
    if not ratelimit.limit_hit(scope="newsletter-subscribe", limit=limit, window_seconds=window):
        return TemplateResponse(request, "newsletter/too_many.html", status=429)
    try:
        services.subscriber_subscribe(email=form.cleaned_data["email"], language=form.cleaned_data["language"])
    except InvalidAddress as error:  # pragma: no cover - the form checked it already
        form.add_error("email", error.message)
        return _subscribe_page(request, form, status=400)
    # The same answer for a new, a pending, a confirmed or a rate-limited address: no enumeration.
    return redirect("newsletter:check_inbox")


def check_inbox(request):
    return TemplateResponse(request, "newsletter/check_inbox.html")


@never_cache
@csrf_exempt  # authorised by the signed token in the URL, not by a session (see the module docstring)
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token: str):
    # A GET only shows a button: mail scanners that follow links must not confirm on the reader's behalf.
    try:
        if request.method != "POST":
            subscriber = services.subscriber_by_confirm_token(token)
            return TemplateResponse(request, "newsletter/confirm.html", {"subscriber": subscriber})
        subscriber = services.subscriber_confirm(token=token)
    except BadToken as error:
        return _bad_link(request, error)
    manage_token = services.manage_token(public_id=subscriber.public_id, nonce=subscriber.manage_nonce)
    return TemplateResponse(request, "newsletter/confirmed.html", {"manage_token": manage_token})


@never_cache
@csrf_exempt  # authorised by the signed token in the URL (see the module docstring)
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token: str):
    try:
        subscriber = services.subscriber_by_manage_token(token)
        if subscriber is None:  # a genuine link of a subscription that has ended: "not subscribed"
            return TemplateResponse(request, "newsletter/manage.html", {"subscriber": None, "token": token})
        form = LanguageForm(
            request.POST if request.method == "POST" else None, initial={"language": subscriber.language}
        )
        saved = False
        if request.method == "POST":
            if not form.is_valid():
                return TemplateResponse(
                    request,
                    "newsletter/manage.html",
                    {"subscriber": subscriber, "form": form, "token": token},
                    status=400,
                )
            subscriber = services.subscriber_language_change(token=token, language=form.cleaned_data["language"])
            saved = True
    except BadToken as error:
        return _bad_link(request, error)
    context = {"subscriber": subscriber, "form": form, "token": token, "saved": saved}
    return TemplateResponse(request, "newsletter/manage.html", context)


@never_cache
@csrf_exempt  # RFC 8058 one-click: mail providers POST here without cookies; the signed token authorises it
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token: str):
    try:
        if request.method != "POST":  # a GET (a link scanner, a click) only asks; leaving takes a POST
            subscriber = services.subscriber_by_manage_token(token)  # None: already gone ("you are unsubscribed")
            return TemplateResponse(request, "newsletter/unsubscribe.html", {"subscriber": subscriber, "token": token})
        services.subscriber_unsubscribe(token=token)  # a replay of a genuine link answers the same
    except BadToken as error:
        return _bad_link(request, error)
    return TemplateResponse(request, "newsletter/unsubscribed.html")


@csrf_exempt  # a server-to-server call authenticated by NEWSLETTER_WEBHOOK_SECRET, not by a browser session
@require_POST
def bounce_webhook(request):
    """Bounce reports from a relay: ``Authorization: Bearer <secret>`` and JSON
    ``{"events": [{"email": "…", "type": "hard" | "soft"}]}``. Hard bounces suppress the address."""
    secret = settings.NEWSLETTER_WEBHOOK_SECRET
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not secret or not hmac.compare_digest(given.encode(), secret.encode()):
        return JsonResponse({"error": "not authorised"}, status=401)
    if len(request.body) > MAX_WEBHOOK_BYTES:
        return JsonResponse({"error": "body too large"}, status=413)
    try:
        payload = json.loads(request.body)
        events = payload["events"] if isinstance(payload, dict) else None
        if not isinstance(events, list) or not all(isinstance(event, dict) for event in events):
            raise ValueError
        reports = [(str(event["email"]), str(event.get("type", "hard")).lower()) for event in events]
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"error": 'expected {"events": [{"email": "...", "type": "hard"|"soft"}]}'}, status=400)
    suppressed = sum(services.bounce_record(email=email, hard=kind == "hard") for email, kind in reports)
    return JsonResponse({"received": len(reports), "suppressed": suppressed})
