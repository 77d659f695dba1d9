from django.urls import path

from . import admin_views

app_name = "comments_admin"

urlpatterns = [
    path("", admin_views.queue, name="queue"),
    path("questions/", admin_views.questions, name="questions"),
    path("<int:pk>/<str:action>/", admin_views.act, name="act"),
]
