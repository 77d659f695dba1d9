"""The demo site exported once per session as a mirror (the tests that only read it share it)."""

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def demo_mirror(django_db_setup, django_db_blocker, tmp_path_factory) -> tuple[Path, object]:
    """(OUT, report): OUT is the symlink to the live copy of the demo site's mirror."""
    from samvydat.mirror.services import mirror_export

    out = tmp_path_factory.mktemp("mirror") / "site"
    with django_db_blocker.unblock():
        report = mirror_export(out=out, archive=out.parent / "site.zip")
    return out, report
