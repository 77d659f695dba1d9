import json

from django import template

from samvydat.security.admin_widgets import start_marker

register = template.Library()


@register.simple_tag
def panel_start_marker(panel: str, options_json: str):
    """``new InlinePanel(options)`` (or MultipleChooserPanel) as a marker instead of an inline script."""
    return start_marker(new=panel, args=[json.loads(options_json)])
