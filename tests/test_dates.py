"""What people type, read with a fixed clock and zone."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from followup import dates, zones

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
        ("2026-03-08", "2026-03-08T00:00:00-05:00"),  # a day, not a time, on a DST night
        ("2026-11-01 01:30 -04:00", "2026-11-01T01:30:00-04:00"),  # a fold, with its offset
        ("Fri 20 Nov 2026 2pm", "2026-11-20T14:00:00-05:00"),  # a weekday that agrees
    ],
)
def test_accepted_forms(text, expected):
    """(A weekday that agrees with its date is accepted: 'Fri 20 Nov 2026 2pm'.)"""
    assert dates.parse(text, now=NOW, tz=NY).isoformat() == expected


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "is empty"),
        ("   ", "is empty"),
        ("next blue moon", "not a date I understand"),
        ("32 Nov", "does not name a day and a month"),
        ("friday", "names a weekday but not its date"),
        ("friday 3pm", "names a weekday but not its date"),  # this Friday or last? not guessed
        ("fri 15:00", "names a weekday but not its date"),
        ("3pm Friday", "names a weekday but not its date"),
        ("Mon 20 Nov 2026 2pm", "is a Friday, not a Monday"),
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


# -- zones typed with a time ------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected, zone",
    [
        ("20 Nov 2026 14:00 EST", "2026-11-20T14:00:00-05:00", "-05:00"),
        ("20 Nov 2026 14:00 PST", "2026-11-20T14:00:00-08:00", "-08:00"),
        ("2026-07-20 14:00 EDT", "2026-07-20T14:00:00-04:00", "-04:00"),
        ("2026-11-20 09:00 JST", "2026-11-20T09:00:00+09:00", "+09:00"),
        ("2026-11-20 14:00 UTC", "2026-11-20T14:00:00+00:00", "UTC"),
        ("14:00 Asia/Kolkata", "2026-11-22T14:00:00+05:30", "Asia/Kolkata"),
        ("2026-11-20 15:00 Asia/Shanghai", "2026-11-20T15:00:00+08:00", "Asia/Shanghai"),
        ("tomorrow 9am Europe/London", "2026-11-23T09:00:00+00:00", "Europe/London"),
        ("2026-11-20 14:00 +05:30", "2026-11-20T14:00:00+05:30", "+05:30"),
        ("2026-11-20 2 PM", "2026-11-20T14:00:00-05:00", None),
        ("20 NOV 2026 14:00", "2026-11-20T14:00:00-05:00", None),
    ],
)
def test_a_zone_in_the_text_is_honoured_and_reported(text, expected, zone):
    moment, named = dates.parse_zoned(text, now=NOW, tz=NY)
    assert moment.isoformat() == expected
    assert (zones.zone_name(named) if named else None) == zone


@pytest.mark.parametrize(
    "text, message",
    [
        ("2026-11-20 14:00 CST", r"CST is ambiguous.*\+08:00 \(Asia/Shanghai\)"),
        ("20 Nov 2026 14:00 IST", r"IST is ambiguous.*\+05:30.*Asia/Kolkata"),
        ("2026-07-20 14:00 BST", r"BST is ambiguous.*Europe/London"),
        ("2026-11-20 14:00 XYZ", "not a time zone abbreviation I know"),
        ("2026-11-20 14:00 Mars/Olympus", "not a time zone"),
        ("2026-11-20 14:00 +05:30 Asia/Kolkata", "both an offset and a zone"),
        ("2026-03-08 02:30", r"does not exist in America/New_York.*01:30 or 03:30"),
        ("8 Mar 2026 2:15am", "does not exist"),
        ("2026-11-01 01:30", r"happens twice.*-04:00.*-05:00"),
        ("2026-03-29 01:30 Europe/London", "does not exist in Europe/London"),
    ],
)
def test_ambiguous_zones_and_daylight_saving_edges_are_refused(text, message):
    with pytest.raises(dates.DateError, match=message):
        dates.parse(text, now=NOW, tz=NY)


@pytest.mark.parametrize("name", ["EST", "MST", "HST", "EST5EDT", "PST8PDT", "CET", "est"])
def test_deprecated_fixed_offset_zones_are_refused_for_the_profile(name):
    with pytest.raises(ValueError, match=r"deprecated.*(America|Europe|Pacific)/"):
        zones.profile_zone(name)
    assert zones.profile_zone("America/New_York").key == "America/New_York"  # type: ignore[attr-defined]
