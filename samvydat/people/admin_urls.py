from django.urls import path

from . import admin_views

app_name = "people_admin"

urlpatterns = [
    path("", admin_views.mentions, name="mentions"),
    path("<int:pk>/<str:decision>/", admin_views.decide, name="decide"),
]
