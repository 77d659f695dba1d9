"""Newsletter queries: campaign progress, subscriber counts, campaigns due."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from .models import Campaign, Delivery, Subscriber


@dataclass(frozen=True)
class CampaignProgress:
    total: int
    sent: int
    failed: int
    skipped: int

    @property
    def remaining(self) -> int:
        return self.total - self.sent - self.failed - self.skipped

    @property
    def done(self) -> int:
        return self.total - self.remaining


def campaign_progress(campaign: Campaign) -> CampaignProgress:
    counts = Delivery.objects.filter(campaign=campaign).aggregate(
        total=Count("id"),
        sent=Count("id", filter=Q(status=Delivery.Status.SENT)),
        failed=Count("id", filter=Q(status=Delivery.Status.FAILED)),
        skipped=Count("id", filter=Q(status=Delivery.Status.SKIPPED)),
    )
    return CampaignProgress(**counts)


def subscriber_counts() -> dict[str, dict[str, int]]:
    """Subscribers per language and state (numbers only: the admin never shows an address)."""
    counts: dict[str, dict[str, int]] = {}
    rows = Subscriber.objects.values("language", "status").annotate(count=Count("id")).order_by()
    for row in rows:
        counts.setdefault(row["language"], {})[row["status"]] = row["count"]
    return counts


def confirmed_recipients(language: str):
    return Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED, language=language)


def campaigns_due():
    """Scheduled campaigns whose time has come (for ``send_campaign --due`` on backends without deferral)."""
    return Campaign.objects.filter(status=Campaign.Status.SCHEDULED, scheduled_at__lte=timezone.now())


def campaigns_stalled():
    """Campaigns being sent whose sender went silent (its lease expired): ``send_campaign --due`` resumes them."""
    now = timezone.now()
    return Campaign.objects.filter(status=Campaign.Status.SENDING).filter(
        Q(lease_until__isnull=True) | Q(lease_until__lt=now)
    )
