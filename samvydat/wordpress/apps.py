from django.apps import AppConfig


class WordpressConfig(AppConfig):
    name = "samvydat.wordpress"
    label = "wordpress"
    verbose_name = "WordPress import"
