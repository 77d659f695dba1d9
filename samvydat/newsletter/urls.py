from django.urls import path

from . import views

app_name = "newsletter"

# Under the language prefix (/en/newsletter/…): the pages speak the reader's language.
urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("check-your-inbox/", views.check_inbox, name="check_inbox"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("manage/<str:token>/", views.manage, name="manage"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]

# Without a language prefix: machines call these.
root_urlpatterns = [path("newsletter/bounces/", views.bounce_webhook, name="newsletter_bounce_webhook")]
