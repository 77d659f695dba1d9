from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from samvydat.feeds.urls import root_urlpatterns as feeds_root_urlpatterns
from samvydat.newsletter.urls import root_urlpatterns as newsletter_root_urlpatterns
from samvydat.search import attack_mode
from samvydat.search.admin_views import admin_page_search
from samvydat.security.documents import document_serve
from samvydat.serving.media import PUBLIC_MEDIA_PREFIX, public_image
from samvydat.serving.views import healthz

urlpatterns = [
    path("admin/2fa/", include("samvydat.accounts.urls")),  # second factor (samvydat.accounts)
    # The admin's page search answered by our index (same analysis as the public search), before Wagtail's own.
    path("admin/pages/search/", admin_page_search, name="samvydat_admin_page_search"),
    path("admin/pages/search/results/", admin_page_search, {"results_only": True}),
    path("admin/", include(wagtailadmin_urls)),
    path("api/v2/", include("samvydat.api.urls")),  # read-only content API (samvydat.api)
    # Documents are served as downloads of a type no browser runs (samvydat.security.documents), then Wagtail's rest.
    path("documents/<int:document_id>/<str:document_filename>", document_serve, name="samvydat_document_serve"),
    path("documents/", include(wagtaildocs_urls)),
    *feeds_root_urlpatterns,  # sitemap.xml, robots.txt (samvydat.feeds)
    *newsletter_root_urlpatterns,  # the bounce webhook (samvydat.newsletter)
    path("healthz", healthz, name="healthz"),  # for load balancers and monitoring (samvydat.serving)
    # The mirror's static search index, used by search in under-attack mode (nginx serves it in production).
    path("pagefind/<path:path>", attack_mode.bundle_file, name="search_bundle"),
    path("pagefind-namekey-rules.js", attack_mode.spelling_rules_file, name="search_bundle_rules"),
    # Renditions from the media storage, disk or bucket (nginx serves them from disk on one machine).
    path(f"{settings.MEDIA_URL.strip('/')}/{PUBLIC_MEDIA_PREFIX}<path:path>", public_image, name="public_image"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("pdf/", include("samvydat.pdfs.urls")),  # PDFs of plans and weekly issues (samvydat.pdfs)
    path("feeds/", include("samvydat.feeds.urls")),  # RSS, Atom and JSON feeds (samvydat.feeds)
    path("search/", include("samvydat.search.urls")),  # the search page and its suggestions (samvydat.search)
    path("", include("samvydat.mirror.urls")),  # "how to reach us" (samvydat.mirror)
    path("newsletter/", include("samvydat.newsletter.urls")),  # subscribe, confirm, manage (samvydat.newsletter)
    path("comments/", include("samvydat.comments.urls")),  # readers' comments and questions (samvydat.comments)
    path("send/", include("samvydat.submissions.urls")),  # "Send us information" (samvydat.submissions)
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

# Database errors become a clean 503 "try again" page, wherever they are raised (samvydat.resilience).
handler500 = "samvydat.resilience.errors.server_error"
