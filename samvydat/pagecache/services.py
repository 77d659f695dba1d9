from samvydat.pagecache.store import generation_new


def page_cache_invalidate() -> None:
    """Make every cached page stale (new generation); pages are rendered again on their next request."""
    generation_new()
