"""Media on object storage, for several machines (docs/deployment.md, "Two machines").

When ``AWS_STORAGE_BUCKET_NAME`` is set, images, renditions, documents and generated PDFs live in an S3-compatible
bucket through django-storages (its own setting names: ``AWS_S3_ENDPOINT_URL``, ``AWS_ACCESS_KEY_ID``, …), so every
application machine and the task worker see the same files. Readers never contact the bucket: ``MediaStorage``
addresses files under our own ``MEDIA_URL``, and ``public_image`` serves the public part of it (renditions and
images, as nginx does from disk on one machine) from whichever storage holds them; an operator who puts a CDN of
their own domain in front of the bucket sets ``AWS_S3_CUSTOM_DOMAIN`` instead.
"""

import mimetypes
import posixpath

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils.encoding import filepath_to_uri
from django.views.decorators.http import require_safe
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

#: The only media served publicly: Wagtail's renditions. Original uploads and documents are not (documents go
#: through ``samvydat.security.documents``, which checks privacy).
PUBLIC_MEDIA_PREFIX = "images/"
MEDIA_MAX_AGE = 7 * 24 * 3600


class MediaStorage(S3Storage):
    """django-storages' S3 storage whose URLs stay on the site (``/media/…``) unless a custom domain is set."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        if self.custom_domain:
            return super().url(name, parameters=parameters, expire=expire, http_method=http_method)
        return settings.MEDIA_URL + filepath_to_uri(clean_name(name))  # the bucket's folder (AWS_LOCATION) stays inside


def _public_name(path: str) -> str:
    name = posixpath.normpath(path)
    if name != path or name.startswith(("/", "..")) or "\\" in name or "\x00" in name:
        raise Http404
    return PUBLIC_MEDIA_PREFIX + name


@require_safe
def public_image(request, path: str):
    """A rendition or public image from the media storage, with the headers nginx gives them on one machine."""
    name = _public_name(path)
    try:
        handle = default_storage.open(name, "rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    except Exception as error:  # botocore's ClientError (404/403) when the object is not in the bucket
        if type(error).__name__ in {"ClientError", "NoSuchKey"}:
            raise Http404 from error
        raise
    response = FileResponse(handle, content_type=mimetypes.guess_type(name)[0] or "application/octet-stream")
    response["Cache-Control"] = f"public, max-age={MEDIA_MAX_AGE}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'"
    return response
