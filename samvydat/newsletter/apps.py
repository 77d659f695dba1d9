from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "samvydat.newsletter"
    label = "newsletter"
    verbose_name = _("Newsletter")

    def ready(self):
        from . import checks, signals  # noqa: F401 (checks registers itself)
        from .roles import newsletter_senders_ensure

        signals.connect()
        post_migrate.connect(newsletter_senders_ensure, sender=self, dispatch_uid="newsletter-senders")
