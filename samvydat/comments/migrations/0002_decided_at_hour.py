"""Moderation times are rounded down to the hour like arrival times; existing rows are rounded too."""

from django.db import migrations, models


def _hour(moment):
    return moment.replace(minute=0, second=0, microsecond=0) if moment else moment


def times_rounded(apps, schema_editor):
    ReaderComment = apps.get_model("comments", "ReaderComment")
    changed = []
    for comment in ReaderComment.objects.only("pk", "received_at", "decided_at").iterator(chunk_size=2000):
        rounded = (_hour(comment.received_at), _hour(comment.decided_at))
        if rounded != (comment.received_at, comment.decided_at):
            comment.received_at, comment.decided_at = rounded
            changed.append(comment)
    ReaderComment.objects.bulk_update(changed, ["received_at", "decided_at"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="readercomment",
            name="decided_at",
            field=models.DateTimeField(
                blank=True, help_text="Rounded down to the hour.", null=True, verbose_name="moderated (hour)"
            ),
        ),
        migrations.RunPython(times_rounded, migrations.RunPython.noop),
    ]
