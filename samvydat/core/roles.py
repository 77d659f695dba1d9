"""Editorial roles: the groups editors are put in, with their permissions.

Wagtail's own migrations create "Editors" and "Moderators" (publish anywhere, approve in the
"Moderators approval" workflow). samvydat adds:

* "Authors" — write and submit pages in any language, but not publish;
* Editors and Moderators may also translate anything into any language ("Translate into …"), add and
  edit the people, organisations and topics of every language, and confirm whom a page writes about;
* "Translators (en|be|ru)" — create translations and edit and publish the pages of one language tree,
  and the people, organisations and topics of their language (translations/snippet_permissions.py limits
  the snippet model permissions below to the translator's languages).
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Page

AUTHORS = "Authors"
EDITOR_GROUPS = ("Editors", "Moderators")
TRANSLATORS = "Translators ({code})"

_SNIPPET_PERMISSIONS = [
    ("people", "add_person"),
    ("people", "change_person"),
    ("people", "add_organisation"),
    ("people", "change_organisation"),
    ("weekly", "add_topic"),
    ("weekly", "change_topic"),
]


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _grant_pages(group: Group, page: Page, codenames: list[str]) -> None:
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_permission("wagtailcore", codename)
        )


@transaction.atomic
def roles_ensure(*, homes: dict[str, Page]) -> list[Group]:
    """Create or complete the samvydat groups; idempotent."""
    access_admin = _permission("wagtailadmin", "access_admin")
    groups = []

    authors, _created = Group.objects.get_or_create(name=AUTHORS)
    authors.permissions.add(access_admin, _permission("wagtailimages", "add_image"))
    for home in homes.values():
        _grant_pages(authors, home, ["add_page", "change_page"])
    groups.append(authors)

    submit_translation = _permission("simple_translation", "submit_translation")
    snippet_permissions = [_permission(app, codename) for app, codename in _SNIPPET_PERMISSIONS]
    confirm_mention = _permission("people", "confirm_mention")
    for editors in Group.objects.filter(name__in=EDITOR_GROUPS):  # Wagtail's groups translate too, snippets too
        editors.permissions.add(submit_translation, confirm_mention, *snippet_permissions)
    for code, _name in settings.LANGUAGES:
        translators, _created = Group.objects.get_or_create(name=TRANSLATORS.format(code=code))
        translators.permissions.add(
            access_admin, submit_translation, _permission("wagtailimages", "add_image"), *snippet_permissions
        )
        if code in homes:
            _grant_pages(translators, homes[code], ["add_page", "change_page", "publish_page"])
        groups.append(translators)
    return groups
