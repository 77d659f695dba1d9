from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "samvydat.core"
    label = "core"
    verbose_name = "samvydat core"
