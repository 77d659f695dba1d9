"""The synthetic benchmark corpus: deterministic, shaped like the archive, and a valid content package."""

from collections import Counter, defaultdict
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from samvydat.packages.corpus import PEOPLE, TOPICS, CorpusError, corpus_generate, inflect, section_counts
from samvydat.packages.reader import PAGE_SECTIONS, read_package
from samvydat.packages.services import package_import

ITEMS = 20


def _files(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("corpus")
    corpus_generate(path=path, items=ITEMS, seed=7)
    return path


def test_the_same_seed_gives_the_same_bytes(corpus, tmp_path):
    corpus_generate(path=tmp_path / "again", items=ITEMS, seed=7)
    corpus_generate(path=tmp_path / "other", items=ITEMS, seed=8)
    assert _files(tmp_path / "again") == _files(corpus)
    assert _files(tmp_path / "other") != _files(corpus)


def test_the_corpus_reads_without_problems_and_has_the_archive_s_shape(corpus):
    items, problems = read_package(corpus)
    assert problems == []
    pages = [item for item in items if item.section in PAGE_SECTIONS]
    languages = defaultdict(set)
    for item in pages:
        languages[(item.section, item.key)].add(item.lang)
    assert len(languages) == ITEMS
    assert Counter(section for section, _key in languages) == section_counts(ITEMS)
    assert all("en" in langs for langs in languages.values())
    assert sum(len(langs) == 3 for langs in languages.values()) > ITEMS // 2
    for item in pages:
        assert 150 <= len(item.doc.body.split()) <= 700, item.path
    weekly = [item for item in pages if item.section == "weekly"]
    assert {item.meta["topic"] for item in weekly} <= set(TOPICS)
    assert all(1 <= len(item.meta["authors"]) <= 2 for item in weekly)
    for week in {item.meta["week"] for item in weekly}:
        assert week.weekday() == 0
    for plan in (item for item in pages if item.section == "plans"):
        assert (plan.path.parent / plan.meta["pdf"]).read_bytes().startswith(b"%PDF-1.4")


def test_people_come_with_their_spellings(corpus):
    items, _problems = read_package(corpus)
    people = {item.key: item for item in items if item.section == "people" and item.lang == "en"}
    assert len([key for key, item in people.items() if item.meta["kind"] == "person"]) >= 30
    assert {"Lukashenko", "Лукашэнка", "Лукашенко"} <= set(people["lukashenka"].meta["aliases"])
    assert len(PEOPLE) >= 30


def test_surnames_are_inflected_in_belarusian_and_russian():
    assert inflect("Лукашэнка", "be", "m", "gen") == "Лукашэнкі"
    assert inflect("Лукашенко", "ru", "m", "gen") == "Лукашенко"
    assert inflect("Ціханоўская", "be", "f", "ins") == "Ціханоўскай"
    assert inflect("Протасевич", "ru", "m", "ins") == "Протасевичем"
    assert inflect("Алексиевич", "ru", "f", "gen") == "Алексиевич"
    assert inflect("Lukashenka", "en", "m", "gen") == "Lukashenka"


def test_an_existing_package_is_not_overwritten_by_accident(corpus):
    with pytest.raises(CorpusError):
        corpus_generate(path=corpus, items=ITEMS, seed=7)


def test_the_command_writes_the_package(tmp_path):
    call_command("generate_corpus", "--items", "6", "--seed", "3", str(tmp_path), verbosity=0)
    assert len(list(tmp_path.glob("content/*/*.md"))) > 6
    with pytest.raises(CommandError):
        call_command("generate_corpus", "--items", "6", str(tmp_path), verbosity=0)
    call_command("generate_corpus", "--items", "6", "--overwrite", str(tmp_path), verbosity=0)


@pytest.mark.django_db
@pytest.mark.parametrize("revisions", [True, False])
def test_the_corpus_imports_and_its_pages_render(corpus, client, revisions):
    from samvydat.discussions.models import DiscussionPage
    from samvydat.news.models import NewsPage
    from samvydat.weekly.models import CommentaryPage, WeeklyIssuePage

    report = package_import(path=corpus, revisions=revisions)
    assert report.items == len(list(corpus.glob("content/*/*.md")))
    assert report.skipped == []
    assert NewsPage.objects.filter(package_key__startswith="c-news-").exists()
    issue = WeeklyIssuePage.objects.live().filter(locale__language_code="en").order_by("-week_start").first()
    pages = [
        "/en/",
        "/en/news/",
        issue.url,
        CommentaryPage.objects.child_of(issue).live().first().url,
        DiscussionPage.objects.filter(package_key__startswith="c-discussion-").live().first().url,
        NewsPage.objects.filter(package_key__startswith="c-news-", locale__language_code="ru").live().first().url,
    ]
    for url in pages:
        assert client.get(url).status_code == 200, url
