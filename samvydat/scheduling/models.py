"""One row per periodic job: when it is due, who holds it now (a lease) and how its last run ended.

The row is the lock: a scheduler runs a job only after an UPDATE that finds it due and not leased changed the row
(one statement, so on SQLite and PostgreSQL alike exactly one of several machines wins it). A lease expires, so a
scheduler that died (SIGKILL, a machine lost) does not keep its job for ever.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobOutcome(models.TextChoices):
    NEVER = "", _("never ran")
    RUNNING = "running", _("running")
    OK = "ok", _("finished")
    FAILED = "failed", _("failed")


class ScheduledJob(models.Model):
    name = models.CharField(_("job"), max_length=80, primary_key=True)
    due_at = models.DateTimeField(_("next run due"))
    leased_until = models.DateTimeField(_("held until"), null=True, blank=True)
    #: A random token of the scheduler process holding the lease (never a host name: it would locate the origin).
    leased_by = models.CharField(max_length=32, blank=True)
    last_started_at = models.DateTimeField(_("last started"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last finished"), null=True, blank=True)
    last_outcome = models.CharField(_("last outcome"), max_length=10, choices=JobOutcome.choices, blank=True)
    #: The exception's class only: a job's error message may name a reader (an address in an SMTP reply).
    last_error = models.CharField(_("last error"), max_length=120, blank=True)
    runs = models.PositiveIntegerField(_("runs"), default=0)

    class Meta:
        verbose_name = _("scheduled job")
        verbose_name_plural = _("scheduled jobs")

    def __str__(self):
        return self.name
