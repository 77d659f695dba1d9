from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CommentsConfig(AppConfig):
    name = "samvydat.comments"
    label = "comments"
    verbose_name = "Readers' comments and questions"

    def ready(self):
        from .roles import comment_moderators_ensure

        post_migrate.connect(comment_moderators_ensure, sender=self, dispatch_uid="comments-moderators")
