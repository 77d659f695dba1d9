from django.apps import AppConfig


class TranslationsConfig(AppConfig):
    name = "samvydat.translations"
    label = "translations"
    verbose_name = "Translations"
