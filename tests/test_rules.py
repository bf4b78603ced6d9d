"""The rules with fixed instants: no database, no clock."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from followup.rules import Event, Facts, Settings, assess, days_later, due, first_check_opens

NY = ZoneInfo("America/New_York")
KOLKATA = ZoneInfo("Asia/Kolkata")
SHANGHAI = ZoneInfo("Asia/Shanghai")
UTC = timezone.utc


def at(tz, *args):
    return datetime(*args, tzinfo=tz)


DEFAULTS = Settings()
QUIET = Settings(reflect=False)  # the rules of thanks, check and reply without the reflection


def pending(facts, now, tz=NY, settings=DEFAULTS):
    return {(a.action, a.number): a for a in assess(facts, now, tz, settings).pending}


# -- thanks ---------------------------------------------------------------------------------


def test_thanks_opens_at_the_interview_and_is_due_two_days_later_same_hour():
    interview = at(NY, 2026, 11, 18, 14, 0)
    actions = pending(Facts(interview), at(NY, 2026, 11, 18, 15, 0))
    thanks = actions[("thanks", 1)]
    assert thanks.opens == interview
    assert thanks.deadline == at(NY, 2026, 11, 20, 14, 0)
    assert thanks.state(at(NY, 2026, 11, 20, 14, 0)) == "due"
    assert thanks.state(at(NY, 2026, 11, 20, 14, 1)) == "overdue"
    assert thanks.state(at(NY, 2026, 11, 18, 13, 59)) == "upcoming"


def test_thanks_deadline_keeps_its_hour_when_clocks_fall_back():
    # DST ends in New York on Sunday 1 November 2026 at 02:00.
    interview = at(NY, 2026, 10, 31, 10, 0)  # EDT, UTC-4
    deadline = pending(Facts(interview), interview)[("thanks", 1)].deadline
    assert deadline.astimezone(NY).hour == 10
    assert deadline.astimezone(UTC) == datetime(2026, 11, 2, 15, 0, tzinfo=UTC)  # EST, UTC-5
    assert deadline.astimezone(UTC) - interview.astimezone(UTC) == timedelta(hours=49)


def test_thanks_deadline_keeps_its_hour_when_clocks_spring_forward():
    # DST starts in New York on Sunday 8 March 2026 at 02:00.
    interview = at(NY, 2026, 3, 6, 14, 0)  # EST
    deadline = pending(Facts(interview), interview)[("thanks", 1)].deadline
    assert deadline.astimezone(UTC) == datetime(2026, 3, 8, 18, 0, tzinfo=UTC)  # 14:00 EDT
    assert deadline.astimezone(UTC) - interview.astimezone(UTC) == timedelta(hours=47)


def test_a_deadline_in_the_spring_forward_gap_becomes_a_real_later_instant():
    interview = at(NY, 2026, 3, 6, 2, 30)
    deadline = days_later(interview, 2, NY)
    assert deadline > interview
    assert deadline.astimezone(NY).strftime("%H:%M %Z") == "03:30 EDT"


def test_thanks_days_setting_changes_the_deadline():
    interview = at(KOLKATA, 2026, 11, 20, 11, 0)
    thanks = pending(Facts(interview), interview, KOLKATA, Settings(thanks_days=1))[("thanks", 1)]
    assert thanks.deadline == at(KOLKATA, 2026, 11, 21, 11, 0)


def test_done_thanks_is_no_longer_pending():
    interview = at(NY, 2026, 11, 18, 14, 0)
    facts = Facts(interview, events=(Event("done", "thanks", at(NY, 2026, 11, 19, 9, 0)),))
    assert ("thanks", 1) not in pending(facts, at(NY, 2026, 11, 19, 10, 0))


# -- check ----------------------------------------------------------------------------------


def test_check_opens_at_the_start_of_the_day_a_week_later():
    interview = at(NY, 2026, 11, 18, 14, 0)  # Wednesday
    check = pending(Facts(interview), interview)[("check", 1)]
    assert check.opens == at(NY, 2026, 11, 25, 0, 0)
    assert check.deadline is None
    assert check.due == check.opens
    assert check.state(at(NY, 2026, 11, 24, 23, 59)) == "upcoming"
    assert check.state(at(NY, 2026, 12, 30, 0, 0)) == "due"  # no deadline: never overdue


def test_check_after_a_friday_interview_opens_on_the_next_friday():
    check = pending(Facts(at(NY, 2026, 11, 20, 16, 0)), at(NY, 2026, 11, 20, 17))[("check", 1)]
    assert check.opens == at(NY, 2026, 11, 27, 0, 0)
    assert check.opens.weekday() == 4


def test_check_after_a_saturday_interview_moves_to_monday():
    check = pending(Facts(at(NY, 2026, 11, 21, 10, 0)), at(NY, 2026, 11, 21, 11))[("check", 1)]
    assert check.opens == at(NY, 2026, 11, 30, 0, 0)
    assert check.opens.weekday() == 0


def test_check_waits_for_the_business_day_after_the_decision_date():
    interview = at(NY, 2026, 11, 16, 10, 0)  # Monday
    facts = Facts(interview, decision_by=date(2026, 11, 27))  # a Friday
    assert first_check_opens(facts, NY, Settings()) == at(NY, 2026, 11, 30, 0, 0)  # Monday
    early = Facts(interview, decision_by=date(2026, 11, 18))
    assert first_check_opens(early, NY, Settings()) == at(NY, 2026, 11, 23, 0, 0)  # the week wins


def test_check_uses_the_users_calendar_day_not_utcs():
    # 07:00 in Shanghai on the 20th is still the 19th in UTC.
    interview = at(SHANGHAI, 2026, 11, 20, 7, 0)
    check = pending(Facts(interview), interview, SHANGHAI)[("check", 1)]
    assert check.opens == at(SHANGHAI, 2026, 11, 27, 0, 0)


def test_check_in_kolkata_opens_at_local_midnight():
    interview = at(KOLKATA, 2026, 11, 20, 7, 0)  # Friday, UTC+05:30
    check = pending(Facts(interview), interview, KOLKATA)[("check", 1)]
    assert check.opens.astimezone(UTC) == datetime(2026, 11, 26, 18, 30, tzinfo=UTC)


def test_second_check_opens_a_week_after_the_first_then_the_interview_is_ghosted():
    interview = at(NY, 2026, 11, 16, 10, 0)
    first = Event("done", "check", at(NY, 2026, 11, 23, 9, 0))  # Monday
    facts = Facts(interview, events=(Event("done", "thanks", at(NY, 2026, 11, 16, 18)), first))
    second = pending(facts, at(NY, 2026, 11, 24))[("check", 2)]
    assert second.opens == at(NY, 2026, 11, 30, 0, 0)

    done_second = Event("done", "check", at(NY, 2026, 12, 5, 9, 0))  # Saturday
    facts = Facts(interview, events=(*facts.events, done_second))
    silent = assess(facts, at(NY, 2026, 12, 13, 23, 0), NY, QUIET)
    assert silent.pending == () and silent.status == "awaiting"
    ghosted = assess(
        facts, at(NY, 2026, 12, 14, 0, 0), NY, QUIET
    )  # Sat + 7 = Sat -> Monday the 14th
    assert ghosted.status == "ghosted" and not ghosted.is_open
    # Any later result reopens it with that result.
    reopened = Facts(
        interview, events=(*facts.events, Event("result", "invited", at(NY, 2026, 12, 20)))
    )
    assert assess(reopened, at(NY, 2026, 12, 20, 1), NY).status == "invited"


# -- results and reply ------------------------------------------------------------------------


@pytest.mark.parametrize("outcome", ["offer", "rejected", "withdrawn", "invited"])
def test_any_result_cancels_pending_thanks_and_checks(outcome):
    interview = at(NY, 2026, 11, 16, 10, 0)
    facts = Facts(interview, events=(Event("result", outcome, at(NY, 2026, 11, 17, 9)),))
    found = assess(facts, at(NY, 2026, 11, 17, 10), NY)
    assert found.status == outcome
    assert {a.action for a in found.pending} <= {"reply"}


def test_an_invitation_opens_a_reply_due_one_day_later():
    interview = at(NY, 2026, 11, 16, 10, 0)
    invited = Event("result", "invited", at(NY, 2026, 11, 19, 16, 30))
    reply = pending(Facts(interview, events=(invited,)), at(NY, 2026, 11, 19, 17))[("reply", 1)]
    assert reply.opens == invited.at
    assert reply.deadline == at(NY, 2026, 11, 20, 16, 30)
    assert reply.state(at(NY, 2026, 11, 20, 16, 31)) == "overdue"


@pytest.mark.parametrize("answer", ["reply", "decline"])
def test_accepting_or_declining_answers_the_invitation(answer):
    interview = at(NY, 2026, 11, 16, 10, 0)
    events = (
        Event("result", "invited", at(NY, 2026, 11, 19, 16)),
        Event("done", answer, at(NY, 2026, 11, 19, 18)),
    )
    assert assess(Facts(interview, events=events), at(NY, 2026, 11, 21), NY).pending == ()


def test_a_later_result_cancels_the_reply():
    interview = at(NY, 2026, 11, 16, 10, 0)
    events = (
        Event("result", "invited", at(NY, 2026, 11, 19, 16)),
        Event("result", "offer", at(NY, 2026, 11, 19, 18)),
    )
    found = assess(Facts(interview, events=events), at(NY, 2026, 11, 21), NY)
    assert found.pending == () and found.status == "offer"


def test_a_future_interview_is_scheduled():
    found = assess(Facts(at(NY, 2026, 12, 1, 10)), at(NY, 2026, 11, 22, 9), NY)
    assert found.status == "scheduled" and found.is_open


# -- the morning list ---------------------------------------------------------------------------


def test_due_groups_overdue_due_upcoming_most_urgent_first():
    now = at(NY, 2026, 11, 22, 9, 0)  # Sunday
    interviews = [
        (1, Facts(at(NY, 2026, 11, 19, 10))),  # thanks overdue since Sat 21st 10:00
        (2, Facts(at(NY, 2026, 11, 21, 15))),  # thanks due by Mon 23rd 15:00
        (3, Facts(at(NY, 2026, 11, 20, 11))),  # thanks due by today 11:00
        (4, Facts(at(NY, 2026, 11, 23, 10))),  # tomorrow's interview: thanks opens then
        (5, Facts(at(NY, 2026, 11, 14, 10))),  # thanks overdue since the 16th; check opens Mon
    ]
    items = due(interviews, now, NY, QUIET, days=3)
    listed = [(i.interview_id, i.action.action, i.state) for i in items]
    assert listed == [
        (5, "thanks", "overdue"),
        (1, "thanks", "overdue"),
        (3, "thanks", "due"),
        (2, "thanks", "due"),
        (4, "prep", "upcoming"),  # opens this evening at 18:00
        (5, "check", "upcoming"),  # opens Monday 00:00
        (4, "thanks", "upcoming"),  # opens Monday 10:00
    ]


def after(items):
    """What follows an interview: its (id, action) without the prep before it."""
    return [(i.interview_id, i.action.action) for i in items if i.action.action != "prep"]


def test_due_days_zero_lists_nothing_upcoming_and_days_widens_the_window():
    now = at(NY, 2026, 11, 22, 9, 0)
    interviews = [(1, Facts(at(NY, 2026, 11, 23, 10))), (2, Facts(at(NY, 2026, 11, 29, 10)))]
    assert due(interviews, now, NY, QUIET, days=0) == []
    assert after(due(interviews, now, NY, QUIET, days=3)) == [(1, "thanks")]
    assert after(due(interviews, now, NY, QUIET, days=8)) == [
        (1, "thanks"),
        (2, "thanks"),
        (1, "check"),  # Monday 30th 00:00, within 8 days of Sunday 09:00
    ]


def test_due_horizon_is_wall_clock_days_across_a_dst_change():
    # From Saturday 31 Oct 09:00 EDT, 1 day ahead is Sunday 1 Nov 09:00 EST (25 hours).
    now = at(NY, 2026, 10, 31, 9, 0)
    interview = at(NY, 2026, 11, 1, 8, 30)  # 24.5 h later on the clock of the world
    assert after(due([(1, Facts(interview))], now, NY, QUIET, days=1)) == [(1, "thanks")]
    later = at(NY, 2026, 11, 1, 9, 30)
    assert after(due([(1, Facts(later))], now, NY, QUIET, days=1)) == []


def test_the_same_facts_give_the_same_instants_whatever_zone_they_were_given_in():
    interview_utc = datetime(2026, 11, 20, 1, 30, tzinfo=UTC)
    a = assess(Facts(interview_utc), interview_utc, KOLKATA)
    b = assess(Facts(interview_utc.astimezone(NY)), interview_utc, KOLKATA)
    assert a == b


def test_in_the_repeated_hour_of_a_fall_back_the_true_instant_decides():
    interview = at(NY, 2026, 10, 30, 1, 30)  # Friday 01:30 EDT
    thanks = pending(Facts(interview), interview)[("thanks", 1)]
    assert thanks.deadline == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # the first 01:30 (EDT)
    second_0115 = datetime(2026, 11, 1, 1, 15, fold=1, tzinfo=NY)  # 01:15 EST, after it
    assert thanks.state(second_0115) == "overdue"
    assert assess(Facts(interview), second_0115, NY).pending[0].state(second_0115) == "overdue"


def test_the_reflection_is_due_a_day_after_the_interview_and_done_by_reflecting():
    interview = at(NY, 2026, 10, 31, 17, 0)  # the day before clocks fall back
    reflect = pending(Facts(interview), interview)[("reflect", 1)]
    assert reflect.opens == interview
    assert reflect.deadline == at(NY, 2026, 11, 1, 17, 0)  # same wall-clock hour, 25 h later
    assert pending(Facts(interview), interview, settings=Settings(reflect_days=3))[
        ("reflect", 1)
    ].deadline == at(NY, 2026, 11, 3, 17, 0)
    done = Facts(interview, events=(Event("done", "reflect", at(NY, 2026, 10, 31, 20)),))
    left = pending(done, at(NY, 2026, 11, 1))
    assert ("reflect", 1) not in left and ("thanks", 1) in left  # it completes nothing else
    assert ("reflect", 1) not in pending(Facts(interview), interview, settings=QUIET)


@pytest.mark.parametrize(
    "event",
    [
        Event("result", "offer", datetime(2026, 11, 1, tzinfo=UTC)),
        Event("done", "decline", datetime(2026, 11, 1, tzinfo=UTC)),
    ],
)
def test_a_result_or_a_decline_cancels_the_reflection(event):
    facts = Facts(at(NY, 2026, 10, 31, 17, 0), events=(event,))
    assert ("reflect", 1) not in pending(facts, at(NY, 2026, 11, 1, 12))


# -- prep: the evening before an interview ------------------------------------------------


def prep_of(facts, now, tz=NY):
    return next((a for a in assess(facts, now, tz, QUIET).pending if a.action == "prep"), None)


def test_prep_opens_at_18_the_evening_before_and_is_due_when_the_interview_starts():
    interview = at(NY, 2026, 11, 24, 9, 30)
    facts = Facts(interview, recorded=at(NY, 2026, 11, 20, 12))
    prep = prep_of(facts, at(NY, 2026, 11, 23, 8))
    assert prep is not None
    assert prep.opens == at(NY, 2026, 11, 23, 18).astimezone(UTC)
    assert prep.deadline == interview.astimezone(UTC)
    assert prep.state(at(NY, 2026, 11, 23, 17, 59)) == "upcoming"
    assert prep.state(at(NY, 2026, 11, 23, 18)) == "due"
    assert prep_of(facts, interview) is None  # gone once the interview has started
    assert prep_of(facts, at(NY, 2026, 11, 24, 9, 29)).state(at(NY, 2026, 11, 24, 9, 29)) == "due"


def test_prep_of_an_interview_recorded_late_opens_when_recorded():
    interview = at(NY, 2026, 11, 24, 9, 30)
    recorded = at(NY, 2026, 11, 23, 21, 15)
    prep = prep_of(Facts(interview, recorded=recorded), recorded)
    assert prep is not None and prep.opens == recorded.astimezone(UTC)
    assert prep.state(recorded) == "due"


def test_prep_is_cancelled_by_a_withdrawal():
    interview = at(NY, 2026, 11, 24, 9, 30)
    events = (Event("result", "withdrawn", at(NY, 2026, 11, 22, 10)),)
    assert prep_of(Facts(interview, events=events), at(NY, 2026, 11, 23, 19)) is None


def test_prep_opens_at_18_local_across_a_dst_change():
    # The clocks fall back on Sunday 1 Nov 2026 in New York: 18:00 on the Sunday is EST.
    prep = prep_of(Facts(at(NY, 2026, 11, 2, 9)), at(NY, 2026, 10, 30, 9))
    assert prep is not None
    assert prep.opens == datetime(2026, 11, 1, 23, 0, tzinfo=UTC)  # 18:00 EST
    prep = prep_of(Facts(at(NY, 2026, 11, 1, 9)), at(NY, 2026, 10, 30, 9))
    assert prep.opens == datetime(2026, 10, 31, 22, 0, tzinfo=UTC)  # 18:00 EDT


# -- an interview's own zone -----------------------------------------------------------------


def test_days_and_weekends_count_in_the_zone_the_interview_was_held_in():
    tokyo = ZoneInfo("Asia/Tokyo")
    start = at(tokyo, 2026, 11, 21, 9, 0)  # Saturday in Tokyo, Friday evening in New York
    now = at(UTC, 2026, 11, 22)
    held = pending(Facts(start, tz=tokyo), now, tz=NY)
    assert held[("thanks", 1)].deadline == at(tokyo, 2026, 11, 23, 9, 0)
    assert held[("check", 1)].opens == at(tokyo, 2026, 11, 30)  # Saturday -> Monday, in Tokyo
    profile = pending(Facts(start), now, tz=NY)
    assert profile[("check", 1)].opens == at(NY, 2026, 11, 27)  # a Friday in New York
    assert first_check_opens(Facts(start, tz=tokyo), NY, DEFAULTS) == at(tokyo, 2026, 11, 30)


# -- heard: the employer answered without a decision ------------------------------------------


def test_heard_cancels_the_pending_check_and_opens_one_check_days_after_the_reply():
    interview = at(NY, 2026, 11, 16, 10, 0)  # a Monday
    reply = at(NY, 2026, 11, 20, 16, 30)  # Friday: "we are still deciding"
    facts = Facts(interview, events=(Event("done", "heard", reply),))
    actions = pending(facts, at(NY, 2026, 11, 23, 9, 0), settings=QUIET)
    check = actions[("check", 1)]
    assert check.opens == at(NY, 2026, 11, 27, 0, 0)  # Friday a week after the reply
    assert ("check", 2) not in actions
    # Without the reply the check would have opened on Monday 23 November.
    before = pending(Facts(interview), at(NY, 2026, 11, 23, 9, 0), settings=QUIET)
    assert before[("check", 1)].opens == at(NY, 2026, 11, 23, 0, 0)


def test_the_check_after_a_reply_moves_off_a_weekend():
    interview = at(NY, 2026, 11, 16, 10, 0)
    reply = at(NY, 2026, 11, 21, 9, 0)  # Saturday
    facts = Facts(interview, events=(Event("done", "heard", reply),))
    check = pending(facts, reply, settings=QUIET)[("check", 1)]
    assert check.opens == at(NY, 2026, 11, 30, 0, 0)  # Saturday 28th moves to Monday 30th


def test_the_check_after_a_reply_waits_for_the_decision_date():
    interview = at(NY, 2026, 11, 16, 10, 0)
    reply = at(NY, 2026, 11, 18, 9, 0)  # "we decide by 4 December"
    facts = Facts(interview, date(2026, 12, 4), events=(Event("done", "heard", reply),))
    check = pending(facts, reply, settings=QUIET)[("check", 1)]
    assert check.opens == at(NY, 2026, 12, 7, 0, 0)  # Saturday 5th -> Monday 7th


def test_the_check_after_a_reply_opens_at_local_midnight_across_a_dst_change():
    # DST ends in New York on Sunday 1 November 2026: the reply is in EDT, the check in EST.
    interview = at(NY, 2026, 10, 20, 10, 0)
    reply = at(NY, 2026, 10, 29, 23, 30)  # Thursday, EDT (UTC-4)
    facts = Facts(interview, events=(Event("done", "heard", reply),))
    check = pending(facts, reply, settings=QUIET)[("check", 1)]
    assert check.opens.astimezone(NY) == at(NY, 2026, 11, 5, 0, 0)
    assert check.opens == datetime(2026, 11, 5, 5, 0, tzinfo=UTC)  # EST, UTC-5


def test_checks_before_a_reply_no_longer_count_towards_ghosted():
    interview = at(NY, 2026, 11, 2, 10, 0)
    first = at(NY, 2026, 11, 9, 9, 0)
    second = at(NY, 2026, 11, 16, 9, 0)
    reply = at(NY, 2026, 11, 17, 12, 0)
    silent = Facts(
        interview, events=(Event("done", "check", first), Event("done", "check", second))
    )
    later = at(NY, 2026, 11, 24, 9, 0)
    assert assess(silent, later, NY, QUIET).status == "ghosted"
    answered = Facts(interview, events=(*silent.events, Event("done", "heard", reply)))
    assessment = assess(answered, later, NY, QUIET)
    assert assessment.status == "awaiting"
    checks = [(a.number, a.opens) for a in assessment.pending if a.action == "check"]
    assert checks == [(1, at(NY, 2026, 11, 24, 0, 0))]
    # A check after the reply is the first since it: the second opens a week later.
    again = Facts(interview, events=(*answered.events, Event("done", "check", later)))
    assert pending(again, later, settings=QUIET)[("check", 2)].opens == at(NY, 2026, 12, 1, 0, 0)


@pytest.mark.parametrize(
    "event",
    [
        Event("result", "offer", datetime(2026, 11, 20, tzinfo=UTC)),
        Event("done", "decline", datetime(2026, 11, 20, tzinfo=UTC)),
    ],
)
def test_after_a_result_or_a_decline_a_reply_opens_no_check(event):
    interview = at(NY, 2026, 11, 16, 10, 0)
    facts = Facts(interview, events=(event, Event("done", "heard", at(NY, 2026, 11, 21, 9, 0))))
    assert not [a for a in assess(facts, at(NY, 2026, 12, 10), NY).pending if a.action == "check"]


def test_heard_leaves_the_thank_you_pending():
    interview = at(NY, 2026, 11, 16, 10, 0)
    facts = Facts(interview, events=(Event("done", "heard", at(NY, 2026, 11, 16, 15, 0)),))
    assert ("thanks", 1) in pending(facts, at(NY, 2026, 11, 16, 16, 0))
