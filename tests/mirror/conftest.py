"""The demo site exported once per session as a mirror (the tests that only read it share it)."""

import shutil
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


@pytest.fixture
def mirror_copy(demo_mirror, tmp_path, settings) -> Path:
    """A private copy of the demo mirror, kept up to date on publish (MIRROR_ROOT), search rebuild off."""
    from samvydat.mirror.storage import live_root

    out = tmp_path / "site"
    build = tmp_path / ".site-copy-1"
    shutil.copytree(live_root(demo_mirror[0]), build, symlinks=True)
    out.symlink_to(build.name)
    settings.MIRROR_ROOT = str(out)
    settings.MIRROR_SEARCH_ON_UPDATE = False
    return out
