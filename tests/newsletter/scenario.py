"""Run in a subprocess against a file database (the kill test, the dump test, the benchmark).

    python tests/newsletter/scenario.py seed --confirmed N [--languages en,be,ru] [--pending P] [--unsubscribed U]
    python tests/newsletter/scenario.py seed-confirmed --address A --languages be   # one confirmed reader
    python tests/newsletter/scenario.py subscribe --address A --languages be
    python tests/newsletter/scenario.py start            # approve and start one campaign per seeded language
    python tests/newsletter/scenario.py status           # JSON: progress of every campaign

The environment says which database and settings (DATABASE_URL, DJANGO_SETTINGS_MODULE, keys, EMAIL_*).
Addresses are ``reader<n>@<language>.example.org`` (confirmed), ``waiting<n>@…`` and ``gone<n>@…``.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def seed(confirmed: int, languages: list[str], pending: int, unsubscribed: int) -> None:
    from django.utils import timezone

    from samvydat.newsletter import crypto
    from samvydat.newsletter.addresses import address_index_form
    from samvydat.newsletter.models import Subscriber

    rows = []
    gone_indexes = []
    now = timezone.now()
    for language in languages:
        groups = [
            ("reader", confirmed, "confirmed"),
            ("waiting", pending, "pending"),
            ("gone", unsubscribed, "confirmed"),
        ]
        for prefix, count, status in groups:
            for number in range(count):
                address = f"{prefix}{number}@{language}.example.org"
                if prefix == "gone":
                    gone_indexes.append(crypto.address_index(address_index_form(address)))
                rows.append(
                    Subscriber(
                        email_index=crypto.address_index(address_index_form(address)),
                        email_encrypted=crypto.address_encrypt(address),
                        language=language,
                        status=status,
                        confirmed_at=now.replace(minute=0, second=0, microsecond=0) if status == "confirmed" else None,
                    )
                )
    Subscriber.objects.bulk_create(rows, batch_size=2000)
    # The "gone" readers leave through the reader's path (their rows are deleted, as in production).
    from samvydat.newsletter import services
    from samvydat.newsletter.tokens import manage_token

    for row in Subscriber.objects.filter(email_index__in=gone_indexes):
        services.subscriber_unsubscribe(token=manage_token(public_id=row.public_id, nonce=row.manage_nonce))


def seed_refused(address: str, language: str) -> None:
    """A confirmed reader whose mail server refuses them (the dump test's canary)."""
    from samvydat.newsletter import crypto
    from samvydat.newsletter.addresses import address_index_form
    from samvydat.newsletter.models import Subscriber

    Subscriber.objects.create(
        email_index=crypto.address_index(address_index_form(address)),
        email_encrypted=crypto.address_encrypt(address),
        language=language,
        status="confirmed",
    )


def start() -> None:
    from django.template.loader import render_to_string

    from samvydat.newsletter import rendering, services
    from samvydat.newsletter.models import Campaign, Subscriber

    languages = sorted(set(Subscriber.objects.values_list("language", flat=True)))
    for language in languages:
        items = [
            {
                "title": f"Commentary {n} — Каментар {n}",
                "topic": "Economy",
                "trend": ["improved", "unchanged", "worsened"][n % 3],
                "trend_label": "The situation has not changed",
                "lead": "A lead of two sentences about the week. " * 4,
                "url": f"{rendering.base_url()}/{language}/weekly/2021-03-01/commentary-{n}/",
            }
            for n in range(6)
        ]
        context = {
            "language": language,
            "title": "Situation in Belarus: March 1 – March 7, 2021",
            "lead": "This week's analysis.",
            "url": f"{rendering.base_url()}/{language}/weekly/2021-03-01/",
            "items": items,
            "manage_url": rendering.MANAGE_URL_MARK,
            "unsubscribe_url": rendering.UNSUBSCRIBE_URL_MARK,
        }
        campaign = Campaign.objects.create(
            kind=Campaign.Kind.PAGE,
            language=language,
            subject=f"Situation in Belarus [{language}]",
            html_body=render_to_string("newsletter/mail/digest.html", context),
            text_body=render_to_string("newsletter/mail/digest.txt", context),
        )
        services.campaign_approve(campaign=campaign, user=None)
        services.campaign_start(campaign_id=campaign.pk)


def subscribe(address: str, language: str) -> None:
    """Through the reader's path: the pending subscription and its queued confirmation mail."""
    from samvydat.newsletter import services

    services.subscriber_subscribe(email=address, language=language)


def status() -> None:
    from samvydat.newsletter.models import Campaign
    from samvydat.newsletter.selectors import campaign_progress

    report = {}
    for campaign in Campaign.objects.all():
        progress = campaign_progress(campaign)
        report[campaign.pk] = {"status": campaign.status, "sent": progress.sent, "remaining": progress.remaining}
    print(json.dumps(report))


def main(argv: list[str]) -> None:
    import argparse

    import django

    django.setup()
    parser = argparse.ArgumentParser()
    parser.add_argument("action", choices=["seed", "seed-confirmed", "subscribe", "start", "status"])
    parser.add_argument("--address", default="")
    parser.add_argument("--confirmed", type=int, default=0)
    parser.add_argument("--pending", type=int, default=0)
    parser.add_argument("--unsubscribed", type=int, default=0)
    parser.add_argument("--languages", default="en")
    args = parser.parse_args(argv)
    if args.action == "seed":
        seed(args.confirmed, args.languages.split(","), args.pending, args.unsubscribed)
    elif args.action == "seed-confirmed":
        seed_refused(args.address, args.languages.split(",")[0])
    elif args.action == "subscribe":
        subscribe(args.address, args.languages.split(",")[0])
    elif args.action == "start":
        start()
    else:
        status()


if __name__ == "__main__":
    main(sys.argv[1:])
