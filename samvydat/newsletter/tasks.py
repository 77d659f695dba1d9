"""Background work for the newsletter (Django's task API; django-tasks-db in production)."""

from django_tasks import task


@task()
def digest_prepare_task(issue_id: int) -> list[int]:
    """Prepare (or refresh, while still drafts) the digest campaigns of a published weekly issue."""
    from .services import digest_prepare

    return [campaign.pk for campaign in digest_prepare(issue_id=issue_id)]


@task()
def confirmation_send_task(subscriber_id: int) -> bool:
    from .services import confirmation_send

    return confirmation_send(subscriber_id=subscriber_id)


@task()
def campaign_send_task(campaign_id: int) -> str:
    """Send a campaign. Crash-safe: see ``sending.campaign_send`` (a lease, and a watchdog task behind it)."""
    from .sending import campaign_send

    return campaign_send(campaign_id=campaign_id)


@task()
def campaign_start_task(campaign_id: int) -> str:
    """Start a scheduled campaign when it is due (queued with ``run_after`` by ``campaign_schedule``)."""
    from .services import campaign_start

    campaign = campaign_start(campaign_id=campaign_id)
    return campaign.status if campaign else "missing"
