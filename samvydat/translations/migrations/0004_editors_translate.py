"""Editors and Moderators may use "Translate into …" (core/roles.py grants it on new sites; this on existing ones)."""

from django.db import migrations

EDITOR_GROUPS = ("Editors", "Moderators")


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(
        content_type__app_label="simple_translation", codename="submit_translation"
    ).first()
    if permission is None:  # a new database: permissions are made after migrating, and roles_ensure grants it
        return
    for group in Group.objects.filter(name__in=EDITOR_GROUPS):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("translations", "0003_retire_cross_locale_aliases"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("simple_translation", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop, elidable=True)]
