"""The "Background tasks" report: what is waiting, running or failed, so editors know why a PDF is not there yet."""

from django.utils.translation import gettext_lazy as _
from django_tasks.base import TaskResultStatus
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView

from . import selectors


class StatusColumn(Column):
    def get_value(self, instance):
        if instance.status == TaskResultStatus.RUNNING and instance in self.stalled:
            return _("Running for a long time: its worker may have stopped")
        return instance.get_status_display()


class TaskReportView(ReportView):
    page_title = _("Background tasks")
    header_icon = "tasks"
    index_url_name = "samvydat_task_report"
    index_results_url_name = "samvydat_task_report_results"
    paginate_by = 50

    def get_queryset(self):
        return selectors.task_results_recent()

    @property
    def columns(self):
        status = StatusColumn("status", label=_("Status"))
        status.stalled = set(selectors.task_results_stalled())
        return [
            Column("task_name", label=_("Task")),
            status,
            DateColumn("enqueued_at", label=_("Queued")),
            DateColumn("started_at", label=_("Started")),
            DateColumn("finished_at", label=_("Finished")),
            Column("exception_class_path", label=_("Error")),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["counts"] = selectors.task_counts()
        return context
