import logging

from django.apps import AppConfig


class PdfsConfig(AppConfig):
    name = "samvydat.pdfs"
    label = "pdfs"
    verbose_name = "PDFs"

    def ready(self):
        from . import checks, signals  # noqa: F401 (checks registers itself)

        signals.connect()
        # WeasyPrint reports every step of every render at INFO; its warnings (a refused address) stay.
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
