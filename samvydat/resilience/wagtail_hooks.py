from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import TaskReportView


@hooks.register("register_admin_urls")
def task_report_urls():
    return [
        path("reports/tasks/", TaskReportView.as_view(), name="samvydat_task_report"),
        path("reports/tasks/results/", TaskReportView.as_view(results_only=True), name="samvydat_task_report_results"),
    ]


@hooks.register("register_reports_menu_item")
def task_report_menu_item():
    return MenuItem(
        _("Background tasks"), reverse("samvydat_task_report"), name="background-tasks", icon_name="tasks", order=1300
    )
