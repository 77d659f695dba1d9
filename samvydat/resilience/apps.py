from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResilienceConfig(AppConfig):
    """What readers and editors see when something fails: the database, the disk, the task workers."""

    name = "samvydat.resilience"
    label = "resilience"
    verbose_name = _("Faults")
