"""Checks for the values people type: one place that says what a valid value is.

Each function returns the cleaned value or raises ``ValueError`` with a message that the
CLI shows as a usage error. Standard library only, so every command can use it cheaply.
"""

from __future__ import annotations

import re

from followup.i18n import _

LANGS = ("en", "zh", "hi")
MAX_SHORT = 200  # company, role, names: anything longer is a paste gone wrong
MAX_LONG = 10_000  # notes and other free text

EMAIL_PATTERN = r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\"]+$"
# What a one-line value (company, role, a name) and free text (notes) may hold, as patterns
# that the commands and the import (pydantic-core, transfer.models) both check: what one
# accepts, the other must read back. A tab is allowed in both; in free text line breaks too.
# A one-line value also refuses the bidirectional overrides and isolates (U+202A-202E,
# U+2066-2069), which make a name display as other text than it is.
LINE_PATTERN = r"^[^\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029\u202a-\u202e\u2066-\u2069]*$"
TEXT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
_EMAIL = re.compile(EMAIL_PATTERN)
_LINE = re.compile(LINE_PATTERN)
_TEXT = re.compile(TEXT_PATTERN)
# Every character that ends a line somewhere: CR and LF, and what Python's str.splitlines,
# mail clients and editors also break at (vertical tab, form feed, the file/group/record
# separators, NEL, and Unicode's line and paragraph separators). One definition for names,
# addresses and every header value.
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_BREAK = re.compile(f"[{LINE_BREAKS}]")


def _no_breaks(value: str) -> None:
    if _BREAK.search(value):
        raise ValueError(
            _("must be one line: line breaks are not allowed (it is used in email headers)")
        )
    if not _LINE.fullmatch(value):
        raise ValueError(_("must not contain control characters"))


def one_line(value: str, *, required: bool = True, limit: int = MAX_SHORT) -> str:
    """A one-line value such as a company, a role or a name."""
    _no_breaks(value)
    value = value.strip()
    if required and not value:
        raise ValueError(_("must not be empty"))
    if len(value) > limit:
        raise ValueError(_too_long(value, limit))
    return value


def text(value: str, *, limit: int = MAX_LONG) -> str:
    """Free text such as notes: line breaks allowed, other control characters not."""
    if not _TEXT.fullmatch(value):
        raise ValueError(_("must not contain control characters"))
    value = value.strip()
    if len(value) > limit:
        raise ValueError(_too_long(value, limit))
    return value


def email(value: str) -> str:
    value = one_line(value)
    if not _EMAIL.match(value):
        raise ValueError(
            _("{value} is not an email address like name@example.com").format(value=repr(value))
        )
    return value


def address(value: str) -> tuple[str, str]:
    """Parse ``"Name <email>"`` (or a bare email) into ``(name, email)``."""
    _no_breaks(value)
    value = value.strip()
    match = re.fullmatch(r"(?P<name>[^<>]*?)\s*<(?P<email>[^<>]*)>", value)
    if match:
        name, mail = match.group("name").strip().strip('"').strip(), match.group("email").strip()
    elif "<" in value or ">" in value:
        raise ValueError(
            _('{value} is not like "Name <name@example.com>"').format(value=repr(value))
        )
    else:
        name, mail = "", value
    if not mail:
        raise ValueError(
            _('{value} has no email address: write "Name <name@example.com>"').format(
                value=repr(value)
            )
        )
    try:
        mail = email(mail)
    except ValueError:
        raise ValueError(
            _('{value} is not an email address: write "Name <name@example.com>"').format(
                value=repr(mail)
            )
        ) from None
    return one_line(name, required=False), mail


def format_address(name: str, mail: str) -> str:
    """The inverse of :func:`address`, as people write it."""
    return f"{name} <{mail}>" if name else mail


def lang(value: str) -> str:
    value = value.strip().lower()
    if value not in LANGS:
        raise ValueError(
            _("{value} is not one of {choices}").format(value=repr(value), choices=", ".join(LANGS))
        )
    return value


def phone(value: str) -> str:
    value = one_line(value, required=False, limit=40)
    if value and not re.fullmatch(r"[0-9+()./\- x]+", value):
        raise ValueError(
            _("{value} is not a phone number like +1 555 010 0199").format(value=repr(value))
        )
    return value


def days(value: int, *, low: int = 0, high: int = 365) -> int:
    if not low <= value <= high:
        raise ValueError(_("must be between {low} and {high} days").format(low=low, high=high))
    return value


def _too_long(value: str, limit: int) -> str:
    return _("is {length} characters long; the limit is {limit}").format(
        length=len(value), limit=limit
    )
