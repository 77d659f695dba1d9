from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchedulingConfig(AppConfig):
    """Periodic jobs run by ``manage.py run_schedule``, each at most once at a time across every machine."""

    name = "samvydat.scheduling"
    label = "scheduling"
    verbose_name = _("Scheduled jobs")
