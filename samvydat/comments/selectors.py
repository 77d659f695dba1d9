"""Queries for readers' comments and questions: what readers see, what moderators work through."""

from collections import Counter, defaultdict

from django.conf import settings
from django.db.models import Count

from .models import Kind, ReaderComment, Status


def shown_on(*, page, comments: bool = True, questions: bool = True) -> tuple[list, list]:
    """The approved comments under ``page`` (oldest first) and its approved questions (answered first, then taken,
    then the rest), in one query."""
    kinds = [kind for kind, wanted in ((Kind.COMMENT, comments), (Kind.QUESTION, questions)) if wanted]
    if not kinds:
        return [], []
    items = list(ReaderComment.objects.filter(page=page, kind__in=kinds, status=Status.APPROVED))
    shown_comments = [item for item in items if item.kind == Kind.COMMENT]
    shown_questions = sorted(
        (item for item in items if item.kind == Kind.QUESTION),
        key=lambda q: (not q.answered, not q.taken, q.received_at, q.pk),
    )
    return shown_comments, shown_questions


def comments_shown(*, page) -> list[ReaderComment]:
    """The approved comments under ``page``, oldest first."""
    return shown_on(page=page, questions=False)[0]


def questions_shown(*, page) -> list[ReaderComment]:
    """The approved questions for a discussion: answered first, then taken, then the rest."""
    return shown_on(page=page, comments=False)[1]


def moderation_counts() -> dict[str, Counter]:
    """Per language code: how many items wait in each status, e.g. {"be": Counter({"pending": 3})}."""
    counts: dict[str, Counter] = {code: Counter() for code, _name in settings.LANGUAGES}
    rows = ReaderComment.objects.values("page__locale__language_code", "status").annotate(n=Count("pk"))
    for row in rows:
        counts.setdefault(row["page__locale__language_code"], Counter())[row["status"]] += row["n"]
    return counts


def moderation_queue(*, language: str, status: str, kind: str | None = None):
    """The items of one language and status, with their pages; the oldest first (the queue's order)."""
    items = ReaderComment.objects.filter(page__locale__language_code=language, status=status)
    if kind:
        items = items.filter(kind=kind)
    return items.select_related("page", "replied_by").order_by("received_at", "pk")


def questions_by_discussion(*, language: str) -> list[dict]:
    """Pending and approved questions of one language, per discussion, grouped by the moderator's groups.

    ``[{"page": page, "groups": [(theme, [questions…]), …], "taken": n, "total": n}, …]``, newest discussion
    first; questions without a group come last under "".
    """
    questions = (
        ReaderComment.objects.filter(
            kind=Kind.QUESTION, page__locale__language_code=language, status__in=[Status.PENDING, Status.APPROVED]
        )
        .select_related("page")
        .order_by("theme", "received_at", "pk")
    )
    pages: dict[int, dict] = {}
    for question in questions:
        entry = pages.setdefault(question.page_id, {"page": question.page, "groups": defaultdict(list)})
        entry["groups"][question.theme].append(question)
    result = []
    for entry in pages.values():
        groups = sorted(entry["groups"].items(), key=lambda item: (item[0] == "", item[0].casefold()))
        flat = [q for _theme, qs in groups for q in qs]
        result.append(
            {
                "page": entry["page"],
                "groups": groups,
                "total": len(flat),
                "taken": sum(q.taken for q in flat),
                "answered": sum(q.answered for q in flat),
            }
        )
    return sorted(result, key=lambda entry: entry["page"].pk, reverse=True)
