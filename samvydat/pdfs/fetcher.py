"""WeasyPrint's access to resources: our own fonts, static files and media (from the media storage); nothing else.

A PDF must never depend on another host (readers may be inside Belarus, and a render must not stall on the
network): every other address is refused, and the refusal is recorded.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation, SuspiciousOperation
from weasyprint.urls import URLFetcher, URLFetcherResponse

from samvydat.core.files import StoredFile, stored_file

APP_DIR = Path(__file__).resolve().parent
FONT_DIR = APP_DIR / "fonts"
STYLESHEET = APP_DIR / "print.css"


class RefusedURL(ValueError):
    """An address outside our own files."""


class LocalFilesFetcher(URLFetcher):
    """Serves the PDF stylesheet and fonts, and the site's /static/ and /media/ files, from disk.

    ``site_url`` is the public address the page's relative links resolve against (``BASE_URL``): its
    /static/ and /media/ addresses are read from disk, never requested. ``fetched`` and ``refused`` list
    the addresses asked for.
    """

    def __init__(self, *, site_url: str):
        super().__init__(allowed_protocols=("data",), allow_redirects=False, timeout=1)
        site = urlsplit(site_url)
        self.site = (site.scheme, site.netloc)
        self.fetched: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = self.local_path(url)
        if path is None:
            self.refused.append(url)
            raise RefusedURL(f"not one of our files, not fetched: {url}")
        self.fetched.append(url)
        content_type = mimetypes.guess_type(str(path))[0] or "application/octet-stream"
        address = path.as_uri() if isinstance(path, Path) else url
        return URLFetcherResponse(address, body=path.read_bytes(), headers={"Content-Type": content_type})

    def local_path(self, url: str) -> Path | StoredFile | None:
        parts = urlsplit(url)
        if parts.scheme == "file" and parts.netloc in ("", "localhost"):
            path = Path(url2pathname(unquote(parts.path))).resolve()
            roots = [APP_DIR, Path(settings.MEDIA_ROOT).resolve(), *_static_roots()]
            return path if path.is_file() and any(path.is_relative_to(root) for root in roots) else None
        if (parts.scheme, parts.netloc) != self.site:
            return None
        relative = unquote(parts.path)
        if relative.startswith(settings.MEDIA_URL):  # from the media storage: disk, or a bucket (several machines)
            try:
                return stored_file(relative.removeprefix(settings.MEDIA_URL))
            except SuspiciousOperation:
                return None
        if relative.startswith(settings.STATIC_URL):
            try:
                found = finders.find(relative.removeprefix(settings.STATIC_URL))
            except SuspiciousFileOperation:
                return None
            return Path(found).resolve() if found else None
        return None


def _static_roots() -> list[Path]:
    roots = [Path(directory).resolve() for directory in settings.STATICFILES_DIRS]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT).resolve())
    return roots
