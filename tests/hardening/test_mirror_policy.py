"""Static mirror pages hold their own Content-Security-Policy and no-referrer, for file:// and header-less hosts.

Replays issue 12: a mirror copy opened from disk, or served by a host that adds no headers, had no policy at all.
"""

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from samvydat.mirror.rendering import Renderer
from samvydat.mirror.services import asset_source
from samvydat.news.models import NewsPage
from samvydat.security.policy import MIRROR_META_POLICY, MIRROR_POLICY
from tests.mirror.conftest import demo_mirror  # noqa: F401 (the demo site exported once per session)

pytestmark = pytest.mark.django_db

CSP_META = f'<meta http-equiv="Content-Security-Policy" content="{MIRROR_META_POLICY}">'
REFERRER_META = '<meta name="referrer" content="no-referrer">'


class Loads(HTMLParser):
    """What a page loads: the addresses of its scripts, stylesheets, images and frames, in order."""

    def __init__(self):
        super().__init__()
        self.loads: list[tuple[str, str]] = []
        self.first_load_at: int | None = None
        self.csp_at: int | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy":
            self.csp_at = len(self.loads)
        address = attrs.get("src") or (attrs.get("href") if tag == "link" and attrs.get("rel") != "canonical" else None)
        if tag in ("script", "link", "img", "iframe") and address and tag != "a":
            self.loads.append((tag, address))


def rendered(address: str) -> str:
    with Renderer() as renderer:
        result = renderer.render(address)
    assert result.status == 200
    return result.content.decode()


@pytest.mark.parametrize("address", ["/en/", "/be/search/", "news"])
def test_every_mirror_page_carries_the_policy_before_anything_it_loads(address):
    if address == "news":
        address = NewsPage.objects.live().filter(locale__language_code="ru").first().url
    html = rendered(address)
    assert html.count(CSP_META) == 1 and html.count(REFERRER_META) == 1
    parser = Loads()
    parser.feed(html)
    assert parser.csp_at == 0  # before the first stylesheet or script
    head = html[: html.index("</head>")]
    assert head.index(CSP_META) < head.index("<link") and head.index(CSP_META) < head.index("<script")


def test_the_mirror_policy_allows_only_the_mirror_s_own_files():
    html = rendered("/en/")
    parser = Loads()
    parser.feed(html)
    scripts = [address for tag, address in parser.loads if tag == "script"]
    assert scripts and all(not re.match(r"^[a-z]+:|^//", address) for address in scripts)  # relative: 'self'
    assert all(not re.match(r"^[a-z]+:|^//", address) for _tag, address in parser.loads)
    directives = dict(part.strip().split(" ", 1) for part in MIRROR_META_POLICY.split(";"))
    assert directives["script-src"] == "'self' file: 'wasm-unsafe-eval'"  # Pagefind's WebAssembly, no inline script
    assert directives["default-src"] == "'self' file:" and directives["object-src"] == "'none'"
    assert "unsafe-inline" not in MIRROR_META_POLICY and "http" not in MIRROR_META_POLICY
    assert "frame-ancestors" not in MIRROR_META_POLICY  # ignored in a <meta>; nginx sends it


def test_the_root_entry_page_has_it_too(tmp_path):
    from samvydat.mirror.services import _write_extras

    _write_extras(tmp_path)
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert html.index('<meta charset="utf-8">') < html.index(CSP_META) < html.index("<link")
    assert REFERRER_META in html


def test_nginx_sends_the_same_policy():
    conf = (settings.BASE_DIR / "deploy" / "nginx" / "mirror.conf").read_text()
    server_policy = re.search(r'add_header Content-Security-Policy "([^"]+)" always;', conf).group(1)
    assert server_policy == MIRROR_POLICY + "; frame-ancestors 'none'"


def test_every_page_of_the_exported_demo_mirror_carries_it(demo_mirror):  # noqa: F811
    from samvydat.mirror.storage import live_root

    root = live_root(demo_mirror[0])
    pages = sorted(root.rglob("*.html"))
    assert len(pages) > 100
    missing = [str(page.relative_to(root)) for page in pages if CSP_META not in page.read_text(encoding="utf-8")]
    assert missing == []
    assert all(REFERRER_META in page.read_text(encoding="utf-8") for page in pages)


def test_a_document_a_browser_could_run_is_not_copied_into_a_mirror():
    document = get_document_model().objects.create(title="x", file=ContentFile(b"alert(1)", name="x.js"))
    assert asset_source(document.url) is None
    pdf = get_document_model().objects.create(title="p", file=ContentFile(b"%PDF-1.4", name="p.pdf"))
    assert asset_source(pdf.url) is not None
