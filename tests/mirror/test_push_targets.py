"""Pushing the mirror to object storage and WebDAV with rclone, against real servers on loopback."""

import http.client
import os
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from samvydat.mirror import services
from samvydat.mirror.models import MirrorPushRecord
from samvydat.mirror.push import push_targets
from samvydat.mirror.storage import live_root
from samvydat.mirror.targets import TargetError, parse_targets

from .rclone_servers import free_port, serve

pytestmark = pytest.mark.django_db
SECRET = "canary-secret-7f3a9c"


@pytest.fixture
def s3_server(tmp_path):
    folder = tmp_path / "s3"
    (folder / "bucket").mkdir(parents=True)
    process, port = serve("s3", folder)
    yield folder / "bucket", port
    process.kill()
    process.wait()


@pytest.fixture
def webdav_server(tmp_path):
    folder = tmp_path / "dav"
    folder.mkdir()
    process, port = serve("webdav", folder)
    yield folder, port
    process.kill()
    process.wait()


def s3_target(port: int, name: str = "bucket", path: str = "bucket/site") -> str:
    # serve s3 runs anonymous here: the keys are not checked, but they are passed and must never leak
    return (
        f"{name}=:s3,provider=Other,endpoint='http://127.0.0.1:{port}',access_key_id=key-{SECRET},"
        f"secret_access_key={SECRET}:{path}"
    )


def dav_target(port: int) -> str:
    return f"dav=:webdav,url='http://127.0.0.1:{port}/',vendor=rclone:site"


@pytest.fixture
def site(tmp_path) -> Path:
    root = tmp_path / "live"
    files = {
        "index.html": "<p>root</p>",
        "en/index.html": "<p>home</p>",
        "en/news/a/index.html": "<p>a</p>",
        "en/news/b/index.html": "<p>b</p>",
        "en/feed.xml": "<rss/>",
        "static/mirror/mirror.css": "body{}",
        "pagefind/pagefind.js": "//",
        "pagefind/fragment/en_1a2b3c.pf_fragment": "frag",
        "pagefind/wasm.en.pagefind": "wasm-gz",
        "static/x/engine.wasm": "wasm",
    }
    for name, content in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(content)
    return root


def listing(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file() and not path.name.startswith(".")
    }


def head(port: int, path: str) -> dict[str, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("HEAD", path)
    response = connection.getresponse()
    assert response.status == 200, (path, response.status)
    return {key.lower(): value for key, value in response.getheaders()}


def test_targets_are_parsed_with_quotes_names_and_configured_remotes():
    targets = parse_targets(
        "r2=:s3,provider=Other,endpoint='http://127.0.0.1:9000',access_key_id=AK,secret_access_key='S,K':b/site,"
        ":webdav,url=http://dav.example.org/,vendor=other,pass='it''s':site, myremote:bucket/m"
    )
    assert [t.name for t in targets] == ["r2", "webdav-site", "myremote"]
    assert targets[0].parameters == {
        "provider": "Other",
        "endpoint": "http://127.0.0.1:9000",
        "access_key_id": "AK",
        "secret_access_key": "S,K",
    }
    assert targets[0].path == "b/site"
    assert targets[1].parameters["url"] == "http://dav.example.org/" and targets[1].parameters["pass"] == "it's"
    assert targets[2].rclone_remote("X") == "myremote:bucket/m" and targets[2].rclone_environment("X") == {}
    environment = targets[0].rclone_environment("SAMVYDAT0")
    assert environment["RCLONE_CONFIG_SAMVYDAT0_TYPE"] == "s3"
    assert environment["RCLONE_CONFIG_SAMVYDAT0_SECRET_ACCESS_KEY"] == "S,K"
    assert targets[0].rclone_remote("SAMVYDAT0") == "SAMVYDAT0:b/site"  # no credential on the command line


@pytest.mark.parametrize(
    "text",
    [":s3,provider=Other", ":s3,provider=Other:", "my bucket=:s3,provider=Other:b", ":s3,endpoint='http://x:b", ":"],
)
def test_a_wrong_target_is_a_clear_error_without_its_credentials(text):
    with pytest.raises(TargetError) as error:
        parse_targets(text + f",secret_access_key={SECRET}" if "endpoint=" not in text else text)
    assert SECRET not in str(error.value)


def test_push_to_s3_and_webdav_equals_the_export_then_only_changes_travel(site, s3_server, webdav_server, settings):
    bucket, s3_port = s3_server
    dav, dav_port = webdav_server
    settings.MIRROR_TARGETS = f"{s3_target(s3_port)},{dav_target(dav_port)}"
    first = {result.target: result for result in push_targets(root=site)}
    assert all(result.ok for result in first.values()), [r.error for r in first.values()]
    assert listing(bucket / "site") == listing(site) == listing(dav / "site")
    assert len(first["bucket"].transferred) == len(listing(site)) and first["bucket"].bytes > 0

    again = push_targets(root=site)
    assert [(r.ok, r.transferred, r.deleted, r.bytes) for r in again] == [(True, [], [], 0)] * 2
    for path in site.rglob("*"):  # a full export writes every file again: new times, same content
        os.utime(path, (1_900_000_000, 1_900_000_000))
    rewritten = push_targets(root=site)
    assert [(r.ok, r.transferred, r.deleted) for r in rewritten] == [(True, [], [])] * 2

    (site / "en/news/a/index.html").write_text("<p>a, corrected</p>")
    (site / "en/news/b/index.html").unlink()
    (site / "en/news/c/index.html").parent.mkdir(parents=True)
    (site / "en/news/c/index.html").write_text("<p>c</p>")
    edited = push_targets(root=site)
    for result in edited:
        assert result.ok
        assert sorted(result.transferred) == ["en/news/a/index.html", "en/news/c/index.html"]
        assert result.deleted == ["en/news/b/index.html"]
    assert listing(bucket / "site") == listing(site) == listing(dav / "site")
    record = MirrorPushRecord.objects.get(target="bucket")
    assert record.ok and record.transferred == 2 and record.deleted == 1 and record.last_success_at


def test_objects_have_the_content_type_and_cache_control_of_their_class(site, s3_server, settings):
    bucket, port = s3_server
    settings.MIRROR_TARGETS = s3_target(port)
    assert push_targets(root=site)[0].ok
    page = head(port, "/bucket/site/en/news/a/index.html")
    assert page["content-type"] == "text/html; charset=utf-8" and page["cache-control"] == "public, max-age=300"
    chunk = head(port, "/bucket/site/pagefind/fragment/en_1a2b3c.pf_fragment")
    assert chunk["content-type"] == "application/octet-stream" and "immutable" in chunk["cache-control"]
    assert head(port, "/bucket/site/static/x/engine.wasm")["content-type"] == "application/wasm"
    assert head(port, "/bucket/site/pagefind/wasm.en.pagefind")["content-type"] == "application/octet-stream"
    css = head(port, "/bucket/site/static/mirror/mirror.css")
    assert css["content-type"].startswith("text/css") and css["cache-control"] == "public, max-age=86400"
    assert head(port, "/bucket/site/en/feed.xml")["cache-control"] == "public, max-age=300"


def test_a_dead_target_fails_alone_and_its_record_says_so_without_secrets(site, s3_server, settings, caplog):
    bucket, port = s3_server
    dead = free_port()  # nothing listens there
    settings.MIRROR_TARGETS = f"{s3_target(dead, name='dead')},{s3_target(port)}"
    results = {result.target: result for result in push_targets(root=site)}
    assert results["bucket"].ok and listing(bucket / "site") == listing(site)
    assert not results["dead"].ok and results["dead"].error
    dead_record = MirrorPushRecord.objects.get(target="dead")
    assert dead_record.error and dead_record.last_success_at is None and not dead_record.ok
    assert MirrorPushRecord.objects.get(target="bucket").ok
    stored = " ".join(str(v) for v in MirrorPushRecord.objects.values_list())
    assert SECRET not in stored and SECRET not in caplog.text and SECRET not in results["dead"].line()


def test_the_commands_push_and_report_one_line_per_target(site, s3_server, settings, tmp_path, capsys):
    bucket, port = s3_server
    out = tmp_path / "mirror"
    out.symlink_to(site)
    assert live_root(out) == site.resolve()
    dead = free_port()
    settings.MIRROR_TARGETS = f"{s3_target(port)},{s3_target(dead, name='dead')}"
    with pytest.raises(CommandError, match="1 target"):
        call_command("mirror_push", str(out))
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("bucket: ok") for line in lines) and any(
        line.startswith("dead: FAILED") for line in lines
    )
    call_command("mirror_push", str(out), "--target", "bucket")
    assert capsys.readouterr().out.startswith("bucket: ok in")
    with pytest.raises(CommandError, match="no target is named"):
        call_command("mirror_push", str(out), "--target", "nope")
    call_command("mirror_status")
    status = capsys.readouterr().out
    assert "bucket: ok; last success 20" in status and "dead: FAILING:" in status and SECRET not in status


def test_the_push_after_updates_reaches_the_targets_and_the_hook(site, s3_server, settings, tmp_path):
    bucket, port = s3_server
    marker = tmp_path / "hook"
    settings.MIRROR_TARGETS = s3_target(port)
    settings.MIRROR_PUSH_COMMAND = f"touch {marker}"
    assert services.push(root=site) == []
    assert marker.exists() and listing(bucket / "site") == listing(site)


def test_a_push_killed_mid_way_leaves_every_previous_page(site, s3_server, settings, monkeypatch):
    """Deletions come last: a push stopped after the copies has deleted nothing."""
    bucket, port = s3_server
    settings.MIRROR_TARGETS = s3_target(port)
    assert push_targets(root=site)[0].ok
    (site / "en/news/b/index.html").unlink()
    (site / "en/news/a/index.html").write_text("<p>a2</p>")
    real_run = subprocess.run

    def killed_at_first_sync(command, **kwargs):
        if command[1] == "sync":
            raise subprocess.TimeoutExpired(command, 1)
        return real_run(command, **kwargs)

    monkeypatch.setattr("samvydat.mirror.push.subprocess.run", killed_at_first_sync)
    result = push_targets(root=site)[0]
    assert not result.ok and "timed out" in result.error
    assert (bucket / "site/en/news/b/index.html").read_text() == "<p>b</p>"  # still there for a reader mid-visit
    assert (bucket / "site/en/news/a/index.html").read_text() == "<p>a2</p>"


def test_wrong_credentials_fail_that_target_only_and_are_never_shown(site, tmp_path, settings):
    """rclone 1.75.2's ``serve s3 --auth-key`` checks the keys: the right ones get in, a wrong secret is refused."""
    folder = tmp_path / "private"
    (folder / "bucket").mkdir(parents=True)
    process, port = serve("s3", folder, "--auth-key", f"key-{SECRET},{SECRET}")
    try:
        wrong = s3_target(port, name="wrong").replace(f"secret_access_key={SECRET}", f"secret_access_key=x{SECRET}")
        settings.MIRROR_TARGETS = f"{wrong},{s3_target(port)}"
        results = {result.target: result for result in push_targets(root=site)}
    finally:
        process.kill()
        process.wait()
    assert results["bucket"].ok and listing(folder / "bucket" / "site") == listing(site)
    assert not results["wrong"].ok and results["wrong"].error
    assert SECRET not in results["wrong"].error and SECRET not in MirrorPushRecord.objects.get(target="wrong").error


def test_the_dashboard_shows_each_targets_last_push(client, django_user_model, log_in_editor):
    from django.utils import timezone

    MirrorPushRecord.objects.create(target="r2", last_success_at=timezone.now(), transferred=3, bytes=2048)
    MirrorPushRecord.objects.create(target="dead", error="dial tcp 127.0.0.1:9: connection refused")
    log_in_editor(client, django_user_model.objects.create_superuser("chief", "chief@example.org", "x"))
    page = client.get("/admin/").content.decode()
    assert 'data-target="r2"' in page and 'data-target="dead"' in page and "connection refused" in page
    reader = django_user_model.objects.create_user("someone", "s@example.org", "x")
    from django.contrib.auth.models import Permission

    reader.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.logout()
    log_in_editor(client, reader)
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200 and "mirror-push-panel" not in dashboard.content.decode()


def test_the_bucket_holds_exactly_the_exported_demo_mirror(demo_mirror, s3_server, settings):
    bucket, port = s3_server
    root = live_root(demo_mirror[0])
    settings.MIRROR_TARGETS = s3_target(port)
    result = push_targets(root=root)[0]
    assert result.ok, result.error
    assert listing(bucket / "site") == listing(root)
    assert result.bytes == sum(len(content) for content in listing(root).values())
    search = next(name for name in listing(root) if name.startswith("pagefind/") and ".pf_" in name)
    assert "immutable" in head(port, f"/bucket/site/{search}")["cache-control"]


def test_an_unreadable_target_list_is_one_clear_failed_line(site, settings, tmp_path, capsys):
    out = tmp_path / "mirror"
    out.symlink_to(site)
    settings.MIRROR_TARGETS = f":s3,provider=Other,secret_access_key='{SECRET}"  # the quote is never closed
    with pytest.raises(CommandError):
        call_command("mirror_push", str(out))
    printed = capsys.readouterr().out
    assert "MIRROR_TARGETS: FAILED" in printed and "quote is not closed" in printed and SECRET not in printed


def test_a_missing_rclone_is_recorded_for_each_target(site, settings):
    settings.RCLONE_BINARY = "/no/such/rclone"
    settings.MIRROR_TARGETS = s3_target(free_port())
    result = push_targets(root=site)[0]
    assert not result.ok and "rclone could not start" in result.error
    assert MirrorPushRecord.objects.get(target="bucket").error == result.error
