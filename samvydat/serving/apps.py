from django.apps import AppConfig


class ServingConfig(AppConfig):
    name = "samvydat.serving"
    label = "serving"
    verbose_name = "samvydat production serving"
