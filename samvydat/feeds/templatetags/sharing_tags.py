"""``{% sharing_meta as meta %}``: the OpenGraph, Twitter card, JSON-LD and feed links of the page being rendered."""

from django import template

from samvydat.feeds.sharing import sharing_meta as build_sharing_meta

register = template.Library()


@register.simple_tag(takes_context=True)
def sharing_meta(context):
    return build_sharing_meta(context)
