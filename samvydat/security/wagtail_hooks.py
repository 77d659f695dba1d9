from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def admin_widgets_without_inline_scripts():
    """Starts the pickers, choosers and inline panels whose inline scripts the admin's CSP blocks (admin-widgets.js)."""
    return format_html('<script src="{}"></script>', static("security/admin-widgets.js"))
