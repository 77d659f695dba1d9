"""deploy/systemd: the web, worker and scheduler units start what exists here, as a user, sandboxed."""

import configparser
import os
import shlex
from pathlib import Path

import pytest
from django.core.management import get_commands

REPO_ROOT = Path(__file__).resolve().parents[2]
UNITS = sorted((REPO_ROOT / "deploy" / "systemd").glob("*.service"))
INSTALLED_AT = "/srv/samvydat/app"


def unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read(path)
    return parser


def test_there_is_a_unit_for_the_web_the_worker_and_the_scheduler():
    assert {path.stem for path in UNITS} == {"samvydat-web", "samvydat-worker", "samvydat-scheduler"}


@pytest.mark.parametrize("path", UNITS, ids=lambda p: p.stem)
def test_each_unit_runs_a_real_program_as_the_site_user_in_a_sandbox(path):
    service = unit(path)["Service"]
    program, *arguments = shlex.split(service["ExecStart"])
    local = Path(program.replace(INSTALLED_AT, str(REPO_ROOT)))
    if local.name == "python":
        assert arguments[0] == "manage.py" and arguments[1] in get_commands(), f"{arguments[1]} is no command here"
    else:
        assert local.is_file() and os.access(local, os.X_OK), f"{program} is not in the repository"
    assert service["User"] == "samvydat" and service["EnvironmentFile"] == "/etc/samvydat/environment"
    assert service["Environment"] == "DJANGO_SETTINGS_MODULE=samvydat.settings.production"
    assert service["NoNewPrivileges"] == "yes" and service["ProtectSystem"] == "strict"
    assert service["ReadWritePaths"] == "/srv/samvydat/var"
    assert service["WorkingDirectory"] == INSTALLED_AT
