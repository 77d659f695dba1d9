"""Feeds (``/<lang>/feeds/…``), the sitemap and robots.txt. None of them touches the session: no cookie."""

import math

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from . import selectors, sitemap
from .syndication import RESPONSES


def _feed_response(request, fmt: str, build):
    respond = RESPONSES.get(fmt)
    if respond is None:
        raise Http404("No such feed format.")
    return respond(request, build())


@require_safe
def section_feed(request, name: str, fmt: str):
    """Everything (``all``) or one section: ``/en/feeds/all.rss``, ``/be/feeds/news.atom``, ``/ru/feeds/weekly.json``."""
    return _feed_response(request, fmt, lambda: selectors.section_feed(request=request, name=name))


@require_safe
def topic_feed(request, slug: str, fmt: str):
    return _feed_response(request, fmt, lambda: selectors.topic_feed(request=request, slug=slug))


@require_safe
def person_feed(request, slug: str, fmt: str):
    return _feed_response(request, fmt, lambda: selectors.person_feed(request=request, slug=slug))


@require_safe
def sitemap_xml(request, number: int | None = None):
    """``/sitemap.xml``: the URL set, or, past ``MAX_URLS``, an index of ``/sitemap-<n>.xml`` files."""
    urls = sitemap.sitemap_urls(request=request)
    parts = max(1, math.ceil(len(urls) / sitemap.MAX_URLS))
    if number is None and parts > 1:
        locations = [
            request.build_absolute_uri(reverse("sitemap_part", kwargs={"number": n})) for n in range(1, parts + 1)
        ]
        return HttpResponse(sitemap.index_xml(locations), content_type="application/xml; charset=utf-8")
    number = 1 if number is None else number
    if not 1 <= number <= parts:
        raise Http404("No such sitemap.")
    chunk = urls[(number - 1) * sitemap.MAX_URLS : number * sitemap.MAX_URLS]
    return HttpResponse(sitemap.urlset_xml(chunk), content_type="application/xml; charset=utf-8")


@require_safe
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    return render(request, "feeds/robots.txt", {"sitemap_url": sitemap_url}, content_type="text/plain; charset=utf-8")
