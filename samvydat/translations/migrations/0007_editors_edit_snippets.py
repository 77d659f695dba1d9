"""Editors and Moderators may add and edit people, organisations and topics in every language, and so translate
them ("Translate into …" needs the model's add permission). core/roles.py grants it on new sites; this on
existing ones."""

from django.db import migrations

EDITOR_GROUPS = ("Editors", "Moderators")
SNIPPET_PERMISSIONS = [
    ("people", "add_person"),
    ("people", "change_person"),
    ("people", "add_organisation"),
    ("people", "change_organisation"),
    ("weekly", "add_topic"),
    ("weekly", "change_topic"),
]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = [
        permission
        for app_label, codename in SNIPPET_PERMISSIONS
        if (permission := Permission.objects.filter(content_type__app_label=app_label, codename=codename).first())
    ]
    # A new database has no permissions yet (they are made after migrating): roles_ensure grants them.
    for group in Group.objects.filter(name__in=EDITOR_GROUPS):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("translations", "0006_digestpreference"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("people", "0001_initial"),
        ("weekly", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop, elidable=True)]
