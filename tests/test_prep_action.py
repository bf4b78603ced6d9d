"""The prep action: an interview still to come is prepared for from the evening before."""

from __future__ import annotations

from datetime import timedelta

import pytest

pytestmark = pytest.mark.usefixtures("backend")  # every test runs on SQLite and on PostgreSQL


def test_a_future_interview_has_a_prep_action_in_due_and_its_json(ok):
    ok("profile", "--timezone", "Europe/Paris")
    ok("add", "-c", "Acme", "-r", "Dev", "--at", "2030-01-10 09:30")
    rows = ok("due", "--on", "2030-01-09 19:00", "--json").json()
    assert (rows[0]["action"], rows[0]["state"], rows[0]["next"]) == (
        "prep",
        "due",
        "followup prep 1",
    )
    assert rows[0]["opens"] == "2030-01-09T18:00:00+01:00"
    assert rows[0]["due"] == "2030-01-10T09:30:00+01:00"
    before = ok("due", "--on", "2030-01-09 08:00", "--json").json()
    assert [(r["action"], r["state"]) for r in before] == [
        ("prep", "upcoming"),
        ("reflect", "upcoming"),
        ("thanks", "upcoming"),
    ]
    text = ok("due", "--on", "2030-01-09 19:00").stdout
    assert "preparation" in text and "followup prep 1" in text
    after = ok("due", "--on", "2030-01-10 09:31", "--json").json()
    assert "prep" not in [r["action"] for r in after]  # gone once the interview has started


def test_the_ics_export_has_the_prep_with_an_alarm_the_evening_before(ok):
    from icalendar import Calendar

    ok("add", "-c", "Acme", "-r", "Dev", "--at", "2030-01-10 09:30")
    calendar = Calendar.from_ical(ok("export", "--format", "ics").stdout)
    prep = next(e for e in calendar.walk("VEVENT") if str(e["summary"]).startswith("Prepare"))
    assert str(prep["summary"]) == "Prepare for the interview: Acme, Dev"
    assert prep.decoded("dtstart").isoformat() == "2030-01-10"
    assert "followup prep 1" in str(prep["description"])
    assert prep.walk("VALARM")[0].decoded("trigger") == timedelta(hours=-6)
