"""Readers' comments under pages and their questions to the experts before a discussion.

What is stored is what the reader typed (text, optional display name), the page, and the hour it arrived —
no IP address, user agent, cookie or any other identifier, not even hashed. The arrival time is rounded down
to the hour so it cannot be matched to a single request in a proxy's logs; so is the moderation time (an
approval minutes after arrival would otherwise pin the arrival down).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

TEXT_MAX_LENGTH = 4000
NAME_MAX_LENGTH = 60


class Kind(models.TextChoices):
    COMMENT = "comment", _("Comment")
    QUESTION = "question", _("Question to the experts")


class Status(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SPAM = "spam", _("Spam")


class ReaderComment(models.Model):
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.COMMENT)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    display_name = models.CharField(_("display name"), max_length=NAME_MAX_LENGTH, blank=True)
    text = models.TextField(_("text"), max_length=TEXT_MAX_LENGTH)
    received_at = models.DateTimeField(_("received (hour)"), help_text=_("Rounded down to the hour."))
    decided_at = models.DateTimeField(
        _("moderated (hour)"), null=True, blank=True, help_text=_("Rounded down to the hour.")
    )
    links_allowed = models.BooleanField(
        _("links clickable"), default=False, help_text=_("Show web addresses in the text as links.")
    )
    reply = models.TextField(_("reply from the organisation"), blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Questions only: the moderator's grouping and what became of the question.
    theme = models.CharField(_("group"), max_length=100, blank=True, help_text=_("Questions with the same group."))
    taken = models.BooleanField(_("taken for the discussion"), default=False)
    answered = models.BooleanField(_("answered in the discussion"), default=False)

    class Meta:
        verbose_name = _("reader's comment or question")
        verbose_name_plural = _("readers' comments and questions")
        ordering = ["received_at", "pk"]
        indexes = [models.Index(fields=["status", "kind"]), models.Index(fields=["page", "status"])]
        permissions = [("moderate_readercomment", "Can moderate readers' comments and questions")]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_question(self) -> bool:
        return self.kind == Kind.QUESTION
