"""Uploads to "Send us information" stay in memory: a reader's file is never written to disk unencrypted.

Django writes uploads above 2.5 MB to a temporary file; this handler keeps every file in memory instead and
stops reading as soon as a file passes ``SUBMISSIONS_MAX_FILE_BYTES`` or all files together pass
``SUBMISSIONS_MAX_MESSAGE_BYTES`` (the request's byte budget) (``UploadTooLarge`` is then recorded
and the view tells the reader — no half-read file is kept).
"""

import io

from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload


class CappedMemoryUploadHandler(FileUploadHandler):
    def __init__(self, request=None):
        super().__init__(request)
        self.too_large: str | None = None
        self.total = 0

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        limit = settings.SUBMISSIONS_MAX_MESSAGE_BYTES + 1024 * 1024  # the files and the form's text
        if content_length and content_length > limit:
            self.too_large = "request"
            raise StopUpload(connection_reset=False)
        return None

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.file = io.BytesIO()
        self.size = 0

    def receive_data_chunk(self, raw_data, start):
        self.size += len(raw_data)
        self.total += len(raw_data)
        if self.size > settings.SUBMISSIONS_MAX_FILE_BYTES or self.total > settings.SUBMISSIONS_MAX_MESSAGE_BYTES:
            self.too_large = self.file_name or "file"
            self.file = io.BytesIO()  # drop what was read; Django closes it
            raise StopUpload(connection_reset=False)
        self.file.write(raw_data)
        return None

    def file_complete(self, file_size):
        if self.too_large:
            return None
        self.file.seek(0)
        return InMemoryUploadedFile(
            file=self.file,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
