from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "samvydat.plans"
    label = "plans"
    verbose_name = "Plans"
