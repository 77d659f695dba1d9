"""``manage.py mirror_status``: each target's last push (when it worked, how long, how much, what went wrong)."""

from django.core.management.base import BaseCommand

from samvydat.mirror.selectors import push_records


class Command(BaseCommand):
    help = "Show the last push to each mirror target."

    def handle(self, *args, **options):
        records = push_records()
        if not records:
            self.stdout.write("No push recorded yet.")
        for record in records:
            success = record.last_success_at.isoformat(timespec="seconds") if record.last_success_at else "never"
            state = f"FAILING: {record.error}" if record.error else "ok"
            self.stdout.write(
                f"{record.target}: {state}; last success {success}; last push {record.seconds:.1f} s, "
                f"{record.transferred} files ({record.bytes:,} bytes) sent, {record.deleted} deleted"
            )
