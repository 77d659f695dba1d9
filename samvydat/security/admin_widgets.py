"""Wagtail's chooser widgets (page, image, document, snippet, task) without their inline ``<script>``.

Wagtail 8.0.1's ``BaseChooser.render`` writes the widget's HTML followed by ``<script>new PageChooser(id, options);
</script>``, which the admin's Content-Security-Policy forbids (no ``'unsafe-inline'`` for scripts). ``install()``
(called from ``SecurityConfig.ready``) replaces that one method: the same HTML, then a hidden marker carrying the
constructor's name and its arguments as JSON, which ``static/security/admin-widgets.js`` starts — for the choosers
in the page and for those inserted later (a new inline panel row, a StreamField block).
"""

import json

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from wagtail.admin.widgets.chooser import BaseChooser
from wagtail.admin.widgets.workflows import AdminTaskChooser

_wagtail_render = BaseChooser.render
_ATTRIBUTE_ESCAPES = {ord("&"): "&amp;", ord("'"): "&#x27;", ord("<"): "&lt;", ord(">"): "&gt;"}


def start_marker(*, new: str = "", call: str = "", args: list) -> SafeString:
    """The hidden element admin-widgets.js starts: ``new <new>(...args)`` or ``<call>(...args)``.

    The arguments are JSON in a single-quoted attribute, so their double quotes stay literal: a new inline panel
    row replaces ``__prefix__`` up to the next quote, exactly as in Wagtail's own inline script.
    """
    attribute = "data-samvydat-new" if new else "data-samvydat-call"
    arguments = json.dumps(args).translate(_ATTRIBUTE_ESCAPES)
    return format_html('<span hidden {}="{}" data-samvydat-args=', attribute, new or call) + mark_safe(
        f"'{arguments}'></span>"
    )


def render_without_inline_script(self, name, value, attrs=None, renderer=None):
    is_task_chooser = isinstance(self, AdminTaskChooser)
    if type(self).render_js_init is not BaseChooser.render_js_init and not is_task_chooser:
        return _wagtail_render(self, name, value, attrs, renderer)  # a start-up this module does not know
    try:
        id_ = attrs["id"]
    except (KeyError, TypeError) as error:
        raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from error
    value_data = self.get_value_data(value)
    if is_task_chooser:
        marker = start_marker(call="createTaskChooser", args=[id_])
    else:
        marker = start_marker(new=self.js_constructor, args=[id_, self.get_js_init_options(id_, name, value_data)])
    return format_html("{}{}", self.render_html(name, value_data, attrs), marker)


def install() -> None:
    BaseChooser.render = render_without_inline_script
