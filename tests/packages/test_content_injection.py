"""A hostile content package: raw HTML, script, frames, refreshes and javascript:/data: links never reach a page.

Replays issue 12: Markdown with raw HTML was stored as rich text and rendered verbatim, and :::video/:::links
addresses were stored without the StreamField's validation.
"""

import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest
from wagtail.models import Page

from samvydat.news.models import NewsPage
from samvydat.packages.errors import PackageError
from samvydat.packages.markdown import markdown_to_html
from samvydat.packages.services import package_import

pytestmark = pytest.mark.django_db

HOSTILE_BODY = """\
Readers are <script>alert(document.cookie)</script> told.

<script src="/documents/1/x.js"></script>

Look <img src=x onerror="alert(1)"> here and <svg onload=alert(2)></svg> there.

<iframe src="https://attacker.example/frame"></iframe>

<meta http-equiv="refresh" content="0;url=https://attacker.example/">

A [javascript link](javascript:alert(3)), a [data link](data:text/html;base64,PHNjcmlwdD4=),
a [spaced one]( JaVaScRiPt:alert(4)) and <a href="javascript:alert(5)" onclick="alert(6)">raw</a>.

<div style="background:url(javascript:alert(7))" onmouseover="alert(8)">styled</div>

![pixel](https://attacker.example/track.gif)

A [fine link](https://example.org/ok) and **bold** text.

:::video
url: https://www.youtube.com/watch?v=abcdefghijk
title: A video
transcript: |
  Said <script>alert(9)</script> and [clicked](javascript:alert(10)).
:::
"""


def write(root: Path, relative: str, text: str) -> Path:
    path = root / "content" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def news(body: str, key: str = "hostile") -> str:
    return f"---\ntitle: A hostile item\ndate: 2026-01-05\ntranslationKey: {key}\n---\n\n{body}"


class Elements(HTMLParser):
    """Every element of a document, as (tag, {attribute: value})."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {name: value or "" for name, value in attrs}))


def elements(html: str) -> list[tuple[str, dict]]:
    parser = Elements()
    parser.feed(html)
    return parser.found


def assert_harmless(html: str, *, page_chrome: bool = False) -> None:
    for tag, attrs in elements(html):
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "style" not in attrs or page_chrome, (tag, attrs)
        for name in ("href", "src", "action", "formaction"):
            value = attrs.get(name, "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), (tag, attrs)
        assert tag not in ("iframe", "object", "embed", "svg", "img", "base"), (tag, attrs)
        assert not (tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh"), attrs
        if tag == "script":
            chrome = attrs.get("src", "").startswith("/static/") or attrs.get("type") == "application/ld+json"
            assert page_chrome and chrome, attrs
    assert "attacker.example" not in "".join(str(attrs) for _tag, attrs in elements(html))


def test_markdown_with_raw_html_is_escaped_and_sanitised():
    html = markdown_to_html(HOSTILE_BODY.split(":::video")[0])
    assert_harmless(html)
    assert "&lt;script&gt;alert(document.cookie)&lt;/script&gt;" in html  # shown as text, as written
    assert '<a href="https://example.org/ok">fine link</a>' in html and "<strong>bold</strong>" in html


def test_a_hostile_package_stores_and_renders_none_of_it(tmp_path, client):
    write(tmp_path, "news/hostile.en.md", news(HOSTILE_BODY))
    package_import(path=tmp_path)
    page = NewsPage.objects.get(slug="hostile")
    stored = page.body.raw_data
    for block in stored:
        value = block["value"]
        html = value if block["type"] == "paragraph" else value.get("transcript", "")
        assert_harmless(html)
    response = client.get(page.url)
    assert response.status_code == 200
    public = response.content.decode()
    main = public[public.index('<main id="main"') : public.index("</main>")]
    assert_harmless(main)
    assert_harmless(public, page_chrome=True)
    assert "https://example.org/ok" in main


@pytest.mark.parametrize(
    ("fence", "bad"),
    [
        ("video", "url: javascript:alert(1)\ntitle: Play"),
        ("video", "url: data:text/html,<script>alert(1)</script>\ntitle: Play"),
        ("links", "items:\n  - label: Our channel\n    url: javascript:alert(1)"),
        ("links", "items:\n  - label: Our channel\n    url: data:text/html;base64,PHNjcmlwdD4="),
        ("links", "items:\n  - label: Our channel\n    url: http://[broken"),
    ],
)
def test_a_script_address_in_a_fenced_block_is_refused_at_its_line(tmp_path, fence, bad):
    write(tmp_path, "news/good.en.md", news("Fine.", key="good"))
    body = f"First paragraph.\n\n:::{fence}\n{bad}\n:::\n"
    path = write(tmp_path, "news/bad.en.md", news(body, key="bad"))
    pages = Page.objects.count()
    with pytest.raises(PackageError) as caught:
        package_import(path=tmp_path)
    (problem,) = caught.value.problems
    assert problem.path == path and problem.line == 9  # the ':::' line: 5 of front matter, a blank, a text, a blank
    assert "is not an http(s) address" in problem.message
    assert Page.objects.count() == pages and not NewsPage.objects.filter(slug="good").exists()


def test_streamfield_validation_runs_on_import(tmp_path):
    """A block the editor's form would refuse (a link without its label) is refused with its line."""
    body = "Text.\n\n:::links\nitems:\n  - label: ''\n    url: https://example.org/\n:::\n"
    path = write(tmp_path, "news/bad.en.md", news(body, key="bad-links"))
    with pytest.raises(PackageError) as caught:
        package_import(path=tmp_path)
    (problem,) = caught.value.problems
    assert (problem.path, problem.line) == (path, 9)
    assert "links block is not valid" in problem.message and "label" in problem.message
    assert not NewsPage.objects.filter(slug="bad").exists()


def test_a_field_the_model_refuses_names_its_line(tmp_path):
    """full_clean() of the page: a registration address that only looks like one."""
    path = write(
        tmp_path,
        "discussions/talk.en.md",
        "---\ntitle: A talk\ndate: 2026-01-05\ntranslationKey: talk-one\nregistration: https://not a host/\n---\nBody.\n",
    )
    with pytest.raises(PackageError) as caught:
        package_import(path=tmp_path)
    (problem,) = caught.value.problems
    assert (problem.path, problem.line) == (path, 5)
    assert "registration_url" in problem.message


def test_a_discussion_transcript_is_sanitised_too(tmp_path, client):
    from samvydat.discussions.models import DiscussionPage

    write(
        tmp_path,
        "people/speaker.en.md",
        "---\ntitle: A Speaker\ntranslationKey: hostile-speaker\n---\nA speaker <script>alert(1)</script>.\n",
    )
    write(
        tmp_path,
        "discussions/talk.en.md",
        """\
        ---
        title: A hostile talk
        date: 2026-01-05
        translationKey: hostile-talk
        participants:
          - person: hostile-speaker
            intro: '<img src=x onerror=alert(1)>'
        transcript:
          - question: 'Why <script>alert(2)</script>?'
            turns:
              - speaker: hostile-speaker
                text: 'Because <iframe src="https://attacker.example/"></iframe> [see](javascript:alert(3))'
        ---
        Body.
        """,
    )
    package_import(path=tmp_path)
    page = DiscussionPage.objects.get(slug="talk")
    turn_html = page.transcript[0].value["turns"][0]["text"].source
    assert_harmless(turn_html)
    assert "<iframe" not in turn_html and "javascript:" not in turn_html
    public = client.get(page.url).content.decode()
    assert_harmless(public[public.index('<main id="main"') : public.index("</main>")])


def test_an_unchanged_draft_gets_no_new_revision(tmp_path):
    from wagtail.models import Revision

    write(tmp_path, "news/draft.en.md", news("A draft.", key="a-draft").replace("---\n\n", "draft: true\n---\n\n", 1))
    package_import(path=tmp_path)
    page = NewsPage.objects.get(slug="draft")
    assert not page.live
    revisions = Revision.objects.count()
    report = package_import(path=tmp_path)
    assert report.unchanged == 1 and Revision.objects.count() == revisions
