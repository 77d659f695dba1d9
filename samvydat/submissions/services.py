"""Actions on submissions: receive (clean, encrypt, store — all or nothing), read, stream a file, delete."""

import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import crypto
from .cleaning import CleanFile
from .cleaning.sandbox import files_cleaned
from .models import Submission, SubmissionFile


def files_clean(*, uploads: list[tuple[str, bytes]]) -> list[CleanFile]:
    """Clean every upload (name, bytes) in the limited child process (``cleaning.sandbox``); raises
    ``cleaning.Refused`` at the first refused file, ``sandbox.Busy`` when no child may start now. Writes nothing."""
    return files_cleaned(uploads=uploads)


def _root() -> Path:
    return Path(settings.SUBMISSIONS_ROOT)


def submission_receive(
    *, kind: str, language: str, text: str, contact: str = "", files: list[CleanFile] = ()
) -> Submission:
    """Encrypt and store a submission with its (already cleaned) files. Either all of it is kept or nothing:
    files written before a failure are removed again."""
    written: list[Path] = []
    try:
        with transaction.atomic():
            submission = Submission.objects.create(
                received_on=timezone.localdate(),
                language=language,
                kind=kind,
                text_encrypted=crypto.encrypt_text(text),
                contact_encrypted=crypto.encrypt_text(contact),
            )
            for clean in files:
                stored_as = secrets.token_hex(16)
                path = _root() / stored_as
                crypto.file_write_encrypted(path, clean.data)
                written.append(path)
                SubmissionFile.objects.create(
                    submission=submission,
                    name_encrypted=crypto.encrypt_text(clean.name),
                    content_type=clean.content_type,
                    size=len(clean.data),
                    stored_as=stored_as,
                )
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        crypto.folder_times_blurred(_root())
        raise
    return submission


@dataclass(frozen=True)
class OpenedFile:
    pk: int
    name: str
    content_type: str
    size: int


@dataclass(frozen=True)
class OpenedSubmission:
    submission: Submission
    text: str
    contact: str
    files: list[OpenedFile]


def submission_open(*, submission: Submission) -> OpenedSubmission:
    """Decrypt a submission for a handler (callers check ``roles.can_handle_submissions``)."""
    return OpenedSubmission(
        submission=submission,
        text=crypto.decrypt_text(submission.text_encrypted),
        contact=crypto.decrypt_text(submission.contact_encrypted),
        files=[
            OpenedFile(pk=f.pk, name=crypto.decrypt_text(f.name_encrypted), content_type=f.content_type, size=f.size)
            for f in submission.files.all()
        ],
    )


def submission_file_chunks(*, submitted_file: SubmissionFile) -> Iterator[bytes]:
    return crypto.file_decrypted_chunks(_root() / submitted_file.stored_as)


@transaction.atomic
def submission_set_status(*, submission: Submission, status: str) -> Submission:
    submission.status = status
    submission.save(update_fields=["status"])
    return submission


def submission_delete(*, submission: Submission) -> None:
    """Delete for good: the row, its files' rows and the encrypted files."""
    paths = [_root() / f.stored_as for f in submission.files.all()]
    with transaction.atomic():
        submission.delete()
    for path in paths:
        path.unlink(missing_ok=True)
    crypto.folder_times_blurred(_root())
