from django.urls import path

from . import views

app_name = "submissions"

urlpatterns = [
    path("", views.send_information, name="send"),
    path("sent/", views.send_information_sent, name="sent"),
]
