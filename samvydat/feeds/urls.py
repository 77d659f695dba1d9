"""Feeds live under the language prefix (``/<lang>/feeds/``); the sitemap and robots.txt at the site's root."""

from django.urls import path

from . import views

# Included inside i18n_patterns as "feeds/": /en/feeds/all.rss, /be/feeds/topics/economy.atom, …
urlpatterns = [
    path("<slug:name>.<slug:fmt>", views.section_feed, name="feed_section"),
    path("topics/<slug:slug>.<slug:fmt>", views.topic_feed, name="feed_topic"),
    path("people/<slug:slug>.<slug:fmt>", views.person_feed, name="feed_person"),
]

# Outside the language prefix.
root_urlpatterns = [
    path("sitemap.xml", views.sitemap_xml, name="sitemap"),
    path("sitemap-<int:number>.xml", views.sitemap_xml, name="sitemap_part"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]
