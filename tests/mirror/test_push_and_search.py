"""The push hook and the search index rebuilt after updates (once for many publications)."""

import shutil
import sys

import pytest

from samvydat.mirror import services
from samvydat.mirror.storage import live_root
from samvydat.mirror.tasks import mirror_followup_task

pytestmark = pytest.mark.django_db


def test_push_runs_the_operators_command_with_the_live_path(tmp_path, settings):
    marker = tmp_path / "pushed.txt"
    script = "import pathlib, sys; pathlib.Path(sys.argv[2]).write_text(sys.argv[1])"
    settings.MIRROR_PUSH_COMMAND = f'{sys.executable} -c "{script}" {{path}} {marker}'
    assert services.push(root=tmp_path / "live copy") == []
    assert marker.read_text() == str(tmp_path / "live copy")


def test_a_failing_push_is_reported_not_raised(tmp_path, settings):
    settings.MIRROR_PUSH_COMMAND = f'{sys.executable} -c "import sys; sys.exit(3)"'
    assert services.push(root=tmp_path) != []
    settings.MIRROR_PUSH_COMMAND = "/no/such/command {path}"
    assert services.push(root=tmp_path) != []


@pytest.fixture
def small_mirror(demo_mirror, tmp_path, settings):
    out = tmp_path / "site"
    build = tmp_path / ".site-copy-1"
    shutil.copytree(live_root(demo_mirror[0]), build, symlinks=True)
    out.symlink_to(build.name)
    settings.MIRROR_ROOT = str(out)
    return out


def test_search_is_rebuilt_once_for_many_publications(small_mirror, settings, tmp_path):
    marker = tmp_path / "pushes"
    settings.MIRROR_PUSH_COMMAND = f"{sys.executable} -c \"open('{marker}', 'a').write('x')\""
    root = live_root(small_mirror)
    wanted = small_mirror.parent / ".site.search-wanted"
    wanted.touch()
    assert mirror_followup_task.call() == "done"
    assert (root / "pagefind" / "pagefind.js").is_file() and not list(root.glob(".pagefind-*"))
    assert mirror_followup_task.call() == "already done by a later run"
    assert marker.read_text() == "x"
