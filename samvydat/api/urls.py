from django.http import JsonResponse
from django.urls import path, re_path
from wagtail.api.v2.router import WagtailAPIRouter

from . import openapi
from .views import ENDPOINTS, keep_out_of_language_redirects

router = WagtailAPIRouter("samvydat_api")
for name, viewset in ENDPOINTS.items():
    router.register_endpoint(name, viewset)


def not_found(request, rest=""):
    """Anything else under /api/v2/ answers like the API does: JSON, not the site's HTML 404 page."""
    keep_out_of_language_redirects(request)
    return JsonResponse({"message": "not found"}, status=404)


urlpatterns = [
    path("openapi.json", openapi.openapi_view, name="samvydat_api_openapi"),
    path("", router.urls),
    re_path(r"^(?P<rest>[\s\S]*)\Z", not_found),
]
