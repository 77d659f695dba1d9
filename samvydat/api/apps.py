from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The public, read-only content API (Wagtail API v2) and its OpenAPI document."""

    name = "samvydat.api"
    label = "samvydat_api"
    verbose_name = _("Content API")

    def ready(self):
        from .fields import api_fields_install

        api_fields_install()
