"""Which forwarded headers the application believes.

nginx in front (deploy/nginx/samvydat.conf) clears every ``X-Forwarded-For``, ``X-Real-IP`` and ``Forwarded`` a
client sends and adds none of its own: the readers' addresses stay in nginx's memory (its per-client limits) and
never reach the application. So by default nothing rewrites ``REMOTE_ADDR``: the application sees nginx's address
and does not key anything on it (its limits are global, ``samvydat.security.ratelimit``).

An operator whose architecture needs the client's address in the application (another proxy that sets the header
itself) names the proxies in ``TRUSTED_PROXIES``; only requests from those have their ``X-Forwarded-For`` believed.
The scheme is Django's business either way (``SECURE_PROXY_SSL_HEADER`` in production).
"""

from collections.abc import Callable, Sequence

from granian.utils.proxies import wrap_wsgi_with_proxy_headers


def forwarded_headers_wrap(application: Callable, *, trusted_proxies: Sequence[str]) -> Callable:
    """``application`` believing ``X-Forwarded-For``/``-Proto`` from ``trusted_proxies`` only; unchanged if none."""
    proxies = [proxy for proxy in trusted_proxies if proxy and proxy != "*"]  # "*" would believe every client
    if not proxies:
        return application
    return wrap_wsgi_with_proxy_headers(application, proxies)
