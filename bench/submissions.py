"""Readers' submissions and comments: what cleaning, encryption and the anti-spam checks cost
(``.venv/bin/python bench/submissions.py``).

No database: it times the pure steps a submission or a comment goes through, on generated files —
a 12-megapixel JPEG with EXIF and GPS, a 30-page PDF with metadata, a DOCX with a photo inside, the hostile
DOCX and PDF of the tests — each cleaned in this process and in the limited child (``cleaning.sandbox``: what
the web worker does), wall and CPU time (this process plus its children) —
and the encryption of 20 MB (written as 1 MiB Fernet chunks and streamed back). Also the proof of work
at the default difficulty (SHA-256 in Python; the browser's script does the same number of hashes) and
the server's cost to check a token and a proof. p50 and max of ``--runs`` runs.
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, cpu_seconds


def timed(function, runs: int, cpu: list | None = None) -> tuple[float, float]:
    """p50 and max wall time; the median CPU time (self + children) is appended to ``cpu`` when given."""
    times, cpus = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), cpu_seconds()
        function()
        times.append(time.perf_counter() - start)
        cpus.append(cpu_seconds() - start_cpu)
    if cpu is not None:
        cpu.append(statistics.median(cpus))
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = "samvydat.settings.test"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from PIL import Image
    from pypdf import PdfWriter
    from rich.console import Console
    from rich.table import Table

    from samvydat.comments import antispam
    from samvydat.submissions import crypto
    from samvydat.submissions.cleaning import clean_upload, sandbox
    from tests.submissions import samples

    photo = Image.effect_noise((4000, 3000), 60).convert("RGB")
    exif = Image.open(io.BytesIO(samples.jpeg_with_gps())).getexif()
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=90, exif=exif)
    jpeg = buffer.getvalue()
    writer = PdfWriter()
    for _ in range(30):
        writer.add_blank_page(595, 842)
    writer.add_metadata({"/Author": samples.SECRET_AUTHOR})
    buffer = io.BytesIO()
    writer.write(buffer)
    pdf = buffer.getvalue()
    docx = samples.docx_with_author()
    payload = os.urandom(20 * 1024 * 1024)

    rows = []
    for label, name, data in [
        ("clean JPEG 12 MP (EXIF, GPS)", "photo.jpg", jpeg),
        ("clean PDF 30 pages (metadata)", "memo.pdf", pdf),
        ("clean DOCX (author, photo inside)", "memo.docx", docx),
        ("clean hostile DOCX (every trace)", "memo.docx", samples.docx_with_every_trace()),
        ("clean hostile PDF (every trace)", "memo.pdf", samples.pdf_with_every_trace()),
    ]:
        for where, clean in [
            ("in process", lambda n=name, d=data: clean_upload(n, d)),
            ("in the child", lambda n=name, d=data: sandbox.files_cleaned(uploads=[(n, d)])),
        ]:
            cpu: list[float] = []
            p50, worst = timed(clean, args.runs, cpu)
            rows.append((f"{label}, {where}", f"{len(data) / 1024:,.0f} kB", p50, worst, cpu[0]))

    with tempfile.TemporaryDirectory() as folder:
        counter = iter(range(10**6))

        def encrypt():
            crypto.file_write_encrypted(Path(folder) / f"f{next(counter)}", payload)

        p50, worst = timed(encrypt, args.runs)
        rows.append(("encrypt 20 MB to disk", "20,480 kB", p50, worst, None))
        target = Path(folder) / "f0"
        p50, worst = timed(lambda: sum(len(c) for c in crypto.file_decrypted_chunks(target)), args.runs)
        rows.append(("decrypt 20 MB, streamed", "20,480 kB", p50, worst, None))

    token = antispam.form_token(page_id=1, kind="comment")
    p50, worst = timed(lambda: antispam.proof_of_work_solve(token + str(time.perf_counter())), args.runs)
    rows.append((f"proof of work, {django.conf.settings.COMMENTS_POW_BITS} bits (Python)", "", p50, worst, None))
    nonce = antispam.proof_of_work_solve(token)
    p50, worst = timed(
        lambda: [
            antispam.token_check(token, page_id=1, kind="comment") and antispam.proof_of_work_valid(token, nonce)
            for _ in range(1000)
        ],
        args.runs,
    )
    rows.append(("check token + proof ×1000 (server)", "", p50, worst, None))

    table = Table(title=f"Submissions and comments ({args.runs} runs; load {os.getloadavg()[0]:.1f})")
    for column in ("step", "input", "p50 s", "max s", "CPU s"):
        table.add_column(column, justify="right" if column != "step" else "left")
    for label, size, p50, worst, cpu in rows:
        table.add_row(label, size, f"{p50:.3f}", f"{worst:.3f}", "" if cpu is None else f"{cpu:.3f}")
    Console().print(table)


if __name__ == "__main__":
    main()
