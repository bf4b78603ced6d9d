"""Dates as people type and read them, and the user's time zone.

Everything here takes ``now`` and a zone as parameters; only the CLI reads the clock.
Datetimes leave this module aware. Stored values are UTC; :func:`show` writes them back in
the user's zone with its offset.
"""

from __future__ import annotations

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


def normalize(moment: datetime) -> datetime:
    """Resolve a wall-clock time that does not exist (a spring-forward gap) to a real instant."""
    tz = moment.tzinfo
    assert tz is not None
    return moment.astimezone(timezone.utc).astimezone(tz)


def parse(text: str, *, now: datetime, tz: tzinfo) -> datetime:
    """Parse what a person typed into an aware datetime.

    Accepts ISO 8601, ``2026-11-20 14:00``, ``20 Nov 2026 2pm``, ``today 9am``,
    ``yesterday 15:00``, ``tomorrow``, ``now``, with or without a UTC offset. Without one the
    time is in ``tz``. A date without a time means the start of that day.
    """
    raw = text.strip()
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
        midnight = datetime.combine(day, time(0))
        moment = _parse_dateutil(rest, text, default=midnight)
        probe = _parse_dateutil(rest, text, default=midnight + timedelta(days=1))
        if moment.date() != day or probe.date() != day + timedelta(days=1):
            raise DateError(f"{text!r}: after {word!r} give only a time, such as 9am or 15:00")
    else:
        moment = _absolute(raw, text, local_now)
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise DateError(f"{text!r} is not between the years {FIRST_YEAR} and {LAST_YEAR}")
    if moment.tzinfo is None:
        return normalize(moment.replace(tzinfo=tz))
    return moment


# Two defaults that differ in every field: what a parse takes from the default is what the
# text did not say.
_PROBES = (datetime(2001, 1, 1, 1, 1), datetime(2002, 2, 2, 2, 2))
_ISO = re.compile(
    r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?( ?(Z|[+-]\d{2}:?\d{2}))?$"
)
_NUMERIC_DAY_MONTH = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})(?![\d:])")
_FORMS = "try 2026-11-20 14:00, '20 Nov 2026 2pm', 'today 9am' or 'yesterday 15:00'"


def _absolute(raw: str, original: str, local_now: datetime) -> datetime:
    """A date that names its day and month (the year defaults to this one), or a time today.

    A weekday name, a year or a month alone is refused rather than guessed, and so is a
    numeric date such as 11/12 that reads differently in the US and elsewhere.
    """
    if _ISO.match(raw):
        with contextlib.suppress(ValueError):
            return datetime.fromisoformat(raw.replace(" +", "+").replace(" -", "-"))
    numeric = _NUMERIC_DAY_MONTH.match(raw)
    if numeric and numeric[1] != numeric[2] and max(int(numeric[1]), int(numeric[2])) <= 12:
        raise DateError(f"{original!r} is ambiguous (day/month or month/day?): {_FORMS}")
    first, second = (_parse_dateutil(raw, original, default=probe) for probe in _PROBES)
    has_day, has_month = first.day == second.day, first.month == second.month
    has_year = first.year == second.year
    has_time = first.hour == second.hour or first.minute == second.minute
    if has_day and has_month:
        return _parse_dateutil(raw, original, default=datetime(local_now.year, 1, 1))
    if has_time and not (has_day or has_month or has_year):
        return _parse_dateutil(raw, original, default=datetime.combine(local_now.date(), time(0)))
    raise DateError(f"{original!r} does not name a day and a month: {_FORMS}")


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
