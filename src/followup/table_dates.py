"""The times of many rows at once: :func:`dates.short`, :func:`dates.relative` and
:func:`dates.iso` for one table or one ``--json`` list.

``followup due`` formats tens of thousands of rows in one go, and per row those functions
redo what every row shares: the user's zone and this year, nineteen weekday and month names
and two patterns from the catalog, the words for "in {amount}". Here that is done once per
table, and what a row's instant gives is remembered for the next row with the same instant
(many share one: every status check of a day opens at its midnight). The texts are the
same as the functions give (``tests/test_due_format.py`` compares them).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo

from followup import dates, i18n
from followup.i18n import _

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_A_MONDAY = date(2024, 1, 1)


def _key(moment: datetime) -> timedelta:
    """A key for the instant ``moment`` is, exact to the microsecond. Not ``moment`` itself:
    two aware datetimes in one zone compare by their wall clocks, so 01:30 before and after
    the clocks go back would be one key."""
    return moment - _EPOCH


class ShortTimes:
    """``short(moment)`` is ``dates.short(moment, tz, now)``, for many moments."""

    def __init__(self, tz: tzinfo, now: datetime) -> None:
        self.tz = tz
        self.year = now.astimezone(tz).year
        self.english = i18n.lang() == "en"
        t = i18n.translation()
        self.weekdays = [dates.weekday_name(_A_MONDAY + timedelta(days=n), t) for n in range(7)]
        self.months = [dates.month_name(date(2024, month, 1), t) for month in range(1, 13)]
        self.this_year = _("{weekday} {day} {month} {time}")
        self.other_year = _("{weekday} {day} {month} {year} {time}")
        self.known: dict[timedelta, str] = {}

    def short(self, moment: datetime) -> str:
        key = _key(moment)
        text = self.known.get(key)
        if text is None:
            text = self.known[key] = self._format(moment.astimezone(self.tz))
        return text

    def _format(self, local: datetime) -> str:
        this_year = local.year == self.year
        if self.english:
            return f"{local:%a %d %b %H:%M}" if this_year else f"{local:%a %d %b %Y %H:%M}"
        return (self.this_year if this_year else self.other_year).format(
            weekday=self.weekdays[local.weekday()],
            day=local.day,
            month=self.months[local.month - 1],
            year=local.year,
            time=f"{local:%H:%M}",
        )


class RelativeTimes:
    """``relative(moment)`` is ``dates.relative(moment, now, english=english)``, for many
    moments. The text is remembered for each ``moment - now`` (all that :func:`dates.relative`
    reads), and each different thing said (``in 2 days``) is put in words once."""

    def __init__(self, now: datetime, *, english: bool = False) -> None:
        self.now = now
        self.t = i18n.ENGLISH if english else i18n.translation()
        self.known: dict[timedelta, str] = {}
        self.words: dict[tuple[bool, str, int], str] = {}

    def relative(self, moment: datetime) -> str:
        away = moment - self.now
        text = self.known.get(away)
        if text is None:
            reading = dates.distance(moment, self.now)
            text = self.words.get(reading)
            if text is None:
                text = self.words[reading] = dates.distance_text(reading, self.t)
            self.known[away] = text
        return text


class IsoTimes:
    """``iso(moment)`` is ``dates.iso(moment, tz)``, each instant written once."""

    def __init__(self, tz: tzinfo) -> None:
        self.tz = tz
        self.known: dict[timedelta, str] = {}

    def iso(self, moment: datetime) -> str:
        key = _key(moment)
        text = self.known.get(key)
        if text is None:
            text = self.known[key] = dates.iso(moment, self.tz)
        return text
