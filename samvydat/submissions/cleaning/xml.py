"""Editing the XML parts of office documents in place, and proving with a real parser that it worked.

The parts are edited as bytes (prefixes, declarations and ``mc:Ignorable`` lists stay exactly as Word and
LibreOffice wrote them — re-serialising with ElementTree renames prefixes and breaks the files). Every edited
part is then parsed with ``defusedxml`` (no DTD, no entities: billion-laughs and external entities are refused)
and checked by namespace and local name, so a document that binds the namespaces to unusual prefixes cannot
slip a trace past the byte-level edits: it is refused instead.
"""

import re
from collections.abc import Callable, Iterable
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.translation import gettext_lazy as _

from .errors import Refused

_VALUE = rb"""\s*=\s*(?:"[^"]*"|'[^']*')"""


def attributes_removed(content: bytes, local_names: str) -> bytes:
    """Without the attributes whose local name matches the regular expression ``local_names`` (any prefix)."""
    return re.sub(rb"\s[\w.-]+:(?:" + local_names.encode() + rb")" + _VALUE, b"", content)


def attributes_emptied(content: bytes, local_names: str) -> bytes:
    """The attributes whose local name matches ``local_names`` (any prefix) with an empty value."""
    pattern = re.compile(rb"(\s[\w.-]+:(?:" + local_names.encode() + rb"))" + _VALUE)
    return pattern.sub(lambda m: m.group(1) + b'=""', content)


def attributes_with_values_removed(content: bytes, values: Iterable[str]) -> bytes:
    """Without the prefixed attributes whose value is one of ``values`` (relationship ids that were dropped)."""
    values = sorted(values)
    if not values:
        return content
    alternatives = b"|".join(re.escape(value.encode()) for value in values)
    return re.sub(rb"""\s[\w.-]+:[\w.-]+\s*=\s*(?:"(?:""" + alternatives + rb""")"|'(?:""" + alternatives + rb""")')""",
                  b"", content)  # fmt: skip


def elements_removed(content: bytes, local_names: str) -> bytes:
    """Without the elements (empty or with content, any prefix) whose local name matches ``local_names``."""
    names = local_names.encode()
    content = re.sub(rb"<([\w.-]+:(?:" + names + rb"))\b[^>]*/>", b"", content)
    return re.sub(rb"<([\w.-]+:(?:" + names + rb"))\b[^>]*>.*?</\1\s*>", b"", content, flags=re.DOTALL)


def elements_emptied(content: bytes, local_names: str) -> bytes:
    """The elements whose local name matches ``local_names`` (any prefix) kept, their text and attributes gone."""
    pattern = re.compile(rb"<([\w.-]+:(?:" + local_names.encode() + rb"))\b[^>]*>.*?</\1\s*>", re.DOTALL)
    return pattern.sub(lambda m: b"<%s></%s>" % (m.group(1), m.group(1)), content)


def parsed(content: bytes, *, name: str) -> Element:
    try:
        return fromstring(content, forbid_dtd=True)
    except (DefusedXmlException, ParseError, ValueError, UnicodeDecodeError):
        raise Refused(_("“%(name)s” is damaged or not a readable document."), name=name) from None


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def verify(root: Element, problem: Callable[[Element], bool], *, name: str) -> None:
    """Refuse the document when ``problem`` is true of any element left after cleaning."""
    if any(problem(element) for element in root.iter()):
        raise Refused(_("“%(name)s” holds traces of its authors that we could not remove."), name=name)
