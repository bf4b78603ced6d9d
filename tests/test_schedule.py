"""Which day a run counts for and what each channel gets: pure, with fixed instants."""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from followup import rules, schedule
from followup.rules import Facts

pytestmark = pytest.mark.sqlite_only  # never opens a store

NY = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")
UTC = timezone.utc
UIDS = {1: "uid-one", 2: "uid-two"}


def at(tz, *args):
    return datetime(*args, tzinfo=tz)


def items(now, tz=NY):
    interviews = [
        (1, Facts(at(NY, 2026, 11, 20, 10), recorded=at(NY, 2026, 11, 1, 9))),
        (2, Facts(at(NY, 2026, 11, 24, 9, 30), recorded=at(NY, 2026, 11, 1, 9))),
    ]
    return rules.due(interviews, now, tz, rules.Settings(reflect=False), 3)


def test_the_day_is_the_users_calendar_day_not_utcs():
    late_evening = datetime(2026, 11, 21, 3, 30, tzinfo=UTC)  # 22:30 on the 20th in New York
    assert schedule.local_day(late_evening, NY) == date(2026, 11, 20)
    assert schedule.local_day(late_evening, TOKYO) == date(2026, 11, 21)  # 12:30 in Tokyo


def test_both_one_thirties_of_a_fall_back_night_are_one_day():
    first = datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # 01:30 EDT
    second = datetime(2026, 11, 1, 6, 30, tzinfo=UTC)  # 01:30 EST, an hour later
    assert schedule.local_day(first, NY) == schedule.local_day(second, NY) == date(2026, 11, 1)
    plan = schedule.plan(items(first), UIDS, first, NY, set(), always=True)
    assert plan is not None and plan.marks == [("daily", "2026-11-01")]
    assert schedule.plan(items(second), UIDS, second, NY, set(plan.marks), always=True) is None


def test_a_day_is_sent_once_unless_again_and_nothing_due_sends_nothing_unless_always():
    now = at(NY, 2026, 11, 21, 8)
    plan = schedule.plan(items(now), UIDS, now, NY, set())
    assert plan is not None and plan.kind == "daily"
    assert [(i.interview_id, i.action.action) for i in plan.items] == [(1, "thanks"), (2, "prep")]
    sent = set(plan.marks)
    assert schedule.plan(items(now), UIDS, now, NY, sent) is None
    assert schedule.plan(items(now), UIDS, now, NY, sent, again=True) == plan
    quiet = at(NY, 2026, 11, 10, 8)  # before either interview: nothing due
    assert schedule.plan(items(quiet), UIDS, quiet, NY, set()) is None
    always = schedule.plan(items(quiet), UIDS, quiet, NY, set(), always=True)
    assert always is not None and always.marks == [("daily", "2026-11-10")]


def test_the_evening_before_an_interview_goes_once():
    morning = at(NY, 2026, 11, 23, 8)
    plan = schedule.plan(items(morning), UIDS, morning, NY, set())
    assert plan is not None and ("prep", "uid-two") not in plan.marks  # prep not open yet
    sent = set(plan.marks)
    evening = at(NY, 2026, 11, 23, 18)
    note = schedule.plan(items(evening), UIDS, evening, NY, sent)
    assert note is not None and note.kind == "evening"
    assert [(i.interview_id, i.action.action) for i in note.items] == [(2, "prep")]
    assert note.marks == [("prep", "uid-two")]
    sent |= set(note.marks)
    later = at(NY, 2026, 11, 23, 22)
    assert schedule.plan(items(later), UIDS, later, NY, sent) is None
    next_morning = at(NY, 2026, 11, 24, 8)
    digest = schedule.plan(items(next_morning), UIDS, next_morning, NY, sent)
    assert digest is not None and digest.kind == "daily"
    assert ("prep", "uid-two") in digest.marks
