"""Included inside i18n_patterns: ``/en/reach-us/``, ``/be/reach-us/``, …"""

from django.urls import path

from . import views

urlpatterns = [path("reach-us/", views.reach_us, name="mirror_reach_us")]
