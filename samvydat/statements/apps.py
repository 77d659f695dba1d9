from django.apps import AppConfig


class StatementsConfig(AppConfig):
    name = "samvydat.statements"
    label = "statements"
    verbose_name = "Statements"
