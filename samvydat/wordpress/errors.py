"""Errors found in a WordPress export, each naming the file and the line or the item's ``wp:post_id``."""


class ExportError(Exception):
    """A problem that stops an import of a WordPress export; nothing was written."""

    def __init__(self, path, message: str, *, line: int | None = None, post_id: int | None = None):
        self.path = path
        self.message = message
        self.line = line
        self.post_id = post_id
        where = f"{path}:{line}" if line else f"{path}: post {post_id}" if post_id is not None else f"{path}"
        super().__init__(f"{where}: {message}")
