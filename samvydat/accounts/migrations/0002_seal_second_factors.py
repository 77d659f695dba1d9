"""Seal every authenticator seed still stored in hex and replace every recovery code by its keyed digest.

Uses OTP_SEED_KEY (accounts.crypto): set it before migrating. Sessions verified before this migration name the old
device class, so editors enter a code once more. Going back unseals the seeds; recovery codes cannot be recovered
from their digests, so editors make a new set (Account → Two-factor authentication).
"""

from binascii import hexlify, unhexlify

from django.db import migrations

from samvydat.accounts import crypto


def seal(apps, schema_editor):
    TOTPDevice = apps.get_model("otp_totp", "TOTPDevice")
    StaticToken = apps.get_model("otp_static", "StaticToken")
    for device in TOTPDevice.objects.all().only("pk", "key"):
        if not crypto.is_sealed(device.key):
            device.key = crypto.seed_seal(unhexlify(device.key.encode()))
            device.save(update_fields=["key"])
    for token in StaticToken.objects.all():
        if not crypto.is_recovery_code_digest(token.token):
            token.token = crypto.recovery_code_digest("".join(token.token.split()).lower())
            token.save(update_fields=["token"])


def unseal(apps, schema_editor):
    TOTPDevice = apps.get_model("otp_totp", "TOTPDevice")
    for device in TOTPDevice.objects.all().only("pk", "key"):
        if crypto.is_sealed(device.key):
            device.key = hexlify(crypto.seed_open(device.key)).decode()
            device.save(update_fields=["key"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(seal, unseal)]
