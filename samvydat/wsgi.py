"""The WSGI application (``deploy/serve`` runs it under granian).

Two layers around Django: readers' cache hits are answered before Django (``PageCacheApplication``), and
``X-Forwarded-For``/``-Proto`` from the proxies in ``FORWARDED_ALLOW_IPS`` (default 127.0.0.1: nginx on the same
host) become the client's address and scheme, so per-client limits count readers, not nginx. The address is never
logged or stored.
"""

import os

from django.core.wsgi import get_wsgi_application
from granian.utils.proxies import wrap_wsgi_with_proxy_headers

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samvydat.settings.production")
application = get_wsgi_application()

from samvydat.pagecache.wsgi import PageCacheApplication  # noqa: E402  (needs the settings loaded above)

application = PageCacheApplication(application)  # readers' cache hits never reach Django
application = wrap_wsgi_with_proxy_headers(application, os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"))
