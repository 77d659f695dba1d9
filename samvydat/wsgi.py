"""The WSGI application (``deploy/serve`` runs it under granian).

Readers' cache hits are answered before Django (``PageCacheApplication``). ``X-Forwarded-For`` is believed only from
the proxies named in ``TRUSTED_PROXIES`` (none by default: nginx passes no client address, and a reader's own header
must not become one; ``samvydat.serving.proxies``).
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samvydat.settings.production")
application = get_wsgi_application()

from django.conf import settings  # noqa: E402  (needs the settings loaded above)

from samvydat.pagecache.wsgi import PageCacheApplication  # noqa: E402
from samvydat.serving.proxies import forwarded_headers_wrap  # noqa: E402

application = PageCacheApplication(application)  # readers' cache hits never reach Django
application = forwarded_headers_wrap(application, trusted_proxies=settings.TRUSTED_PROXIES)
