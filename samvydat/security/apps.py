from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "samvydat.security"
    label = "security"
    verbose_name = "samvydat security headers"

    def ready(self):
        from . import admin_widgets

        admin_widgets.install()  # Wagtail's choosers start without inline scripts (admin_widgets.py)
