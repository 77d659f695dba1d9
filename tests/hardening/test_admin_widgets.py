"""Wagtail's choosers and inline panels render no inline script (samvydat.security.admin_widgets): a marker with
the same start-up, which the admin's static script runs."""

import html
import json
import re

import pytest
from wagtail.admin.widgets import AdminPageChooser
from wagtail.images.widgets import AdminImageChooser
from wagtail.snippets.widgets import AdminSnippetChooser

from samvydat.people.models import Person
from samvydat.security.admin_widgets import start_marker

MARKER = re.compile(r"<span hidden data-samvydat-new=\"(\w+)\" data-samvydat-args='([^']*)'></span>")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("widget", "constructor"),
    [
        (AdminPageChooser(), "PageChooser"),
        (AdminImageChooser(), "ImageChooser"),
        (AdminSnippetChooser(Person), "SnippetChooser"),
    ],
)
def test_choosers_render_a_marker_instead_of_an_inline_script(widget, constructor):
    output = widget.render("target", None, attrs={"id": "id_links-__prefix__-target"})
    assert "<script" not in output
    name, arguments = MARKER.search(output).groups()
    assert name == constructor
    element_id, options = json.loads(html.unescape(arguments))
    assert element_id == "id_links-__prefix__-target"
    assert options["modalUrl"].startswith("/admin/")
    # Wagtail's new-row code replaces __prefix__ up to the next quote: the quote must be a literal one.
    assert '__prefix__-target"' in arguments


def test_marker_arguments_cannot_close_the_attribute_or_open_a_tag():
    marker = str(start_marker(new="InlinePanel", args=[{"label": "it's <b>&</b>"}]))
    assert marker.count("'") == 2 and "<b>" not in marker
    arguments = re.search(r"data-samvydat-args='([^']*)'", marker).group(1)
    assert json.loads(html.unescape(arguments)) == [{"label": "it's <b>&</b>"}]
