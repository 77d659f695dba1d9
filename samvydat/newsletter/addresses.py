"""Checking and normalising the addresses readers type, with messages that say what is wrong."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext_lazy as _

MAX_LENGTH = 254  # RFC 5321: a path is at most 256 octets including the angle brackets
_LOCAL_PART_MAX = 64
_validator = EmailValidator()
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class InvalidAddress(ValueError):
    """The address cannot be used; ``message`` says why, in the reader's language."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def address_normalise(raw: str) -> str:
    """The address as we store and index it: trimmed, domain lower-cased and IDNA-encoded.

    The local part keeps its case (RFC 5321 lets a server tell ``Ann`` from ``ann``), but the blind index is taken
    of the fully lower-cased form (``address_index_form``) so that ``Ann@x`` and ``ann@x`` are one subscriber.
    """
    if not isinstance(raw, str):
        raise InvalidAddress(_("Enter an email address."))
    address = raw.strip()
    if not address:
        raise InvalidAddress(_("Enter an email address."))
    if _CONTROL.search(address):
        raise InvalidAddress(_("The address contains a line break or another control character."))
    if len(address) > MAX_LENGTH:
        raise InvalidAddress(_("The address is too long (at most 254 characters)."))
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain:
        raise InvalidAddress(_("Enter an email address like name@example.org."))
    if not local.isascii():
        raise InvalidAddress(_("Addresses with non-Latin letters before the @ cannot receive our mail yet."))
    if len(local) > _LOCAL_PART_MAX:
        raise InvalidAddress(_("The part before the @ is too long (at most 64 characters)."))
    try:
        domain = domain.rstrip(".").encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise InvalidAddress(_("The part after the @ is not a valid domain name.")) from None
    address = f"{local}@{domain}"
    if len(address) > MAX_LENGTH:
        raise InvalidAddress(_("The address is too long (at most 254 characters)."))
    try:
        _validator(address)
    except ValidationError:
        raise InvalidAddress(_("Enter an email address like name@example.org.")) from None
    return address


def address_index_form(address: str) -> str:
    """The form the blind index is computed from: one subscriber per case-insensitive address."""
    return address.lower()


# Providers known to ignore dots in the local part (and their alias domains, mapped to one).
_DOTS_IGNORED = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}


def mailbox_owner(address: str) -> str:
    """Who reads the mail: the address lower-cased, ``+tag`` stripped, dots dropped where the provider ignores them.

    ``Ann.Lee+news@GoogleMail.com`` and ``annlee+x@gmail.com`` reach one person. Used only for the caps on
    confirmation mails (a flood of ``a+1@x``, ``a+2@x``… is one mailbox), never stored or used to send.
    """
    local, _at, domain = address.lower().rpartition("@")
    local = local.split("+", 1)[0] or local
    domain = domain.rstrip(".")
    if domain in _DOTS_IGNORED:
        domain = _DOTS_IGNORED[domain]
        local = local.replace(".", "") or local
    return f"{local}@{domain}"


# Anything shaped like an address (with or without angle brackets), as SMTP servers quote recipients in replies.
_ADDRESS_SHAPED = re.compile(r"[^\s<>()\[\]\"',;:@]+@(?:\[[^\]\s]*\]|[^\s<>()\[\]\"',;:@]+)")


def addresses_scrubbed(text: str) -> str:
    """``text`` with every address-shaped part replaced by ``<address>``: for what we store or log from servers."""
    return _ADDRESS_SHAPED.sub("<address>", str(text))
