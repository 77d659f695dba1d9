"""Moving a page, a new slug, editing or deleting people, organisations and topics, and a commentary's new topic
reach the live mirror through the tasks, after commit, and leave no link to a file that went."""

import datetime
import html

import pytest

from samvydat.core.models import HomePage
from samvydat.mirror import changes, selectors
from samvydat.mirror.paths import file_for, relative_link
from samvydat.mirror.storage import live_root
from samvydat.news.models import NewsIndexPage
from samvydat.people.models import Organisation, PeopleIndexPage, Person
from samvydat.weekly.models import CommentaryPage, Topic, TrendDashboardPage, WeeklyIndexPage, WeeklyIssuePage
from tests.mirror.files import broken_links, changed_files, files_of, links_to, snapshot

pytestmark = pytest.mark.django_db


def links(root, from_address: str, to_address: str) -> bool:
    """Does the mirror's file of ``from_address`` link to the file of ``to_address``?"""
    from_file, to_file = files_of([from_address]).pop(), files_of([to_address]).pop()
    return f'href="{relative_link(from_file, to_file)}"' in (root / from_file).read_text()


def listing_files(root, address: str) -> list:
    first = root / file_for(address)
    return [first, *sorted(first.parent.glob("page/*/index.html"))]


def outside(changed: set[str], *prefixes: str) -> set[str]:
    return {name for name in changed if not name.startswith(prefixes)}


# --- pages moved, slugs changed ----------------------------------------------------------------------------
def test_moving_a_commentary_to_another_issue(mirror_copy, django_capture_on_commit_callbacks):
    root = live_root(mirror_copy)
    source, target = WeeklyIssuePage.objects.live().filter(locale__language_code="en").order_by("week_start")[:2]
    commentary = CommentaryPage.objects.live().child_of(source).filter(topic__isnull=False).first()
    old_url = commentary.url
    old_file = root / file_for(old_url)
    assert old_file.is_file() and links(root, source.url, old_url)
    before = snapshot(root)

    with django_capture_on_commit_callbacks(execute=True):
        commentary.move(target, pos="last-child")

    commentary.refresh_from_db()
    new_url = commentary.url
    assert new_url.startswith(target.url) and new_url != old_url
    assert not old_file.exists() and not old_file.parent.exists()
    assert html.escape(commentary.title) in (root / file_for(new_url)).read_text()
    assert links(root, target.url, new_url) and not links(root, source.url, new_url)
    assert f"/{commentary.slug}/" not in (root / file_for(source.url)).read_text()
    topic = selectors.page_topic(commentary)
    index = WeeklyIndexPage.objects.live().get(locale=commentary.locale)
    assert links(root, selectors.topic_address(index, topic), new_url)
    assert not broken_links(root)
    changed = changed_files(before, snapshot(root))
    assert not {name for name in changed if "/plans/" in name or "/statements/" in name or "/news/" in name}
    assert len(changed) < len(before) / 10


def test_reordering_commentaries_renders_their_issue(mirror_copy, django_capture_on_commit_callbacks):
    root = live_root(mirror_copy)
    issue = WeeklyIssuePage.objects.live().filter(locale__language_code="en").order_by("week_start").first()
    first, second = CommentaryPage.objects.live().child_of(issue).order_by("path")[:2]
    issue_file = root / file_for(issue.url)

    def order():
        text = issue_file.read_text()  # the "at a glance" list and the teasers link them in tree order
        return text.index(f'href="{first.slug}/index.html"') < text.index(f'href="{second.slug}/index.html"')

    assert order()
    with django_capture_on_commit_callbacks(execute=True):
        first.move(issue, pos="last-child")

    assert not order() and (root / file_for(first.url)).is_file()


def test_a_corrected_week_of_an_issue_moves_its_commentaries(mirror_copy, django_capture_on_commit_callbacks):
    # An issue's address is its Monday (weekly.weeks): an editor who corrects the week moves the issue and its
    # commentaries to the new address.
    root = live_root(mirror_copy)
    issue = WeeklyIssuePage.objects.live().filter(locale__language_code="en").order_by("week_start").first()
    old_folder = (root / file_for(issue.url)).parent
    commentaries = list(CommentaryPage.objects.live().child_of(issue))
    assert commentaries and all((old_folder / c.slug / "index.html").is_file() for c in commentaries)
    before = snapshot(root)

    taken = set(WeeklyIssuePage.objects.values_list("week_start", flat=True))
    issue.week_start = next(
        monday for weeks in range(1, 600) if (monday := issue.week_start - datetime.timedelta(weeks=weeks)) not in taken
    )
    with django_capture_on_commit_callbacks(execute=True):
        issue.save_revision().publish()

    issue.refresh_from_db()
    assert issue.slug == issue.week_start.isoformat()
    assert not old_folder.exists()
    archive = WeeklyIndexPage.objects.live().get(locale=issue.locale).url
    assert links(root, archive, issue.url)
    for commentary in commentaries:
        commentary.refresh_from_db()
        assert commentary.url.startswith(issue.url)
        assert html.escape(commentary.title) in (root / file_for(commentary.url)).read_text()
        assert links(root, issue.url, commentary.url)
    assert not broken_links(root)
    changed = changed_files(before, snapshot(root))
    assert not {name for name in changed if "/plans/" in name or "/statements/" in name or "/news/" in name}


def test_a_new_slug_of_a_section_renders_every_page_again(mirror_copy, django_capture_on_commit_callbacks):
    """A section is in every page's menu: the update renders the whole site (files written only if changed)."""
    root = live_root(mirror_copy)
    section = NewsIndexPage.objects.live().get(locale__language_code="en")
    old_folder = (root / file_for(section.url)).parent
    assert (old_folder / "page" / "2" / "index.html").is_file()
    before = snapshot(root)

    section.slug = "latest"
    with django_capture_on_commit_callbacks(execute=True):
        section.save_revision().publish()

    section.refresh_from_db()
    assert section.url == "/en/latest/" and not old_folder.exists()
    assert (root / "en" / "latest" / "page" / "2" / "index.html").is_file()
    for item in section.get_children().live()[:3]:
        assert html.escape(item.title) in (root / file_for(item.url)).read_text()
    home = HomePage.objects.live().get(locale__language_code="en")
    assert links(root, home.url, section.url)
    assert not broken_links(root)
    changed = changed_files(before, snapshot(root))
    # Other languages: only the translations of the English news changed (their language switcher), and
    # "Send us information", whose form token changes at every rendering.
    assert (
        not {name for name in changed if name.startswith(("be/", "ru/")) and name.endswith("index.html")}
        - {file for item in section.get_children().live() for file in files_of(t.url for t in item.get_translations())}
        - files_of(t.url for t in section.get_translations())
        - {"be/send/index.html", "ru/send/index.html"}
    )


# --- people, organisations, topics -------------------------------------------------------------------------
def most_named(model, language: str):
    entities = model.objects.filter(locale__language_code=language)
    return max(entities, key=lambda entity: len(changes.naming_pages(entity, [entity.locale_id])))


def test_renaming_a_person(mirror_copy, django_capture_on_commit_callbacks):
    root = live_root(mirror_copy)
    person = most_named(Person, "en")
    pages = changes.naming_pages(person, [person.locale_id])
    people = PeopleIndexPage.objects.live().get(locale=person.locale)
    old_page = root / file_for(people.entity_url(person))
    old_feed = root / "en" / "feeds" / "people" / f"{person.slug}.rss"
    assert len(pages) > 3 and old_page.is_file() and old_feed.is_file()
    before = snapshot(root)

    person.name, person.slug = "Alena Renamed-Kavaliova", "renamed-kavaliova"
    with django_capture_on_commit_callbacks(execute=True):
        person.save()

    assert not old_page.exists() and not old_feed.exists()
    new_page = root / file_for(people.entity_url(person))
    assert "Alena Renamed-Kavaliova" in new_page.read_text()
    assert "Alena Renamed-Kavaliova" in (root / "en" / "feeds" / "people" / "renamed-kavaliova.rss").read_text()
    assert "Alena Renamed-Kavaliova" in (root / file_for(people.url)).read_text()
    for page in pages:
        text = (root / file_for(page.url)).read_text()
        assert (
            "Alena Renamed-Kavaliova" in text
            and f'href="{relative_link(file_for(page.url), file_for(people.entity_url(person)))}"' in text
        )
    assert "Alena Renamed-Kavaliova" in (root / "en" / "feeds" / "all.rss").read_text()
    assert not broken_links(root)
    changed = changed_files(before, snapshot(root))
    translations = files_of(
        PeopleIndexPage.objects.live().get(locale=other.locale).entity_url(other) for other in person.get_translations()
    )
    assert outside(changed, "en/") <= translations | {"sitemap.xml"}  # their language switchers
    assert not {name for name in changed if name.startswith(("en/plans/", "en/statements/"))}


def test_renaming_a_topic(mirror_copy, django_capture_on_commit_callbacks):
    root = live_root(mirror_copy)
    topic = most_named(Topic, "en")
    index = WeeklyIndexPage.objects.live().get(locale=topic.locale)
    old_address = selectors.topic_address(index, topic)
    old_folder = (root / file_for(old_address)).parent
    old_feed = root / "en" / "feeds" / "topics" / f"{topic.slug}.atom"
    commentaries = changes.naming_pages(topic, [topic.locale_id])
    assert old_folder.is_dir() and old_feed.is_file()
    before = snapshot(root)

    topic.name, topic.slug = "Renamed topic", "renamed-topic"
    with django_capture_on_commit_callbacks(execute=True):
        topic.save()

    assert not old_folder.exists() and not old_feed.exists()
    new_address = selectors.topic_address(index, topic)
    assert "Renamed topic" in (root / file_for(new_address)).read_text()
    assert all(links(root, new_address, commentary.url) for commentary in commentaries[:12])
    assert "Renamed topic" in (root / "en" / "feeds" / "topics" / "renamed-topic.atom").read_text()
    dashboard = TrendDashboardPage.objects.live().get(locale=topic.locale)
    for address in [
        index.url,
        dashboard.url,
        *(c.url for c in commentaries),
        *(c.get_parent().url for c in commentaries),
    ]:
        assert "Renamed topic" in (root / file_for(address)).read_text(), address
    assert links(root, index.url, new_address)
    assert not broken_links(root)
    changed = changed_files(before, snapshot(root))
    assert not {name for name in outside(changed, "en/") if "/topics/" not in name} - {"sitemap.xml"}
    assert not {name for name in changed if name.startswith(("en/plans/", "en/statements/", "en/news/"))}


def test_deleting_an_organisation(mirror_copy, django_capture_on_commit_callbacks):
    root = live_root(mirror_copy)
    organisation = most_named(Organisation, "en")
    statements = changes.naming_pages(organisation, [organisation.locale_id])
    people = PeopleIndexPage.objects.live().get(locale=organisation.locale)
    page_file = root / file_for(people.entity_url(organisation))
    signed = f">{html.escape(organisation.name)}</a></li>"  # in the list of signatories
    assert statements and page_file.is_file()
    assert all(signed in (root / file_for(statement.url)).read_text() for statement in statements)

    with django_capture_on_commit_callbacks(execute=True):
        organisation.delete()

    assert not page_file.exists() and not links_to(root, page_file)
    assert not any(signed in (root / file_for(statement.url)).read_text() for statement in statements)
    assert not broken_links(root)


# --- a commentary's topic ----------------------------------------------------------------------------------
def test_a_commentary_leaving_its_topic(mirror_copy, django_capture_on_commit_callbacks):
    root = live_root(mirror_copy)
    old_topic = most_named(Topic, "en")
    commentary = CommentaryPage.objects.live().filter(topic=old_topic).first()
    new_topic = Topic.objects.filter(locale=commentary.locale).exclude(pk=old_topic.pk).first()
    index = WeeklyIndexPage.objects.live().get(locale=commentary.locale)
    old_listing, new_listing = (selectors.topic_address(index, topic) for topic in (old_topic, new_topic))
    page_file = root / file_for(commentary.url)
    assert links(root, old_listing, commentary.url) and not links(root, new_listing, commentary.url)

    commentary.topic = new_topic
    with django_capture_on_commit_callbacks(execute=True):
        commentary.save_revision().publish()

    for path in listing_files(root, old_listing):
        assert relative_link(str(path.relative_to(root)), file_for(commentary.url)) not in path.read_text(), path
    assert links(root, new_listing, commentary.url)
    feeds = root / "en" / "feeds" / "topics"
    assert f"/{commentary.slug}/" not in (feeds / f"{old_topic.slug}.rss").read_text()
    assert f"/{commentary.slug}/" in (feeds / f"{new_topic.slug}.rss").read_text()
    assert html.escape(new_topic.name) in page_file.read_text()


def test_the_topic_a_commentary_had_comes_from_its_last_publication(django_capture_on_commit_callbacks):
    commentary = CommentaryPage.objects.live().filter(topic__isnull=False).first()
    first_topic = commentary.topic_id
    other = Topic.objects.filter(locale=commentary.locale).exclude(pk=first_topic).first()

    commentary.topic = other
    commentary.save_revision()  # a draft is not a publication
    assert changes.previous_topic_id(commentary) == first_topic
    revision = commentary.save_revision()
    revision.publish()
    assert changes.previous_topic_id(commentary, revision) == first_topic
    assert changes.previous_topic_id(commentary) == other.pk
