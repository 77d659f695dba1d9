"""The second factor's pages, mounted under the admin (``/admin/2fa/``) before Wagtail's own admin URLs."""

from django.urls import path

from . import views

app_name = "samvydat_accounts"
urlpatterns = [
    path("", views.status, name="status"),
    path("enrol/", views.enrol, name="enrol"),
    path("verify/", views.verify, name="verify"),
    path("recovery-codes/", views.recovery_codes_shown_once, name="recovery_codes"),
    path("recovery-codes/new/", views.recovery_codes_new, name="recovery_codes_new"),
]
