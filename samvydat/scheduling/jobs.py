"""The periodic jobs: which management command, how often, how long a run may hold its lease.

``settings.SCHEDULED_JOBS`` (a dict name → ``{"command": [...], "every": seconds, "lease": seconds}``) replaces the
defaults below; ``SCHEDULE_DISABLED`` (a list of names) switches some off, e.g. the nightly export where no
``MIRROR_ROOT`` is set. Times are seconds.
"""

from dataclasses import dataclass

from django.conf import settings

MINUTE, HOUR, DAY = 60, 3600, 86400


@dataclass(frozen=True)
class Job:
    name: str
    command: tuple[str, ...]
    every: int
    lease: int

    def __post_init__(self):
        if self.every <= 0 or self.lease <= 0 or not self.command:
            raise ValueError(f"scheduled job {self.name!r}: a command, and 'every' and 'lease' above zero")


def default_jobs() -> dict[str, dict]:
    jobs = {
        # Wagtail's scheduled publishing (go-live and expiry times set in the admin).
        "publish_scheduled": {"command": ["publish_scheduled"], "every": MINUTE, "lease": 30 * MINUTE},
        # Newsletter campaigns whose time has come; stalled sends resumed.
        "send_campaigns": {"command": ["send_campaign", "--due"], "every": MINUTE, "lease": 2 * HOUR},
        # Background tasks left running by a worker that died.
        "requeue_stalled_tasks": {"command": ["requeue_stalled_tasks"], "every": 5 * MINUTE, "lease": 30 * MINUTE},
        # Readers' moderated comments past their keeping time.
        "purge_reader_comments": {"command": ["purge_reader_comments"], "every": DAY, "lease": HOUR},
        # Each language's translators get what became outdated there.
        "translation_digest": {"command": ["translation_digest"], "every": DAY, "lease": HOUR},
        # Who the pages indexed lately write about, for editors to confirm; once a day every page (new spellings).
        "suggest_mentions": {"command": ["suggest_mentions", "--since-hours", "2"], "every": HOUR, "lease": HOUR},
        "suggest_mentions_all": {"command": ["suggest_mentions"], "every": DAY, "lease": 2 * HOUR},
    }
    if settings.MIRROR_ROOT:
        # The nightly full export catches what incremental updates do not cover and removes leftovers.
        jobs["mirror_full_export"] = {
            "command": ["export_mirror", settings.MIRROR_ROOT],
            "every": DAY,
            "lease": 6 * HOUR,
        }
    return jobs


def configured_jobs() -> list[Job]:
    declared = getattr(settings, "SCHEDULED_JOBS", None) or default_jobs()
    disabled = set(getattr(settings, "SCHEDULE_DISABLED", ()))
    return [
        Job(name=name, command=tuple(spec["command"]), every=int(spec["every"]), lease=int(spec.get("lease", HOUR)))
        for name, spec in declared.items()
        if name not in disabled
    ]
