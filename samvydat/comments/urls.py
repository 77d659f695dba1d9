from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("<int:page_id>/<str:kind>/", views.reader_comment_post, name="post"),
    path("sent/", views.reader_comment_sent, name="sent"),
]
