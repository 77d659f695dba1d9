from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SubmissionsConfig(AppConfig):
    name = "samvydat.submissions"
    label = "submissions"
    verbose_name = "Readers' submissions"

    def ready(self):
        from . import checks  # noqa: F401 (registers the key checks)
        from .roles import submission_handlers_ensure

        post_migrate.connect(submission_handlers_ensure, sender=self, dispatch_uid="submissions-handlers")
