"""Properties of the rules over many instants, zones and decision dates."""

from __future__ import annotations

import os
import time
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from followup.rules import Event, Facts, Settings, assess

ZONES = [
    ZoneInfo(n)
    for n in (
        "America/New_York",
        "Asia/Kolkata",
        "Asia/Shanghai",
        "Europe/London",
        "Australia/Lord_Howe",
        "America/Santiago",
        "UTC",
    )
]
instants = st.datetimes(
    min_value=datetime(2020, 1, 1),
    max_value=datetime(2035, 12, 31),
    timezones=st.just(timezone.utc),
)
rule_settings = st.builds(
    Settings,
    thanks_days=st.integers(0, 14),
    check_days=st.integers(1, 30),
    reply_days=st.integers(0, 7),
    reflect_days=st.integers(0, 7),
    reflect=st.booleans(),
)


@settings(max_examples=300, deadline=None)
@given(
    at=instants,
    zone=st.sampled_from(ZONES),
    extra=st.integers(-30, 60),
    decision=st.one_of(st.none(), st.integers(-5, 40)),
    config=rule_settings,
)
def test_deadlines_follow_the_interview_and_checks_avoid_weekends_and_decisions(
    at, zone, extra, decision, config
):
    decision_by = (
        None if decision is None else at.astimezone(zone).date() + timedelta(days=decision)
    )
    facts = Facts(at, decision_by=decision_by)
    now = at + timedelta(days=extra)
    actions = {a.action: a for a in assess(facts, now, zone, config).pending}
    thanks, check = actions["thanks"], actions["check"]
    assert thanks.opens == at
    assert thanks.deadline is not None and thanks.deadline >= at
    local_open = check.opens.astimezone(zone)
    assert local_open.weekday() < 5
    assert check.opens > at - timedelta(days=1)
    assert local_open.date() >= at.astimezone(zone).date() + timedelta(days=config.check_days)
    if decision_by is not None:
        assert local_open.date() > decision_by


@settings(max_examples=100, deadline=None)
@given(
    at=instants,
    zone=st.sampled_from(ZONES),
    machine=st.sampled_from(["UTC", "America/New_York", "Asia/Kolkata", "Pacific/Kiritimati"]),
)
def test_results_do_not_depend_on_the_machines_own_zone(at, zone, machine):
    facts = Facts(
        at, decision_by=date(2030, 1, 1), events=(Event("done", "check", at + timedelta(days=8)),)
    )
    now = at + timedelta(days=3)
    expected = assess(facts, now, zone)
    old = os.environ.get("TZ")
    os.environ["TZ"] = machine
    time.tzset()
    try:
        assert assess(facts, now, zone) == expected
    finally:
        if old is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = old
        time.tzset()


@settings(max_examples=200, deadline=None)
@given(at=instants, zone=st.sampled_from(ZONES), hours=st.integers(0, 24 * 40))
def test_any_result_leaves_nothing_but_a_reply(at, zone, hours):
    for outcome in ("offer", "rejected", "withdrawn", "invited"):
        facts = Facts(at, events=(Event("result", outcome, at + timedelta(hours=hours)),))
        found = assess(facts, at + timedelta(hours=hours + 1), zone)
        assert {a.action for a in found.pending} <= ({"reply"} if outcome == "invited" else set())


event_lists = st.lists(
    st.tuples(
        st.sampled_from(
            [("done", a) for a in ("thanks", "check", "reply", "decline")]
            + [("result", o) for o in ("invited", "offer", "rejected", "withdrawn")]
        ),
        st.integers(0, 24 * 60),
    ),
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(at=instants, zone=st.sampled_from(ZONES), events=event_lists, later=st.integers(0, 24 * 400))
def test_an_inactive_interview_never_has_anything_pending(at, zone, events, later):
    from followup.rules import is_active

    facts = Facts(at, events=tuple(Event(k, n, at + timedelta(hours=h)) for (k, n), h in events))
    if not is_active(facts.events):
        assert assess(facts, at + timedelta(hours=later), zone).pending == ()
