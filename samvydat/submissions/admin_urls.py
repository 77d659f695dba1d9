from django.urls import path

from . import admin_views

app_name = "submissions_admin"

urlpatterns = [
    path("", admin_views.submission_list, name="list"),
    path("<int:pk>/", admin_views.submission_detail, name="detail"),
    path("<int:pk>/files/<int:file_pk>/", admin_views.submission_file_download, name="file"),
    path("<int:pk>/status/", admin_views.submission_status, name="status"),
    path("<int:pk>/delete/", admin_views.submission_delete_view, name="delete"),
]
