from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "samvydat.news"
    label = "news"
    verbose_name = "News"
