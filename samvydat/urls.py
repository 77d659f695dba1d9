from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from samvydat.feeds.urls import root_urlpatterns as feeds_root_urlpatterns

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    *feeds_root_urlpatterns,  # sitemap.xml, robots.txt (samvydat.feeds)
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("pdf/", include("samvydat.pdfs.urls")),  # PDFs of plans and weekly issues (samvydat.pdfs)
    path("feeds/", include("samvydat.feeds.urls")),  # RSS, Atom and JSON feeds (samvydat.feeds)
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
