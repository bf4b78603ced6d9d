"""Dates as people type and read them, and the user's time zone.

Everything here takes ``now`` and a zone as parameters; only the CLI reads the clock.
Datetimes leave this module aware. Stored values are UTC; :func:`show` writes them back in
the user's zone with its offset.
"""

from __future__ import annotations

import calendar
import contextlib
import os
import re
from datetime import date, datetime, time, timedelta, timezone, tzinfo

_RELATIVE = re.compile(
    r"^(?P<word>now|today|tonight|yesterday|tomorrow)\b\s*(?:at\s+)?(?P<rest>.*)$", re.I
)
_DAY_SHIFT = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


FIRST_YEAR, LAST_YEAR = 1900, 2200  # beyond these a date is a typo, and date arithmetic overflows


class DateError(ValueError):
    """A date or time that cannot be understood."""


def zone(name: str | None) -> tzinfo:
    """The zone named ``name`` (an IANA name), or the system's zone when ``name`` is empty.

    The system's zone honours the ``TZ`` variable, then ``/etc/localtime``.
    """
    if name:
        return named_zone(name)
    env = os.environ.get("TZ", "").lstrip(":")
    from dateutil import tz

    if env:
        try:
            return named_zone(env)
        except ValueError:
            posix = tz.gettz(env)  # a POSIX rule such as "EST5EDT,M3.2.0,M11.1.0"
            if posix is None or env.startswith(("/", ".")) or "/" in env:
                raise ValueError(f"the TZ variable {env!r} is not a time zone") from None
            return posix
    key = _system_zone_key()
    if key:
        return named_zone(key)  # a name that can be stored with an interview
    local = tz.gettz()
    return local if local is not None else timezone.utc


def named_zone(name: str) -> tzinfo:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(
            f"{name[:60]!r} is not a time zone name such as Europe/Paris or Asia/Shanghai"
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
            f"{name.strip()!r} is a deprecated zone name that ignores the local rules; "
            f"give the place instead, e.g. {suggestion}"
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
# A zone at the end of what was typed: an IANA name (Asia/Kolkata, America/Argentina/Salta,
# UTC) or an abbreviation in capitals (EST, CST, IST).
_TRAILING_ZONE = re.compile(
    r"^(?P<rest>.*?)\s+(?P<zone>[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)+|UTC|GMT|utc|gmt"
    r"|[A-Z]{2,5})$"
)
# Capitalised words dateutil reads itself: these are not zone abbreviations.
_NOT_ZONES = {
    "AM",
    "PM",
    "AT",
    "NOON",
    *["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "SEPT", "OCT", "NOV", "DEC"],
    *["MON", "TUE", "TUES", "WED", "THU", "THUR", "THURS", "FRI", "SAT", "SUN"],
}


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


def interview_zone(name: str | None, fallback: tzinfo) -> tzinfo:
    """The zone an interview was recorded in (an IANA name or ``+05:30``), else ``fallback``."""
    if not name:
        return fallback
    fixed = offset_zone(name)
    if fixed is not None:
        return fixed
    try:
        return named_zone(name)
    except ValueError:
        return fallback


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


def normalize(moment: datetime) -> datetime:
    """Resolve a wall-clock time that does not exist (a spring-forward gap) to a real instant."""
    tz = moment.tzinfo
    assert tz is not None
    return moment.astimezone(timezone.utc).astimezone(tz)


def parse(text: str, *, now: datetime, tz: tzinfo) -> datetime:
    """Parse what a person typed into an aware datetime.

    Accepts ISO 8601, ``2026-11-20 14:00``, ``20 Nov 2026 2pm``, ``today 9am``,
    ``yesterday 15:00``, ``tomorrow``, ``now``, with or without a UTC offset, a zone
    abbreviation that names one offset (``EST``) or an IANA name (``14:00 Asia/Kolkata``).
    Without one the time is in ``tz``. A date without a time means the start of that day.
    A wall-clock time the zone skips or repeats (a daylight-saving change) is refused.
    """
    return parse_zoned(text, now=now, tz=tz)[0]


def parse_zoned(text: str, *, now: datetime, tz: tzinfo) -> tuple[datetime, tzinfo | None]:
    """:func:`parse`, and the zone the text named (an IANA name, an abbreviation's offset,
    an explicit offset), or None when it named none and ``tz`` applied."""
    raw = " ".join(text.split())
    trailing = _TRAILING_ZONE.match(raw)
    if trailing and trailing["zone"].upper() not in _NOT_ZONES:
        named = _typed_zone(trailing["zone"], text)
        if named is not None:
            moment = _parse(trailing["rest"], text, now=now, tz=named)
            if moment.tzinfo is not named:
                raise DateError(
                    f"{text!r} gives both an offset and a zone: give one, e.g. "
                    "'2026-11-20 14:00 +05:30' or '2026-11-20 14:00 Asia/Kolkata'"
                )
            return moment, named
    moment = _parse(raw, text, now=now, tz=tz)
    return moment, (None if moment.tzinfo is tz else moment.tzinfo)


def _typed_zone(word: str, original: str) -> tzinfo | None:
    """The zone a trailing word names, None when it is no zone (a word dateutil reads)."""
    if "/" in word or word.upper() in ("UTC", "GMT"):
        if word.upper() in ("UTC", "GMT"):
            return named_zone("UTC")
        try:
            return named_zone(word)
        except ValueError:
            raise DateError(
                f"{original!r}: {word!r} is not a time zone; give an IANA name such as "
                "Asia/Kolkata or an offset such as +05:30"
            ) from None
    offsets = ABBREVIATIONS.get(word)
    if offsets is None:
        raise DateError(
            f"{original!r}: {word!r} is not a time zone abbreviation I know; give an offset "
            "such as -05:00 or +08:00, or an IANA name such as America/New_York"
        )
    if len(offsets) > 1:
        choices = ", ".join(f"{offset} ({place})" for offset, place in offsets)
        raise DateError(
            f"{original!r}: {word} is ambiguous, it means {choices}; give the offset, "
            f"e.g. '{offsets[0][0]}', or an IANA name such as {offsets[0][1]}"
        )
    found = offset_zone(offsets[0][0])
    assert found is not None
    return found


def _parse(text: str, original: str, *, now: datetime, tz: tzinfo) -> datetime:
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        moment = _parse_in(text, original, now=now, tz=tz)
    if any(type(w.message).__name__ == "UnknownTimezoneWarning" for w in caught):
        raise DateError(  # dateutil would drop the zone it does not know, silently
            f"{original!r} names a time zone I do not know; give an offset such as "
            "+08:00 or an IANA name such as Asia/Shanghai"
        )
    if moment.tzinfo is not None and moment.tzinfo is not tz:
        fixed = moment.utcoffset()
        moment = moment.replace(tzinfo=timezone(fixed if fixed is not None else timedelta(0)))
    return moment


def _parse_in(text: str, original: str, *, now: datetime, tz: tzinfo) -> datetime:
    raw = text.strip()
    text = original
    if not raw:
        raise DateError(
            "is empty: give a date such as 2026-11-20 14:00, 'today 9am' or 'yesterday'"
        )
    local_now = now.astimezone(tz)
    match = _RELATIVE.match(raw)
    if match:
        word = match.group("word").lower()
        rest = match.group("rest").strip()
        if word == "now":
            if rest:
                raise DateError(f"{text!r}: 'now' takes no time after it")
            return local_now
        day = local_now.date() + timedelta(days=_DAY_SHIFT[word])
        if not rest:
            return normalize(datetime.combine(day, time(18 if word == "tonight" else 0), tz))
        has_time = True
        midnight = datetime.combine(day, time(0))
        moment = _parse_dateutil(rest, text, default=midnight)
        probe = _parse_dateutil(rest, text, default=midnight + timedelta(days=1))
        if moment.date() != day or probe.date() != day + timedelta(days=1):
            raise DateError(f"{text!r}: after {word!r} give only a time, such as 9am or 15:00")
    else:
        moment, has_time = _absolute(raw, text, local_now)
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise DateError(f"{text!r} is not between the years {FIRST_YEAR} and {LAST_YEAR}")
    if moment.tzinfo is None:
        if has_time:
            _exists(moment, tz, text)
        return normalize(moment.replace(tzinfo=tz))
    return moment


def _exists(naive: datetime, tz: tzinfo, original: str) -> None:
    """Refuse a wall-clock time that ``tz`` skips (spring forward) or shows twice (fall back):
    either would be a guess."""
    where = zone_name(tz) or "your time zone"
    moment = naive.replace(tzinfo=tz, fold=0)
    if moment.astimezone(timezone.utc).astimezone(tz).replace(tzinfo=None) != naive:
        before = naive.replace(fold=0).replace(tzinfo=tz).utcoffset()
        after = naive.replace(fold=1).replace(tzinfo=tz).utcoffset()
        lost = abs((after or timedelta(0)) - (before or timedelta(0))) or timedelta(hours=1)
        earlier = naive - lost
        later = naive + lost
        raise DateError(
            f"{original!r} does not exist in {where}: the clocks jump forward that night. "
            f"Give the time as it was, e.g. {earlier:%H:%M} or {later:%H:%M}, or with an offset"
        )
    if moment.utcoffset() != naive.replace(tzinfo=tz, fold=1).utcoffset():
        first = naive.replace(fold=0, tzinfo=tz)
        second = naive.replace(fold=1, tzinfo=tz)
        raise DateError(
            f"{original!r} happens twice in {where}: the clocks go back that night. Add the "
            f"offset: '{naive:%Y-%m-%d %H:%M} {offset_text(first.utcoffset())}' for the first, "
            f"'{naive:%Y-%m-%d %H:%M} {offset_text(second.utcoffset())}' for the second"
        )


# Two defaults that differ in every field: what a parse takes from the default is what the
# text did not say.
_PROBES = (datetime(2001, 1, 1, 1, 1), datetime(2002, 2, 2, 2, 2))
_ISO = re.compile(
    r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?( ?(Z|[+-]\d{2}:?\d{2}))?$"
)
_NUMERIC_DAY_MONTH = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})(?![\d:])")
_FORMS = "try 2026-11-20 14:00, '20 Nov 2026 2pm', 'today 9am' or 'yesterday 15:00'"


def _absolute(raw: str, original: str, local_now: datetime) -> tuple[datetime, bool]:
    """A date that names its day and month (the year defaults to this one), or a time today,
    and whether a time of day was given.

    A weekday name, a year or a month alone is refused rather than guessed, and so is a
    numeric date such as 11/12 that reads differently in the US and elsewhere.
    """
    iso = _ISO.match(raw)
    if iso:
        with contextlib.suppress(ValueError):
            moment = datetime.fromisoformat(raw.replace(" +", "+").replace(" -", "-"))
            return moment, bool(iso.group(1))
    numeric = _NUMERIC_DAY_MONTH.match(raw)
    if numeric and numeric[1] != numeric[2] and max(int(numeric[1]), int(numeric[2])) <= 12:
        raise DateError(f"{original!r} is ambiguous (day/month or month/day?): {_FORMS}")
    named = _weekday_named(raw)
    first, second = (_parse_dateutil(raw, original, default=probe) for probe in _PROBES)
    has_day, has_month = first.day == second.day, first.month == second.month
    has_year = first.year == second.year
    has_time = first.hour == second.hour or first.minute == second.minute
    if named is not None and not (has_day and has_month):
        raise DateError(
            f"{original!r} names a weekday but not its date (this week's or last?): {_FORMS}"
        )
    if has_day and has_month:
        moment = _parse_dateutil(raw, original, default=datetime(local_now.year, 1, 1))
        if named is not None and moment.weekday() != named:
            raise DateError(
                f"{original!r}: {moment:%d %b %Y} is a {moment:%A}, not a "
                f"{calendar.day_name[named]}; give the date alone, e.g. {moment:%Y-%m-%d}"
            )
        return moment, has_time
    if has_time and not (has_day or has_month or has_year):
        today = datetime.combine(local_now.date(), time(0))
        return _parse_dateutil(raw, original, default=today), True
    raise DateError(f"{original!r} does not name a day and a month: {_FORMS}")


def _weekday_named(raw: str) -> int | None:
    """The weekday (0 is Monday) a word of RAW names, as dateutil would read it, or None."""
    from dateutil import parser

    info = parser.parserinfo()
    for word in re.findall(r"[^\W\d_]+", raw):
        found = info.weekday(word)
        if found is not None:
            return int(found)
    return None


def _parse_dateutil(raw: str, original: str, *, default: datetime) -> datetime:
    from dateutil import parser

    try:
        return parser.parse(raw, default=default, dayfirst=False)
    except (ValueError, OverflowError):
        raise DateError(f"{original!r} is not a date I understand: {_FORMS}") from None


def parse_date(text: str, *, now: datetime, tz: tzinfo) -> date:
    """A calendar date (``2026-11-27``, ``27 Nov``, ``tomorrow``) as written, in the user's zone."""
    return parse(text, now=now, tz=tz).date()


def to_utc(moment: datetime) -> datetime:
    return moment.astimezone(timezone.utc)


def show(moment: datetime, tz: tzinfo) -> str:
    """``Fri 20 Nov 2026 14:00 -05:00``: a stored instant in the user's zone with its offset."""
    local = moment.astimezone(tz)
    offset = local.strftime("%z")
    return f"{local:%a %d %b %Y %H:%M} {offset[:3]}:{offset[3:]}"


def short(moment: datetime, tz: tzinfo, now: datetime) -> str:
    """``Mon 23 Nov 15:00`` for tables, with the year when it is not this year's."""
    local = moment.astimezone(tz)
    if local.year == now.astimezone(tz).year:
        return f"{local:%a %d %b %H:%M}"
    return f"{local:%a %d %b %Y %H:%M}"


def zone_caption(tz: tzinfo, now: datetime) -> str:
    """``Times in Asia/Shanghai (+08:00)``: which zone the table's times are in."""
    local = now.astimezone(tz)
    offset = local.strftime("%z")
    name = getattr(tz, "key", None) or local.tzname() or "local time"
    return f"Times in {name} (UTC{offset[:3]}:{offset[3:]})"


def iso(moment: datetime, tz: tzinfo) -> str:
    """ISO 8601 in the user's zone with its offset, for ``--json``."""
    return moment.astimezone(tz).isoformat(timespec="seconds")


def relative(moment: datetime, now: datetime) -> str:
    """``in 5 h``, ``2 days ago``, ``now``: how far ``moment`` lies from ``now``."""
    seconds = (moment - now).total_seconds()
    span = abs(seconds)
    if span < 60:
        return "now"
    if span < 3600:
        amount = f"{int(span // 60)} min"
    elif span < 86400:
        amount = f"{int(span // 3600)} h"
    else:
        count = int(span / 86400 + 0.5)  # 1 day 23 h reads as "2 days", not "1 day"
        amount = f"{count} day" if count == 1 else f"{count} days"
    return f"in {amount}" if seconds > 0 else f"{amount} ago"
