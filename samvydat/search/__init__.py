"""Search. ``analysis`` turns text into search terms; every search component (indexing, queries, the static mirror) uses it.

See docs/search.md.
"""
