from django.urls import path

from . import admin_views

app_name = "translations_status"

urlpatterns = [
    path("", admin_views.report, name="report"),
    path("<str:app_label>/<str:model_name>/<int:pk>/", admin_views.changes, name="changes"),
    path("<str:app_label>/<str:model_name>/<int:pk>/checked/", admin_views.mark_checked, name="checked"),
]
