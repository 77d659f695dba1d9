from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "samvydat.people"
    label = "people"
    verbose_name = "People and organisations"
