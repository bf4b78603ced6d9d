"""Time zones: the user's, an interview's, and the names and abbreviations people type.

Everything here is about which zone a time belongs to; :mod:`followup.dates` parses what people
type and writes times back.
"""

from __future__ import annotations

import contextlib
import os
import re
from datetime import datetime, timedelta, timezone, tzinfo

from followup.i18n import _


def zone(name: str | None) -> tzinfo:
    """The zone named ``name`` (an IANA name), or the system's zone when ``name`` is empty.

    The system's zone honours the ``TZ`` variable, then ``/etc/localtime``.
    """
    if name:
        return named_zone(name)
    env = os.environ.get("TZ", "").lstrip(":")
    if env:
        try:
            return named_zone(env)
        except ValueError:
            posix = posix_zone(env)  # a POSIX rule such as "EST5EDT,M3.2.0,M11.1.0"
            if posix is None:
                raise ValueError(
                    _("the TZ variable {value} is not a time zone").format(value=repr(env[:60]))
                ) from None
            return posix
    key = _system_zone_key()
    if key:
        return named_zone(key)  # a name that can be stored with an interview
    from dateutil import tz

    local = tz.gettz()
    return local if local is not None else timezone.utc


_POSIX_START = re.compile(r"^[A-Za-z]{3,}[+-]?[0-9]")  # a name, then its offset: EST5, UTC-3


def posix_zone(rule: str) -> tzinfo | None:
    """A POSIX ``TZ`` rule (``EST5EDT,M3.2.0,M11.1.0``, ``UTC-3``) as a zone, or None when
    RULE is none: never a file name (``foo/bar``, ``../../etc/passwd``), never an offset of
    a day or more (``UTC+99``). Offsets count as POSIX and the C library count them, hours
    west of UTC: ``UTC+3`` is three hours behind, as ``date`` shows it."""
    if not _POSIX_START.match(rule) or "/" in rule.split(",", 1)[0]:
        return None
    from dateutil import tz

    try:
        parsed = tz.tzstr(rule, posix_offset=True)
        for month in (1, 7):  # standard time and summer time both within a day of UTC
            datetime(2000, month, 1, tzinfo=parsed).utcoffset()
    except (ValueError, OverflowError, TypeError, IndexError):
        return None
    return PosixZone(parsed, rule)


class PosixZone(tzinfo):
    """A POSIX rule read by dateutil, with the PEP 495 answer for a wall-clock time the
    clocks skip, as ``zoneinfo`` gives it for a zone name: ``fold=0`` takes the offset from
    before the change, so 02:30 on a spring-forward night resolves forward to 03:30 (dateutil
    alone resolves it backwards to 01:30, and a deadline would move earlier)."""

    def __init__(self, rule: tzinfo, text: str) -> None:
        self._rule = rule
        self._text = text

    def _probe(self, dt: datetime) -> datetime:
        """``dt`` as the rule reads it: moved a day off when the clocks skip it."""
        from dateutil import tz

        local = dt.replace(tzinfo=self._rule)
        if tz.datetime_exists(local):
            return local
        return local + timedelta(days=1 if dt.fold else -1)

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        if dt is None:
            return self._rule.utcoffset(None)
        return self._rule.utcoffset(self._probe(dt))

    def dst(self, dt: datetime | None) -> timedelta | None:
        if dt is None:
            return self._rule.dst(None)
        return self._rule.dst(self._probe(dt))

    def tzname(self, dt: datetime | None) -> str | None:
        if dt is None:
            return self._rule.tzname(None)
        return self._rule.tzname(self._probe(dt))

    def fromutc(self, dt: datetime) -> datetime:
        return self._rule.fromutc(dt.replace(tzinfo=self._rule)).replace(tzinfo=self)

    def __repr__(self) -> str:
        return f"PosixZone({self._text!r})"


def named_zone(name: str) -> tzinfo:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(
            _("{name} is not a time zone name such as Europe/Paris or Asia/Shanghai").format(
                name=repr(name[:60])
            )
        ) from None


# Zone names the tz database keeps only for old systems: fixed offsets or US rules that no
# place follows as such. A profile names the place instead.
DEPRECATED_ZONES = {
    "EST": "America/New_York (or America/Panama, which keeps -05:00 all year)",
    "MST": "America/Denver (or America/Phoenix, which keeps -07:00 all year)",
    "HST": "Pacific/Honolulu",
    "EST5EDT": "America/New_York",
    "CST6CDT": "America/Chicago",
    "MST7MDT": "America/Denver",
    "PST8PDT": "America/Los_Angeles",
    "CET": "Europe/Paris, Europe/Berlin or another city's name",
    "MET": "Europe/Paris, Europe/Berlin or another city's name",
    "EET": "Europe/Athens, Europe/Helsinki or another city's name",
    "WET": "Europe/Lisbon",
}


def profile_zone(name: str) -> tzinfo:
    """A zone for the profile: an IANA name of a place, not a deprecated fixed-offset alias."""
    suggestion = DEPRECATED_ZONES.get(name.strip().upper())
    if suggestion:
        raise ValueError(
            _(
                "{name} is a deprecated zone name that ignores the local rules; give the "
                "place instead, e.g. {suggestion}"
            ).format(name=repr(name.strip()), suggestion=suggestion)
        )
    return named_zone(name.strip())


# Abbreviations people type after a time, and the offsets each names. One offset: honoured.
# Several: refused, naming them, since a wrong guess puts the wrong time in a letter.
ABBREVIATIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "UTC": (("+00:00", "UTC"),),
    "GMT": (("+00:00", "UTC"),),
    "EST": (("-05:00", "America/New_York"),),
    "EDT": (("-04:00", "America/New_York"),),
    "CDT": (("-05:00", "America/Chicago"),),
    "MST": (("-07:00", "America/Denver"),),
    "MDT": (("-06:00", "America/Denver"),),
    "PST": (("-08:00", "America/Los_Angeles"),),
    "PDT": (("-07:00", "America/Los_Angeles"),),
    "AKST": (("-09:00", "America/Anchorage"),),
    "AKDT": (("-08:00", "America/Anchorage"),),
    "HST": (("-10:00", "Pacific/Honolulu"),),
    "NST": (("-03:30", "America/St_Johns"),),
    "NDT": (("-02:30", "America/St_Johns"),),
    "BRT": (("-03:00", "America/Sao_Paulo"),),
    "WET": (("+00:00", "Europe/Lisbon"),),
    "WEST": (("+01:00", "Europe/Lisbon"),),
    "CET": (("+01:00", "Europe/Paris"),),
    "CEST": (("+02:00", "Europe/Paris"),),
    "EET": (("+02:00", "Europe/Athens"),),
    "EEST": (("+03:00", "Europe/Athens"),),
    "MSK": (("+03:00", "Europe/Moscow"),),
    "PKT": (("+05:00", "Asia/Karachi"),),
    "NPT": (("+05:45", "Asia/Kathmandu"),),
    "ICT": (("+07:00", "Asia/Bangkok"),),
    "WIB": (("+07:00", "Asia/Jakarta"),),
    "SGT": (("+08:00", "Asia/Singapore"),),
    "HKT": (("+08:00", "Asia/Hong_Kong"),),
    "AWST": (("+08:00", "Australia/Perth"),),
    "JST": (("+09:00", "Asia/Tokyo"),),
    "KST": (("+09:00", "Asia/Seoul"),),
    "ACST": (("+09:30", "Australia/Adelaide"),),
    "ACDT": (("+10:30", "Australia/Adelaide"),),
    "AEST": (("+10:00", "Australia/Sydney"),),
    "AEDT": (("+11:00", "Australia/Sydney"),),
    "NZST": (("+12:00", "Pacific/Auckland"),),
    "NZDT": (("+13:00", "Pacific/Auckland"),),
    "SAST": (("+02:00", "Africa/Johannesburg"),),
    "WAT": (("+01:00", "Africa/Lagos"),),
    "CAT": (("+02:00", "Africa/Maputo"),),
    "EAT": (("+03:00", "Africa/Nairobi"),),
    "CST": (
        ("-06:00", "America/Chicago"),
        ("+08:00", "Asia/Shanghai"),
        ("-05:00", "America/Havana"),
    ),
    "IST": (
        ("+05:30", "Asia/Kolkata"),
        ("+01:00", "Europe/Dublin"),
        ("+02:00", "Asia/Jerusalem"),
    ),
    "BST": (("+01:00", "Europe/London"), ("+06:00", "Asia/Dhaka")),
    "AST": (("-04:00", "America/Halifax"), ("+03:00", "Asia/Riyadh")),
    "ADT": (("-03:00", "America/Halifax"), ("+04:00", "Asia/Baghdad")),
    "GST": (("+04:00", "Asia/Dubai"), ("-02:00", "Atlantic/South_Georgia")),
    "IDT": (("+03:00", "Asia/Jerusalem"), ("+01:00", "Europe/Dublin")),
    "MYT": (("+08:00", "Asia/Kuala_Lumpur"),),
    "PHT": (("+08:00", "Asia/Manila"),),
}
_OFFSET = re.compile(r"^(?:UTC|GMT)?([+-])(\d{2}):?(\d{2})$", re.I)


def offset_zone(text: str) -> tzinfo | None:
    """``+05:30`` (also ``UTC+05:30``, ``-0500``) as a fixed-offset zone, or None."""
    match = _OFFSET.match(text.strip())
    if not match:
        return None
    hours, minutes = int(match[2]), int(match[3])
    if hours > 23 or minutes > 59:
        return None
    delta = timedelta(hours=hours, minutes=minutes)
    return timezone(-delta if match[1] == "-" else delta)


def zone_name(tz: tzinfo, at: datetime | None = None) -> str | None:
    """What to store for a zone: its IANA name, ``+05:30`` for a fixed offset, None when
    the zone has no name that can be read back (a POSIX rule in TZ)."""
    key = getattr(tz, "key", None)
    if key:
        return str(key)
    if isinstance(tz, timezone):
        return offset_text(tz.utcoffset(None))
    return None


def _system_zone_key() -> str | None:
    """The IANA name of the system's zone, when TZ or /etc/localtime names one."""
    env = os.environ.get("TZ", "").lstrip(":")
    if env:
        try:
            named_zone(env)
        except ValueError:
            return None
        return env
    with contextlib.suppress(OSError):
        target = os.path.realpath("/etc/localtime")
        if "zoneinfo/" in target:
            key = target.split("zoneinfo/", 1)[1]
            with contextlib.suppress(ValueError):
                named_zone(key)
                return key
    return None


def offset_text(delta: timedelta | None) -> str:
    """``+05:30``: an offset from UTC as people write it."""
    minutes = int((delta or timedelta(0)).total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def stored_zone(name: str | None) -> tzinfo | None:
    """The zone an interview was recorded in (an IANA name or ``+05:30``), or None when it
    has none, or one this machine cannot read."""
    if not name:
        return None
    fixed = offset_zone(name)
    if fixed is not None:
        return fixed
    try:
        return named_zone(name)
    except ValueError:
        return None


def interview_zone(name: str | None, fallback: tzinfo) -> tzinfo:
    """The zone an interview was recorded in, else ``fallback``."""
    return stored_zone(name) or fallback


def same_zone(first: tzinfo, second: tzinfo) -> bool:
    """Whether two zones are the same zone (by name, or as the same fixed offset)."""
    if first is second:
        return True
    a, b = zone_name(first), zone_name(second)
    return a is not None and a == b


def label(tz: tzinfo, at: datetime | None = None) -> str:
    """``Asia/Kolkata`` or ``UTC+05:30``: a zone as a short label for a marked time."""
    key = getattr(tz, "key", None)
    if key:
        return str(key)
    return f"UTC{offset_text(at.astimezone(tz).utcoffset() if at else tz.utcoffset(None))}"
