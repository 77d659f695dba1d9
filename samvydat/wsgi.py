import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samvydat.settings.production")
application = get_wsgi_application()

from samvydat.pagecache.wsgi import PageCacheApplication  # noqa: E402  (needs the settings loaded above)

application = PageCacheApplication(application)  # readers' cache hits never reach Django
