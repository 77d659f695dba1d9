"""Translation workflow: translate actions, translation status, machine-drafted translations (docs/translation.md)."""

from django.apps import AppConfig


class TranslationsConfig(AppConfig):
    name = "samvydat.translations"
    label = "translations"
    verbose_name = "Translations"

    def ready(self):
        from . import signals  # noqa: F401
