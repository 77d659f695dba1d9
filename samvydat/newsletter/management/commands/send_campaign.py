"""Send a campaign in the foreground with a progress bar, or start every scheduled campaign that is due.

    manage.py send_campaign 42          # start campaign 42 if approved/scheduled, then send what remains
    manage.py send_campaign --due       # start the scheduled campaigns that are due, resume stalled ones (cron)

Safe to run beside workers and to interrupt: the campaign's lease lets one sender work at a time, and whatever
one sender leaves, the next one (this command again, or a worker's watchdog task) continues.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from samvydat.newsletter import selectors, services
from samvydat.newsletter.models import Campaign
from samvydat.newsletter.sending import campaign_send


class Command(BaseCommand):
    help = "Send a newsletter campaign with a progress bar (or --due: the scheduled campaigns whose time has come)."

    def add_arguments(self, parser):
        parser.add_argument("campaign_id", nargs="?", type=int)
        parser.add_argument("--due", action="store_true", help="start and send every scheduled campaign now due")
        parser.add_argument("--no-wait", action="store_true", help="do not wait for retries of temporary failures")

    def handle(self, *args, campaign_id=None, due=False, no_wait=False, verbosity=1, **options):
        if due == (campaign_id is not None):
            raise CommandError("Give a campaign id or --due (one of them).")
        if campaign_id is not None:
            ids = [campaign_id]
        else:
            due_ids = selectors.campaigns_due().values_list("pk", flat=True)
            ids = [*due_ids, *selectors.campaigns_stalled().values_list("pk", flat=True)]
        for pk in ids:
            self._send(pk, wait=not no_wait, show=verbosity > 0)

    def _send(self, pk: int, *, wait: bool, show: bool) -> None:
        campaign = Campaign.objects.filter(pk=pk).first()
        if campaign is None:
            raise CommandError(f"No campaign {pk}.")
        if campaign.status in {Campaign.Status.DRAFT, Campaign.Status.CANCELLED, Campaign.Status.PAUSED}:
            raise CommandError(f"Campaign {pk} is {campaign.get_status_display()}: approve or resume it first.")
        if campaign.status != Campaign.Status.SENDING:
            services.campaign_start(campaign_id=pk, force=True)
        columns = [TextColumn(f"[bold]#{pk}[/] {campaign.subject[:40]}"), BarColumn(), MofNCompleteColumn()]
        columns += [TextColumn("failed {task.fields[failed]}"), TimeRemainingColumn()]
        with Progress(*columns, disable=not show) as bar:
            progress = selectors.campaign_progress(campaign)
            job = bar.add_task("send", total=progress.total, completed=progress.done, failed=progress.failed)

            def update(progress):
                bar.update(job, total=progress.total, completed=progress.done, failed=progress.failed)

            while True:
                state = campaign_send(campaign_id=pk, on_progress=update, watchdog=False)
                update(selectors.campaign_progress(campaign))
                if state == "waiting" and wait:
                    time.sleep(30)  # temporary failures wait for their next attempt
                    continue
                if state == "busy" and wait:
                    time.sleep(5)  # another sender holds the lease; watch until it finishes or dies
                    continue
                break
        progress = selectors.campaign_progress(campaign)
        self.stdout.write(
            f"Campaign {pk}: {state}; sent {progress.sent}, failed {progress.failed}, "
            f"skipped {progress.skipped}, remaining {progress.remaining}."
        )
