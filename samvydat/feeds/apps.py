from django.apps import AppConfig


class FeedsConfig(AppConfig):
    """RSS, Atom and JSON feeds, the sitemap, robots.txt and the sharing metadata of every page."""

    name = "samvydat.feeds"
    label = "feeds"
    verbose_name = "Feeds and sharing"
