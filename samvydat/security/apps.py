from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "samvydat.security"
    label = "security"
    verbose_name = "samvydat security headers"
