"""What a campaign says (digest or page, per language) and the bytes of each message sent to a reader.

A campaign is rendered once, when it is prepared; only the reader's own links differ between messages, so the
per-message work is a string replacement, a base64 encoding and a few headers (``MessageFactory``).
"""

import base64
import datetime
import secrets
from dataclasses import dataclass
from email.header import Header
from email.utils import format_datetime, formataddr, parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac

from .tokens import manage_token

MANAGE_URL_MARK = "__SAMVYDAT_MANAGE_URL__"
UNSUBSCRIBE_URL_MARK = "__SAMVYDAT_UNSUBSCRIBE_URL__"
_TOKEN_MARK = "__TOKEN__"


@dataclass(frozen=True)
class RenderedMail:
    subject: str
    html: str
    text: str


def base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def page_absolute_url(page) -> str:
    _site_id, _root, path = page.specific.get_url_parts() or (None, None, None)
    return base_url() + (path or "/")


def link_prefix(view_name: str, language: str) -> str:
    """The absolute address of a token view with ``__TOKEN__`` where the token goes."""
    with translation.override(language):
        return base_url() + reverse(view_name, kwargs={"token": _TOKEN_MARK})


def subject_clean(subject: str) -> str:
    """One line, no control characters (a subject is a header: no CR/LF injection)."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in subject).split())[:200]


def digest_render(*, issue, language: str) -> RenderedMail:
    """The weekly digest of one issue in one language: each commentary with topic, trend, lead and link."""
    from samvydat.weekly.models import Trend

    with translation.override(language):
        items = [
            {
                "title": commentary.title,
                "topic": commentary.glance_topic.name if commentary.glance_topic else "",
                "trend": commentary.trend,
                "trend_label": Trend(commentary.trend).label if commentary.trend else "",
                "lead": commentary.summary,
                "url": page_absolute_url(commentary),
            }
            for commentary in issue.commentaries()
        ]
        context = {
            "language": language,
            "title": issue.title,
            "lead": issue.summary,
            "url": page_absolute_url(issue),
            "items": items,
            "manage_url": MANAGE_URL_MARK,
            "unsubscribe_url": UNSUBSCRIBE_URL_MARK,
        }
        return RenderedMail(
            subject=subject_clean(f"{issue.title}: {issue.week_label}"),
            html=render_to_string("newsletter/mail/digest.html", context),
            text=render_to_string("newsletter/mail/digest.txt", context),
        )


def page_render(*, page) -> RenderedMail:
    """An announcement of any page (a statement, a plan, news): its title, lead and a link."""
    page = page.specific
    language = page.locale.language_code
    with translation.override(language):
        context = {
            "language": language,
            "title": page.title,
            "lead": getattr(page, "summary", "") or page.search_description,
            "url": page_absolute_url(page),
            "items": [],
            "manage_url": MANAGE_URL_MARK,
            "unsubscribe_url": UNSUBSCRIBE_URL_MARK,
        }
        return RenderedMail(
            subject=subject_clean(page.title),
            html=render_to_string("newsletter/mail/page.html", context),
            text=render_to_string("newsletter/mail/page.txt", context),
        )


def _b64(text: str) -> str:
    return base64.encodebytes(text.encode()).decode("ascii").replace("\n", "\r\n")


def mail_domain() -> str:
    address = parseaddr(settings.NEWSLETTER_FROM_EMAIL)[1]
    return address.rpartition("@")[2] or urlsplit(base_url()).hostname or "localhost"


def message_id(*, campaign_uuid, delivery_id: int) -> str:
    """Deterministic: a delivery sent twice (a crash between acceptance and commit) carries one Message-ID.

    An HMAC (``SECRET_KEY``) of the campaign's random UUID and the delivery, at the mail domain: it names neither
    the server (Python's and Django's default ``make_msgid`` put its FQDN and process id there, which locates an
    origin hidden behind a CDN or an onion service) nor the delivery's number (a count of subscribers).
    """
    value = f"{campaign_uuid.hex}.{delivery_id}"
    digest = salted_hmac("samvydat.newsletter.message-id", value, algorithm="sha256").hexdigest()[:32]
    return f"<{digest}@{mail_domain()}>"


def message_id_random() -> str:
    """A Message-ID for a one-off mail (confirmation, test copy): random, at the mail domain, nothing else."""
    return f"<{secrets.token_hex(16)}@{mail_domain()}>"


class MessageFactory:
    """Builds the RFC 5322 bytes of one campaign's message for one reader, fast."""

    def __init__(self, campaign, *, subject_prefix: str = ""):
        self.campaign = campaign
        self.language = campaign.language
        name, address = parseaddr(settings.NEWSLETTER_FROM_EMAIL)
        self.sender = address
        self.from_header = formataddr((name, address))  # RFC 2047-encodes a non-ASCII name
        subject = subject_clean(subject_prefix + campaign.subject)
        self.subject_header = Header(subject, "utf-8").encode(linesep="\r\n") if not subject.isascii() else subject
        self.manage_prefix = link_prefix("newsletter:manage", self.language)
        self.unsubscribe_prefix = link_prefix("newsletter:unsubscribe", self.language)
        self.html = campaign.html_body
        self.text = campaign.text_body
        self.list_id = f"<{self.language}.newsletter.{mail_domain()}>"
        self.boundary = f"=_samvydat_{campaign.uuid.hex}"

    def links(self, *, public_id: str, nonce: str) -> tuple[str, str]:
        token = manage_token(public_id=public_id, nonce=nonce)
        return self.manage_prefix.replace(_TOKEN_MARK, token), self.unsubscribe_prefix.replace(_TOKEN_MARK, token)

    def build(self, *, recipient: str, message_id: str, manage_url: str, unsubscribe_url: str, date=None) -> bytes:
        date = date or timezone.now()
        text = self.text.replace(MANAGE_URL_MARK, manage_url).replace(UNSUBSCRIBE_URL_MARK, unsubscribe_url)
        html = self.html.replace(MANAGE_URL_MARK, manage_url).replace(UNSUBSCRIBE_URL_MARK, unsubscribe_url)
        boundary = self.boundary
        return (
            f"From: {self.from_header}\r\n"
            f"To: {recipient}\r\n"
            f"Subject: {self.subject_header}\r\n"
            f"Date: {format_datetime(date.astimezone(datetime.UTC))}\r\n"
            f"Message-ID: {message_id}\r\n"
            f"List-Id: {self.list_id}\r\n"
            f"List-Unsubscribe: <{unsubscribe_url}>\r\n"
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
            f"Content-Language: {self.language}\r\n"
            "Auto-Submitted: auto-generated\r\n"
            "MIME-Version: 1.0\r\n"
            f'Content-Type: multipart/alternative; boundary="{boundary}"\r\n'
            "\r\n"
            f"--{boundary}\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n"
            f"{_b64(text)}"
            f"--{boundary}\r\n"
            "Content-Type: text/html; charset=utf-8\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n"
            f"{_b64(html)}"
            f"--{boundary}--\r\n"
        ).encode("ascii")
