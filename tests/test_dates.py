"""What people type, read with a fixed clock and zone."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from followup import dates

NY = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 22, 14, 0, tzinfo=timezone.utc)  # Sunday 09:00 in New York


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2026-11-20T14:00:00-05:00", "2026-11-20T14:00:00-05:00"),
        ("2026-11-20T14:00:00+08:00", "2026-11-20T14:00:00+08:00"),
        ("2026-11-20 14:00", "2026-11-20T14:00:00-05:00"),
        ("2026-11-20 14:00 +0530", "2026-11-20T14:00:00+05:30"),
        ("20 Nov 2026 2pm", "2026-11-20T14:00:00-05:00"),
        ("Nov 20, 2026 at 3pm", "2026-11-20T15:00:00-05:00"),
        ("20 Nov", "2026-11-20T00:00:00-05:00"),
        ("2026-11-20", "2026-11-20T00:00:00-05:00"),
        ("13/11/2026", "2026-11-13T00:00:00-05:00"),
        ("2pm", "2026-11-22T14:00:00-05:00"),
        ("today 9am", "2026-11-22T09:00:00-05:00"),
        ("Today at 9:30", "2026-11-22T09:30:00-05:00"),
        ("yesterday 15:00", "2026-11-21T15:00:00-05:00"),
        ("tomorrow", "2026-11-23T00:00:00-05:00"),
        ("now", "2026-11-22T09:00:00-05:00"),
        ("2026-03-08 02:30", "2026-03-08T03:30:00-04:00"),  # a time lost to the spring-forward gap
    ],
)
def test_accepted_forms(text, expected):
    assert dates.parse(text, now=NOW, tz=NY).isoformat() == expected


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "is empty"),
        ("   ", "is empty"),
        ("next blue moon", "not a date I understand"),
        ("32 Nov", "does not name a day and a month"),
        ("friday", "does not name a day and a month"),
        ("2026", "does not name a day and a month"),
        ("11/12/2026", "is ambiguous"),
        ("today 2026-11-20", "give only a time"),
        ("now 9am", "takes no time"),
        ("1850-01-01", "between the years"),
        ("tomorrow 25:00", "not a date I understand"),
    ],
)
def test_refused_forms(text, message):
    with pytest.raises(dates.DateError, match=message):
        dates.parse(text, now=NOW, tz=NY)


@pytest.mark.parametrize(
    "delta, text",
    [
        (timedelta(seconds=30), "now"),
        (timedelta(minutes=5), "in 5 min"),
        (timedelta(hours=-5, minutes=-10), "5 h ago"),
        (timedelta(days=1, hours=11), "in 1 day"),
        (timedelta(days=1, hours=23), "in 2 days"),
        (timedelta(days=-3), "3 days ago"),
    ],
)
def test_relative(delta, text):
    assert dates.relative(NOW + delta, NOW) == text


def test_show_and_iso_use_the_zone_and_its_offset():
    moment = datetime(2026, 7, 1, 13, 0, tzinfo=timezone.utc)
    assert dates.show(moment, NY) == "Wed 01 Jul 2026 09:00 -04:00"
    assert dates.iso(moment, ZoneInfo("Asia/Kolkata")) == "2026-07-01T18:30:00+05:30"
