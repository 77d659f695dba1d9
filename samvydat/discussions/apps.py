from django.apps import AppConfig


class DiscussionsConfig(AppConfig):
    name = "samvydat.discussions"
    label = "discussions"
    verbose_name = "Expert discussions"
