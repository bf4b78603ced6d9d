"""Dates as people type and read them; zones are :mod:`followup.zones`.

Everything here takes ``now`` and a zone as parameters; only the CLI reads the clock.
Datetimes leave this module aware. Stored values are UTC; :func:`show` writes them back in
the user's zone with its offset.
"""

from __future__ import annotations

import contextlib
import gettext
import re
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from followup import i18n
from followup.i18n import N_, _
from followup.zones import ABBREVIATIONS, named_zone, offset_text, offset_zone, zone_name

_RELATIVE = re.compile(
    r"^(?P<word>now|today|tonight|yesterday|tomorrow)\b\s*(?:at\s+)?(?P<rest>.*)$", re.I
)
_DAY_SHIFT = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


FIRST_YEAR, LAST_YEAR = 1900, 2200  # beyond these a date is a typo, and date arithmetic overflows
# The same range as instants and days: what every command accepts, and all a store may hold
# (an import, an edit or a result past it is refused; :func:`in_range`).
EARLIEST = datetime(FIRST_YEAR, 1, 1, tzinfo=timezone.utc)
AFTER_LATEST = datetime(LAST_YEAR + 1, 1, 1, tzinfo=timezone.utc)
FIRST_DAY, LAST_DAY = date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31)
RANGE_TEXT = f"between the years {FIRST_YEAR} and {LAST_YEAR}"


def in_range(value: date | datetime) -> bool:
    """Whether a day, or an instant (naive: UTC), lies in the years followup accepts."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return EARLIEST <= value < AFTER_LATEST
    return FIRST_DAY <= value <= LAST_DAY


class DateError(ValueError):
    """A date or time that cannot be understood."""


# A zone at the end of what was typed: an IANA name (Asia/Kolkata, America/Argentina/Salta,
# UTC) or an abbreviation in capitals (EST, CST, IST).
_TRAILING_ZONE = re.compile(
    r"^(?P<rest>.*?)\s+(?P<zone>[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)+|UTC|GMT|utc|gmt"
    r"|[A-Z]{2,5})$"
)
# "14:00 UTC+5:30", "GMT -3": an offset from UTC written after its name.
_UTC_OFFSET = re.compile(
    r"^(?P<rest>.*?)\s+(?:UTC|GMT)\s*(?P<sign>[+-])\s*(?P<hours>[0-9]{1,2})(?::?(?P<minutes>[0-9]{2}))?$",
    re.I,
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
    offset = _UTC_OFFSET.match(raw)
    if offset:  # "UTC+5:30", "GMT -3": read here, as people mean them (dateutil inverts them)
        hours, minutes = int(offset["hours"]), int(offset["minutes"] or 0)
        if hours > 14 or minutes > 59:
            raise DateError(
                _("{text}: UTC offsets run from -12:00 to +14:00").format(text=repr(text))
            )
        delta = timedelta(hours=hours, minutes=minutes)
        fixed = timezone(-delta if offset["sign"] == "-" else delta)
        moment = _parse(offset["rest"], text, now=now, tz=fixed)
        if moment.utcoffset() != fixed.utcoffset(None):
            raise DateError(
                _("{text} gives two offsets: give one, e.g. '14:00 +05:30'").format(text=repr(text))
            )
        return moment, fixed
    trailing = _TRAILING_ZONE.match(raw)
    if trailing and trailing["zone"].upper() not in _NOT_ZONES:
        named = _typed_zone(trailing["zone"], text)
        if named is not None:
            moment = _parse(trailing["rest"], text, now=now, tz=named)
            if moment.tzinfo is not named:
                raise DateError(
                    _(
                        "{text} gives both an offset and a zone: give one, e.g. "
                        "'2026-11-20 14:00 +05:30' or '2026-11-20 14:00 Asia/Kolkata'"
                    ).format(text=repr(text))
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
                _(
                    "{text}: {word} is not a time zone; give an IANA name such as "
                    "Asia/Kolkata or an offset such as +05:30"
                ).format(text=repr(original), word=repr(word))
            ) from None
    offsets = ABBREVIATIONS.get(word)
    if offsets is None:
        raise DateError(
            _(
                "{text}: {word} is not a time zone abbreviation I know; give an offset "
                "such as -05:00 or +08:00, or an IANA name such as America/New_York"
            ).format(text=repr(original), word=repr(word))
        )
    if len(offsets) > 1:
        choices = ", ".join(f"{offset} ({place})" for offset, place in offsets)
        raise DateError(
            _(
                "{text}: {word} is ambiguous, it means {choices}; give the offset, "
                "e.g. '{offset}', or an IANA name such as {zone}"
            ).format(
                text=repr(original),
                word=word,
                choices=choices,
                offset=offsets[0][0],
                zone=offsets[0][1],
            )
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
            _(
                "{text} names a time zone I do not know; give an offset such as "
                "+08:00 or an IANA name such as Asia/Shanghai"
            ).format(text=repr(original))
        )
    if moment.tzinfo is not None and moment.tzinfo is not tz:
        try:
            fixed = moment.utcoffset()
        except ValueError:  # "+99:00": dateutil keeps it, datetime refuses it
            raise DateError(
                _("{text}: UTC offsets run from -12:00 to +14:00").format(text=repr(original))
            ) from None
        moment = moment.replace(tzinfo=timezone(fixed if fixed is not None else timedelta(0)))
    return moment


def _parse_in(text: str, original: str, *, now: datetime, tz: tzinfo) -> datetime:
    raw = text.strip()
    text = original
    if not raw:
        raise DateError(
            _("is empty: give a date such as 2026-11-20 14:00, 'today 9am' or 'yesterday'")
        )
    local_now = now.astimezone(tz)
    match = _RELATIVE.match(raw)
    if match:
        word = match.group("word").lower()
        rest = match.group("rest").strip()
        if word == "now":
            if rest:
                raise DateError(_("{text}: 'now' takes no time after it").format(text=repr(text)))
            return local_now
        day = local_now.date() + timedelta(days=_DAY_SHIFT[word])
        if not rest:
            return normalize(datetime.combine(day, time(18 if word == "tonight" else 0), tz))
        has_time = True
        midnight = datetime.combine(day, time(0))
        moment = _parse_dateutil(rest, text, default=midnight)
        probe = _parse_dateutil(rest, text, default=midnight + timedelta(days=1))
        if moment.date() != day or probe.date() != day + timedelta(days=1):
            raise DateError(
                _("{text}: after {word} give only a time, such as 9am or 15:00").format(
                    text=repr(text), word=repr(word)
                )
            )
    else:
        moment, has_time = _absolute(raw, text, local_now)
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise DateError(
            _("{text} is not between the years {first} and {last}").format(
                text=repr(text), first=FIRST_YEAR, last=LAST_YEAR
            )
        )
    if moment.tzinfo is None:
        if has_time:
            _exists(moment, tz, text)
        moment = normalize(moment.replace(tzinfo=tz))
    try:
        inside = in_range(moment)
    except ValueError:  # "+99:00": dateutil keeps it, datetime refuses it
        raise DateError(
            _("{text}: UTC offsets run from -12:00 to +14:00").format(text=repr(text))
        ) from None
    if not inside:  # the first or last hours of the range, in a far zone
        raise DateError(
            _("{text} is not between the years {first} and {last}").format(
                text=repr(text), first=FIRST_YEAR, last=LAST_YEAR
            )
        )
    return moment


def _exists(naive: datetime, tz: tzinfo, original: str) -> None:
    """Refuse a wall-clock time that ``tz`` skips (spring forward) or shows twice (fall back):
    either would be a guess."""
    where = zone_name(tz) or _("your time zone")
    moment = naive.replace(tzinfo=tz, fold=0)
    if moment.astimezone(timezone.utc).astimezone(tz).replace(tzinfo=None) != naive:
        before = naive.replace(fold=0).replace(tzinfo=tz).utcoffset()
        after = naive.replace(fold=1).replace(tzinfo=tz).utcoffset()
        lost = abs((after or timedelta(0)) - (before or timedelta(0))) or timedelta(hours=1)
        earlier = naive - lost
        later = naive + lost
        raise DateError(
            _(
                "{text} does not exist in {where}: the clocks jump forward that night. "
                "Give the time as it was, e.g. {earlier} or {later}, or with an offset"
            ).format(
                text=repr(original), where=where, earlier=f"{earlier:%H:%M}", later=f"{later:%H:%M}"
            )
        )
    if moment.utcoffset() != naive.replace(tzinfo=tz, fold=1).utcoffset():
        first = naive.replace(fold=0, tzinfo=tz)
        second = naive.replace(fold=1, tzinfo=tz)
        raise DateError(
            _(
                "{text} happens twice in {where}: the clocks go back that night. Add the "
                "offset: '{first}' for the first, '{second}' for the second"
            ).format(
                text=repr(original),
                where=where,
                first=f"{naive:%Y-%m-%d %H:%M} {offset_text(first.utcoffset())}",
                second=f"{naive:%Y-%m-%d %H:%M} {offset_text(second.utcoffset())}",
            )
        )


# Two defaults that differ in every field: what a parse takes from the default is what the
# text did not say.
_PROBES = (datetime(2001, 1, 1, 1, 1), datetime(2002, 2, 2, 2, 2))
_ISO = re.compile(
    r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?( ?(Z|[+-]\d{2}:?\d{2}))?$"
)
_NUMERIC_DAY_MONTH = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})(?![\d:])")
_FORMS = N_("try 2026-11-20 14:00, '20 Nov 2026 2pm', 'today 9am' or 'yesterday 15:00'")


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
        raise DateError(
            _("{text} is ambiguous (day/month or month/day?): {forms}").format(
                text=repr(original), forms=_(_FORMS)
            )
        )
    named = _weekday_named(raw)
    first, second = (_parse_dateutil(raw, original, default=probe) for probe in _PROBES)
    has_day, has_month = first.day == second.day, first.month == second.month
    has_year = first.year == second.year
    has_time = first.hour == second.hour or first.minute == second.minute
    if named is not None and not (has_day and has_month):
        raise DateError(
            _("{text} names a weekday but not its date (this week's or last?): {forms}").format(
                text=repr(original), forms=_(_FORMS)
            )
        )
    if has_day and has_month:
        moment = _parse_dateutil(raw, original, default=datetime(local_now.year, 1, 1))
        if named is not None and moment.weekday() != named:
            raise DateError(
                _(
                    "{text}: {date} is a {weekday}, not a {named}; give the date alone, e.g. {iso}"
                ).format(
                    text=repr(original),
                    date=f"{moment:%d %b %Y}",
                    weekday=f"{moment:%A}",
                    named=f"{date(2001, 1, 1 + named):%A}",  # 1 Jan 2001: a Monday
                    iso=f"{moment:%Y-%m-%d}",
                )
            )
        return moment, has_time
    if has_time and not (has_day or has_month or has_year):
        today = datetime.combine(local_now.date(), time(0))
        return _parse_dateutil(raw, original, default=today), True
    raise DateError(
        _("{text} does not name a day and a month: {forms}").format(
            text=repr(original), forms=_(_FORMS)
        )
    )


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
        raise DateError(
            _("{text} is not a date I understand: {forms}").format(
                text=repr(original), forms=_(_FORMS)
            )
        ) from None


def parse_date(text: str, *, now: datetime, tz: tzinfo) -> date:
    """A calendar date (``2026-11-27``, ``27 Nov``, ``tomorrow``) as written, in the user's zone."""
    return parse(text, now=now, tz=tz).date()


def to_utc(moment: datetime) -> datetime:
    return moment.astimezone(timezone.utc)


def show(moment: datetime, tz: tzinfo, *, lang: str | None = None) -> str:
    """``Fri 20 Nov 2026 14:00 -05:00``: a stored instant in the user's zone with its offset
    (``2026年11月20日 周五 14:00 -05:00`` in Chinese)."""
    local = moment.astimezone(tz)
    offset = local.strftime("%z")
    offset = f"{offset[:3]}:{offset[3:]}"
    t = i18n.translation_for(lang) if lang else i18n.translation()
    if (lang or i18n.lang()) == "en":
        return f"{local:%a %d %b %Y %H:%M} {offset}"
    pattern = t.gettext("{weekday} {day} {month} {year} {time} {offset}")
    return _named(pattern, local, offset=offset, t=t)


def short(moment: datetime, tz: tzinfo, now: datetime) -> str:
    """``Mon 23 Nov 15:00`` for tables, with the year when it is not this year's."""
    local = moment.astimezone(tz)
    this_year = local.year == now.astimezone(tz).year
    if i18n.lang() == "en":
        return f"{local:%a %d %b %H:%M}" if this_year else f"{local:%a %d %b %Y %H:%M}"
    if this_year:
        return _named(_("{weekday} {day} {month} {time}"), local)
    return _named(_("{weekday} {day} {month} {year} {time}"), local)


# The abbreviated names CLDR gives (Babel's ``get_day_names``/``get_month_names``, checked by
# tests/test_i18n.py), kept in the catalogs so that the fast path need not import Babel.
def weekday_name(day: date, t: gettext.NullTranslations | None = None) -> str:
    pgettext = (t or i18n.translation()).pgettext
    return (
        *(pgettext("weekday", "Mon"), pgettext("weekday", "Tue"), pgettext("weekday", "Wed")),
        *(pgettext("weekday", "Thu"), pgettext("weekday", "Fri"), pgettext("weekday", "Sat")),
        pgettext("weekday", "Sun"),
    )[day.weekday()]


def month_name(day: date, t: gettext.NullTranslations | None = None) -> str:
    pgettext = (t or i18n.translation()).pgettext
    return (
        *(pgettext("month", "Jan"), pgettext("month", "Feb"), pgettext("month", "Mar")),
        *(pgettext("month", "Apr"), pgettext("month", "May"), pgettext("month", "Jun")),
        *(pgettext("month", "Jul"), pgettext("month", "Aug"), pgettext("month", "Sep")),
        *(pgettext("month", "Oct"), pgettext("month", "Nov"), pgettext("month", "Dec")),
    )[day.month - 1]


def _named(
    pattern: str, local: datetime, *, offset: str = "", t: gettext.NullTranslations | None = None
) -> str:
    return pattern.format(
        weekday=weekday_name(local, t),
        day=local.day,
        month=month_name(local, t),
        year=local.year,
        time=f"{local:%H:%M}",
        offset=offset,
    )


def zone_caption(tz: tzinfo, now: datetime) -> str:
    """``Times in Asia/Shanghai (+08:00)``: which zone the table's times are in."""
    local = now.astimezone(tz)
    offset = local.strftime("%z")
    name = getattr(tz, "key", None) or local.tzname() or _("local time")
    return _("Times in {zone} (UTC{offset})").format(zone=name, offset=f"{offset[:3]}:{offset[3:]}")


def iso(moment: datetime, tz: tzinfo) -> str:
    """ISO 8601 in the user's zone with its offset, for ``--json``."""
    return moment.astimezone(tz).isoformat(timespec="seconds")


def relative(moment: datetime, now: datetime, *, english: bool = False) -> str:
    """``in 5 h``, ``2 days ago``, ``now``: how far ``moment`` lies from ``now``, in the
    interface language (``3 小时前``, ``2 दिन में``), or in English for ``--json``."""
    t = i18n.ENGLISH if english else i18n.translation()
    return distance_text(distance(moment, now), t)


def distance(moment: datetime, now: datetime) -> tuple[bool, str, int]:
    """What :func:`relative` says, before it is put in words: whether ``moment`` is ahead,
    the unit (``now``, ``min``, ``h`` or ``day``) and how many. A table of many rows says
    few different things, so :class:`followup.table_dates.RelativeTimes` words each once."""
    seconds = (moment - now).total_seconds()
    span = abs(seconds)
    if span < 60:
        return False, "now", 0
    if span < 3600:
        return seconds > 0, "min", int(span // 60)
    if span < 86400:
        return seconds > 0, "h", int(span // 3600)
    return seconds > 0, "day", int(span / 86400 + 0.5)  # 1 day 23 h reads as "2 days"


def distance_text(reading: tuple[bool, str, int], t: gettext.NullTranslations) -> str:
    """A :func:`distance` in the words of ``t``."""
    ahead, unit, count = reading
    if unit == "now":
        return t.gettext("now")
    if unit == "min":
        amount = t.ngettext("{count} min", "{count} min", count)
    elif unit == "h":
        amount = t.ngettext("{count} h", "{count} h", count)
    else:
        amount = t.ngettext("{count} day", "{count} days", count)
    amount = amount.format(count=count)
    if ahead:
        return t.gettext("in {amount}").format(amount=amount)
    return t.gettext("{amount} ago").format(amount=amount)
