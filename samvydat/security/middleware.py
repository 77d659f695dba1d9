"""Security headers on every response: the Content-Security-Policy (public or admin) and the headers Django does
not set itself (Permissions-Policy, Cross-Origin-Resource-Policy). HSTS, nosniff, Referrer-Policy,
Cross-Origin-Opener-Policy and the HTTPS redirect come from Django's ``SecurityMiddleware`` (settings), and
``X-Frame-Options`` from ``XFrameOptionsMiddleware``."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

from samvydat.security.policy import ADMIN_DIRECTIVES, PERMISSIONS_POLICY


def is_admin_path(path: str) -> bool:
    return path.startswith(settings.SAMVYDAT_ADMIN_PREFIX)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own policy for everything under ``/admin/``.

    The public policy is ``CONTENT_SECURITY_POLICY`` (settings); a view may still narrow or widen it with
    django-csp's decorators (``csp_update``/``csp_replace``), which win over the admin default here.
    """

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = ADMIN_DIRECTIVES
        return parts


class SecurityHeadersMiddleware:
    """Permissions-Policy and Cross-Origin-Resource-Policy on every response (unless a view set its own)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
