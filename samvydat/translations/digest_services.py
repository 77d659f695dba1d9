"""The daily digest: each language's translators hear what became outdated there (docs/translation.md, "Digest mail").

Run once a day (``manage.py translation_digest`` from cron or a systemd timer, like ``publish_scheduled``). An
item is in a digest when its translation is outdated, its source was published in the last day (snippets keep
no dates: when first seen outdated) and no earlier digest reported that version of the source
(``OutdatedNotice``): running twice sends nothing new, and nothing is sent when nothing changed.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from samvydat.core.roles import TRANSLATORS

from .models import OutdatedNotice
from .selectors import TranslationRow, content_languages, source_digests, translation_rows
from .sources import basis_content_type
from .status import Status

WINDOW = datetime.timedelta(days=1)


@dataclass
class DigestItem:
    row: TranslationRow
    source_digest: str
    edit_url: str
    changes_url: str


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _items(language: str, *, now: datetime.datetime) -> list[DigestItem]:
    from wagtail.models import Page

    from .admin_views import changes_url, edit_url

    rows = translation_rows(language=language, status=Status.OUTDATED)
    digests = source_digests()
    items = []
    for row in rows:
        if row.since is not None and row.since < now - WINDOW:
            continue
        source_digest = digests.get((Page if row.is_page else row.model, row.source_id))
        if not source_digest:
            continue
        items.append(
            DigestItem(
                row=row,
                source_digest=source_digest,
                edit_url=_absolute(edit_url(row.model, row.translation_id)),
                changes_url=_absolute(changes_url(row)),
            )
        )
    sent = set(
        OutdatedNotice.objects.filter(
            locale__language_code=language, translation_key__in=[item.row.translation_key for item in items]
        ).values_list("content_type_id", "translation_key", "source_digest")
    )
    return [
        item
        for item in items
        if (basis_content_type(item.row.model).pk, item.row.translation_key, item.source_digest) not in sent
    ]


def _recipients(language: str) -> list:
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=TRANSLATORS.format(code=language), email__gt="")
        .exclude(digest_preference__send_digest=False)
    )
    return list(users.distinct().order_by("pk"))


def _message(language: str, items: list[DigestItem], user) -> EmailMessage:
    with translation.override(language):
        subject = gettext("%(count)s translations became outdated") % {"count": len(items)}
        body = render_to_string(
            "translations/digest_mail.txt",
            {
                "user": user,
                "items": items,
                "language_name": translation.get_language_info(language)["name_local"],
                "report_url": _absolute(reverse("translations_status:report"))
                + f"?language={language}&status=outdated",
            },
        )
    return EmailMessage(subject=subject, body=body, to=[user.email])


def translation_digest_send(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Mail every language's translators what became outdated there; returns language → mails sent.

    The notices are written only after the mail server accepted that language's mails, so a failure
    sends the same digest again next time rather than losing it.
    """
    now = now or timezone.now()
    sent: dict[str, int] = {}
    for language in content_languages():
        items = _items(language, now=now)
        recipients = _recipients(language)
        if not items or not recipients:
            continue
        with get_connection() as connection:
            connection.send_messages([_message(language, items, user) for user in recipients])
        with transaction.atomic():
            locale_id = _locale_id(language)
            OutdatedNotice.objects.bulk_create(
                [
                    OutdatedNotice(
                        content_type=basis_content_type(item.row.model),
                        translation_key=item.row.translation_key,
                        locale_id=locale_id,
                        source_digest=item.source_digest,
                        sent_at=now,
                    )
                    for item in items
                ],
                ignore_conflicts=True,
            )
        sent[language] = len(recipients)
    return sent


def _locale_id(language: str) -> int:
    from wagtail.models import Locale

    return Locale.objects.get(language_code=language).pk
