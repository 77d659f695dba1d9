"""A system check: WeasyPrint's libraries (Pango, HarfBuzz) are installed, else PDFs cannot be made."""

import ctypes.util

from django.core import checks

LIBRARIES = {
    "pango-1.0": "libpango-1.0-0",
    "pangoft2-1.0": "libpangoft2-1.0-0",
    "harfbuzz-subset": "libharfbuzz-subset0",
}


@checks.register()
def weasyprint_libraries(app_configs, **kwargs):
    missing = [package for library, package in LIBRARIES.items() if ctypes.util.find_library(library) is None]
    if not missing:
        return []
    return [
        checks.Warning(
            "WeasyPrint cannot find its libraries: PDFs of plans and weekly issues cannot be made.",
            hint=f"On Debian: apt-get install {' '.join(missing)}",
            id="pdfs.W001",
        )
    ]
