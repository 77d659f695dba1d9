from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackupConfig(AppConfig):
    """``manage.py backup`` and ``manage.py restore``: the database, the media and a manifest."""

    name = "samvydat.backup"
    label = "backup"
    verbose_name = _("Backup and restore")
