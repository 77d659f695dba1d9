from django.apps import AppConfig


class PackagesConfig(AppConfig):
    name = "samvydat.packages"
    label = "packages"
    verbose_name = "Content packages (import and export)"
