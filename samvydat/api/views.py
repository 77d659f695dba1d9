"""Wagtail's API v2 endpoints, made strictly public, read-only, cookie-free and 500-proof.

- Only live pages without any view restriction (``.public()``) that are in their own language (no alias of a page
  in another language), and only images and documents outside restricted
  collections — whoever asks: an editor's session cookie changes nothing (no authentication classes at all).
- JSON only: no browsable HTML API (it would render a CSRF token and set a cookie).
- Bad query parameters get a 400 with a message, never a 500 (see ``query.py``).
- ``?search=`` is samvydat's own search under a time budget (``search.py``); a search cut by the budget gets a JSON
  503 with ``Retry-After``.
"""

from django.core.exceptions import ValidationError
from django.db import DataError
from django.utils.cache import patch_cache_control
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import CollectionViewRestriction

from samvydat.core.i18n import own_language_q
from samvydat.search.budget import RETRY_AFTER_SECONDS, SearchTimeout

from .query import query_parameters_check
from .search import PageSearchFilter, TitleSearchFilter

CACHE_SECONDS = 300
API_URLCONF = "samvydat.api.root_urls"


def keep_out_of_language_redirects(request) -> None:
    """Let a 404 stay a 404 (see ``root_urls``): LocaleMiddleware reads ``request.urlconf`` on the way out."""
    getattr(request, "_request", request).urlconf = API_URLCONF


class PublicReadOnlyMixin:
    authentication_classes = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]

    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        query_parameters_check(self.request.GET, model=queryset.model, view=self)

    def handle_exception(self, exc):
        # Values of the right type but out of the database's range, or rejected by a field's own validation.
        if isinstance(exc, (ValidationError, DataError, OverflowError)):
            return Response({"message": "invalid query parameter value"}, status=status.HTTP_400_BAD_REQUEST)
        if isinstance(exc, SearchTimeout):
            return search_timeout_response(exc)
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        keep_out_of_language_redirects(request)
        if response.status_code < 500:
            patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
        response["Access-Control-Allow-Origin"] = "*"  # read-only public data, no credentials
        return response


def search_timeout_response(exc: SearchTimeout) -> Response:
    """The answer to a search that ran out of its time budget: the server is fine, the search was too costly."""
    message = (
        f"the search was stopped after its time budget of {exc.seconds:g} s; "
        "try again later or with more specific words"
    )
    response = Response({"message": message}, status=status.HTTP_503_SERVICE_UNAVAILABLE)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _with_own_search(filter_backends, search_filter) -> list:
    """Wagtail's filters with its ``SearchFilter`` (the search backend) replaced by ours, in the same place."""
    return [search_filter if backend is SearchFilter else backend for backend in filter_backends]


class PublicCollectionsMixin:
    def get_queryset(self):
        restricted = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
        queryset = self.model.objects.all().order_by("id")
        for path in restricted:
            queryset = queryset.exclude(collection__path__startswith=path)
        return queryset


class PublicPagesAPIViewSet(PublicReadOnlyMixin, PagesAPIViewSet):
    filter_backends = _with_own_search(PagesAPIViewSet.filter_backends, PageSearchFilter)

    def get_base_queryset(self):
        # Not a leftover alias of a page in another language (its words under ``locale=be``): docs/translation.md.
        return super().get_base_queryset().public().filter(own_language_q())


class PublicImagesAPIViewSet(PublicReadOnlyMixin, PublicCollectionsMixin, ImagesAPIViewSet):
    filter_backends = _with_own_search(ImagesAPIViewSet.filter_backends, TitleSearchFilter)


class PublicDocumentsAPIViewSet(PublicReadOnlyMixin, PublicCollectionsMixin, DocumentsAPIViewSet):
    filter_backends = _with_own_search(DocumentsAPIViewSet.filter_backends, TitleSearchFilter)


ENDPOINTS = {
    "pages": PublicPagesAPIViewSet,
    "images": PublicImagesAPIViewSet,
    "documents": PublicDocumentsAPIViewSet,
}
