"""Encrypted files written before files were dated by the day: date them midnight UTC of their submission's day
(their modification times told the arrival to the nanosecond). Rows are unchanged: ``received_on`` is a day."""

import datetime
import os
from pathlib import Path

from django.conf import settings
from django.db import migrations


def files_dated(apps, schema_editor):
    SubmissionFile = apps.get_model("submissions", "SubmissionFile")
    root = Path(settings.SUBMISSIONS_ROOT)
    if not root.is_dir():
        return
    for stored_as, day in SubmissionFile.objects.values_list("stored_as", "submission__received_on").iterator():
        midnight = datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC).timestamp()
        path = root / stored_as
        if path.is_file():
            os.utime(path, (midnight, midnight))
    today = datetime.datetime.now(datetime.UTC).date()
    midnight = datetime.datetime(today.year, today.month, today.day, tzinfo=datetime.UTC).timestamp()
    os.utime(root, (midnight, midnight))


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0001_initial"),
    ]

    operations = [migrations.RunPython(files_dated, migrations.RunPython.noop)]
