from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "samvydat.pagecache"
    label = "pagecache"
    verbose_name = "samvydat full-page cache"

    def ready(self):
        from samvydat.pagecache import signals

        signals.connect()
