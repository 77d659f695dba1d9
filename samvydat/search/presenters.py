"""What the search page shows: results with their labels and snippets, facets with their names and links."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from samvydat.people.models import Person
from samvydat.weekly.models import Topic, Trend

from .highlight import highlight, snippet
from .models import Kind
from .selectors import Results

LANGUAGE_NAMES = dict(settings.LANGUAGES)
PEOPLE_SHOWN = 12


@dataclass
class Hit:
    url: str
    title: object
    kind: str
    kind_label: str
    date: object
    language: str
    language_name: str
    topic_name: str
    trend: str
    trend_label: str
    snippet: object


def hits(results: Results, *, language: str) -> list[Hit]:
    kinds = dict(Kind.choices)
    trends = dict(Trend.choices)
    topics = _names(Topic, {d.topic for d in results.documents if d.topic}, language)
    return [
        Hit(
            url=document.url,
            title=highlight(document.title, results.groups, language=document.language),
            kind=document.kind,
            kind_label=str(kinds.get(document.kind, "")),
            date=document.date,
            language=document.language,
            language_name=LANGUAGE_NAMES.get(document.language, document.language),
            topic_name=topics.get(document.topic, document.topic_name),
            trend=document.trend,
            trend_label=str(trends.get(document.trend, "")) if document.trend else "",
            snippet=snippet(document.text, results.groups, language=document.language, fallback=document.summary),
        )
        for document in results.documents
    ]


@dataclass
class FacetLink:
    value: str
    label: str
    count: int
    selected: bool
    query_string: str


@dataclass
class Facet:
    name: str
    title: str
    links: list[FacetLink]
    selected_label: str = ""
    clear_query_string: str = ""


def facets(results: Results, params, *, language: str) -> list[Facet]:
    from django.utils.translation import gettext as _

    kinds = dict(Kind.choices)
    topics = _names(Topic, {f.value for f in results.facets.get("topic", [])} | {params.filters.topic}, language)
    people_values = results.facets.get("person", [])[:PEOPLE_SHOWN]
    selected_person = params.filters.person
    if selected_person and selected_person not in {f.value for f in people_values}:
        people_values = [f for f in results.facets.get("person", []) if f.value == selected_person] + people_values
    people = _names(Person, {f.value for f in people_values} | {selected_person}, language)
    label_of = {
        "kind": lambda value: str(kinds.get(value, value)),
        "topic": lambda value: topics.get(value, value),
        "year": lambda value: value,
        "person": lambda value: people.get(value, value),
    }
    titles = {"kind": _("Type"), "topic": _("Topic"), "year": _("Year"), "person": _("Person")}
    shown = []
    for name in ("kind", "topic", "year", "person"):
        values = people_values if name == "person" else results.facets.get(name, [])
        current = str(getattr(params.filters, name) or "")
        links = [
            FacetLink(
                value=f.value,
                label=label_of[name](f.value),
                count=f.count,
                selected=f.value == current,
                query_string=params.query_string(**{name: None if f.value == current else f.value}),
            )
            for f in values
        ]
        if links or current:
            shown.append(
                Facet(
                    name=name,
                    title=titles[name],
                    links=links,
                    selected_label=label_of[name](current) if current else "",
                    clear_query_string=params.query_string(**{name: None}) if current else "",
                )
            )
    return shown


def _names(model, slugs: set[str], language: str) -> dict[str, str]:
    """slug → name in ``language`` (falling back to any language) for topics and people."""
    slugs = {slug for slug in slugs if slug}
    if not slugs:
        return {}
    names: dict[str, str] = {}
    for slug, name, code in model.objects.filter(slug__in=slugs).values_list("slug", "name", "locale__language_code"):
        if code == language or slug not in names:
            names[slug] = name
    return names
