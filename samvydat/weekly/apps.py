from django.apps import AppConfig


class WeeklyConfig(AppConfig):
    name = "samvydat.weekly"
    label = "weekly"
    verbose_name = "Weekly issues and commentaries"
