from django.apps import AppConfig
from django.db.models.signals import post_migrate


class WeeklyConfig(AppConfig):
    name = "samvydat.weekly"
    label = "weekly"
    verbose_name = "Weekly issues and commentaries"

    def ready(self):
        from .services import trend_dashboards_ensure

        post_migrate.connect(trend_dashboards_ensure, sender=self, dispatch_uid="weekly.trend_dashboards_ensure")
