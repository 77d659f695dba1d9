"""A URLconf with only the API, set on API requests as ``request.urlconf`` once the view has answered.

Django's ``LocaleMiddleware`` turns a 404 on an unprefixed path into a redirect to ``/en/<path>`` when that path
exists under ``i18n_patterns`` — and Wagtail's catch-all makes every path exist. The API has no language prefix and
its 404s are answers (``{"message": …}``), so API responses are judged against this URLconf, where no
``i18n_patterns`` are used and no redirect is made.
"""

from django.urls import include, path

urlpatterns = [path("api/v2/", include("samvydat.api.urls"))]
