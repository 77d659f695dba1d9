from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PeopleConfig(AppConfig):
    name = "samvydat.people"
    label = "people"
    verbose_name = "People and organisations"

    def ready(self):
        from .services import mention_permission_ensure

        post_migrate.connect(mention_permission_ensure, sender=self, dispatch_uid="people-mention-permission")
