"""Hostile uploads cannot exhaust the web worker: the token and the rate limit are checked before any file is
decoded, every message has a pixel and a byte budget, and decoding happens in a child process whose address
space and CPU time are limited — a decompression bomb is refused there, cleanly, and the web process does not
grow."""

import resource

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samvydat.submissions import views
from samvydat.submissions.cleaning import Budget, OverBudget, clean_upload, sandbox
from samvydat.submissions.models import Submission

from . import samples

pytestmark = pytest.mark.django_db
MB = 1024 * 1024


@pytest.fixture(scope="module")
def bomb_8000x5000() -> bytes:
    return samples.png_pixels_bomb(8000, 5000)  # 155 KB, 160 MB once decoded


@pytest.fixture
def no_decoding(monkeypatch):
    """Fail the test if any file reaches the cleaning step."""

    def refuse(**_kwargs):
        raise AssertionError("a file was decoded before the token and the rate limit were checked")

    monkeypatch.setattr(views, "files_clean", refuse)


def test_a_bomb_with_a_bad_token_is_never_decoded(client, send_data, no_decoding, bomb_8000x5000):
    data = send_data(token="forged", files=[SimpleUploadedFile("x.png", bomb_8000x5000)])
    response = client.post(reverse("submissions:send"), data)
    assert response.status_code == 400 and not Submission.objects.exists()


def test_bombs_over_the_rate_limit_are_never_decoded(client, send_data, settings, monkeypatch, bomb_8000x5000):
    settings.SUBMISSIONS_GLOBAL_LIMIT = (1, 3600)
    assert client.post(reverse("submissions:send"), send_data()).status_code == 303  # the one allowed post
    decoded = []
    monkeypatch.setattr(views, "files_clean", lambda **kwargs: decoded.append(kwargs) or [])
    response = client.post(reverse("submissions:send"), send_data(files=[SimpleUploadedFile("x.png", bomb_8000x5000)]))
    assert response.status_code == 429 and decoded == []


def test_the_8000x5000_png_is_refused_in_the_child_and_the_text_comes_back(client, send_data, bomb_8000x5000):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    files = [SimpleUploadedFile("fine.jpg", samples.jpeg_with_gps()), SimpleUploadedFile("x.png", bomb_8000x5000)]
    response = client.post(reverse("submissions:send"), send_data(files=files))
    html = response.content.decode()
    assert response.status_code == 413
    assert "x.png" in html and "8000 × 5000" in html and "25 megapixels" in html
    assert "Marker TXT-4Q7" in html and "Nothing was kept yet" in html  # the reader's text is not lost
    assert not Submission.objects.exists()
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100 * 1024  # KiB: nothing decoded here


def test_without_the_pixel_cap_the_memory_limit_still_refuses_it(settings, bomb_8000x5000):
    """The child's address-space limit is the last line: 160 MB of pixels (and their copies) do not fit in 300 MB
    of address space, and the child is stopped there — not the web process."""
    settings.SUBMISSIONS_MAX_IMAGE_PIXELS = settings.SUBMISSIONS_MAX_PIXELS_PER_MESSAGE = 10**9
    settings.SUBMISSIONS_CLEANING_MEMORY_BYTES = 300 * MB
    self_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(OverBudget, match="needs more memory or time") as refused:
        sandbox.files_cleaned(uploads=[("small.jpg", samples.jpeg_with_gps()), ("larger.png", bomb_8000x5000)])
    assert "larger.png" in str(refused.value)  # the file the child was working on is named
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - self_before < 100 * 1024


def test_a_file_that_takes_too_long_is_refused(settings):
    """Five pictures, each within the caps, need several CPU seconds in all, on a fast machine too."""
    settings.SUBMISSIONS_CLEANING_CPU_SECONDS = 1
    settings.SUBMISSIONS_MAX_PIXELS_PER_MESSAGE = 200_000_000  # let the CPU limit, not the pixel budget, stop it
    slow = samples.png_pixels_bomb(5000, 4900)  # within the per-picture cap; a second or so to decode and encode
    with pytest.raises(OverBudget, match="needs more memory or time"):
        sandbox.files_cleaned(uploads=[(f"slow-{n}.png", slow) for n in range(5)])


def test_the_pixel_budget_is_shared_by_a_messages_files():
    budget = Budget(pixels=20_000_000, unpacked=10 * MB, image_pixels=16_000_000)
    clean_upload("a.png", samples.png_pixels_bomb(4000, 4000), budget=budget)  # 16 MP: fits
    with pytest.raises(OverBudget, match="too many pixels for one message"):
        clean_upload("b.png", samples.png_pixels_bomb(4000, 4000), budget=budget)


def test_pictures_inside_documents_count_too():
    budget = Budget(pixels=1_000, unpacked=10 * MB, image_pixels=1_000)
    with pytest.raises(OverBudget, match="too large an image"):
        clean_upload("memo.docx", samples.docx_with_author(), budget=budget)  # its photo is 64 × 48


def test_all_files_together_have_a_byte_budget(client, send_data, settings):
    settings.SUBMISSIONS_MAX_MESSAGE_BYTES = 100_000
    files = [SimpleUploadedFile(f"{n}.pdf", b"%PDF-1.4\n" + b"0" * 40_000) for n in range(3)]
    response = client.post(reverse("submissions:send"), send_data(files=files))
    assert response.status_code == 413 and not Submission.objects.exists()


def test_when_every_cleaning_slot_is_busy_the_reader_is_asked_to_send_again(client, send_data, settings):
    """The slots are shared by every worker: with all of them taken elsewhere, no child starts here."""
    from samvydat.security import ratelimit

    settings.SUBMISSIONS_CLEANING_CONCURRENCY, settings.SUBMISSIONS_CLEANING_WAIT_SECONDS = 1, 0
    with ratelimit.concurrency_slot(scope=sandbox.SLOT_SCOPE, limit=1, hold_seconds=60) as taken:
        assert taken  # another worker is cleaning
        files = [SimpleUploadedFile("fine.jpg", samples.jpeg_with_gps())]
        response = client.post(reverse("submissions:send"), send_data(files=files))
    assert response.status_code == 503 and response["Retry-After"] == "60"
    assert "Marker TXT-4Q7" in response.content.decode() and not Submission.objects.exists()


def test_the_site_wide_cap_holds_whatever_the_address(client, send_data, settings):
    """Behind nginx every post comes from 127.0.0.1 or from forged addresses: the global cap does not care."""
    settings.SUBMISSIONS_GLOBAL_LIMIT = (2, 3600)
    statuses = [
        client.post(
            reverse("submissions:send"), send_data(), REMOTE_ADDR=f"198.51.100.{n}", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}"
        ).status_code
        for n in range(3)
    ]
    assert statuses == [303, 303, 429]


def test_the_child_gets_no_secret(settings, monkeypatch):
    """The process that parses hostile files has no key, no SECRET_KEY, no database address in its environment."""
    monkeypatch.setenv("SUBMISSIONS_ENCRYPTION_KEY", "secret-key-in-the-parent")
    seen = {}
    real_popen = sandbox.subprocess.Popen

    def recording(*args, **kwargs):
        seen.update(kwargs["env"])
        return real_popen(*args, **kwargs)

    monkeypatch.setattr(sandbox.subprocess, "Popen", recording)
    sandbox.files_cleaned(uploads=[("fine.jpg", samples.jpeg_with_gps())])
    assert "secret-key-in-the-parent" not in seen.values() and set(seen) <= {"PATH", "LANG", "PYTHONHASHSEED"}
