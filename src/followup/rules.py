"""When each follow-up is due. Pure: interview facts, ``now`` and a zone in; actions out.

The rules, with the defaults of :class:`Settings` (the profile can change each number):

* **thanks**: a thank-you within two days. It opens when the interview starts; its deadline
  is ``thanks_days`` (2) calendar days later at the same wall-clock hour, overdue after that.
* **check**: ask for news a week later, and only once the employer's decision date is past. It
  opens at the start of the day ``check_days`` (7) after the interview, or of the day after
  the decision date when that is later; a Saturday or Sunday moves to the Monday after. It
  has no deadline. A second check opens at the start of the day ``check_days`` after the
  day the first was done, a weekend again moving to Monday; as long again after the second,
  an employer still silent makes the interview ``ghosted``.
* **reflect**: a quick, honest review of the interview. It opens when the interview starts;
  its deadline is ``reflect_days`` (1) later at the same hour. Off with ``Settings.reflect``.
* **reply**: answer an invitation to a further round at once. It opens when the invitation
  is recorded; its deadline is ``reply_days`` (1) later at the same hour. ``done reply``
  (accept) or ``done decline`` answers it; a result dated after the invitation replaces it.
* **prep**: prepare for an interview still to come. It opens at 18:00 local the evening
  before (or when the interview was recorded, if later) and is due when the interview starts;
  it is gone once the interview has started.
* **heard**: the employer answered without a decision (``done heard``, or a reply found by
  ``followup inbox``). The pending status check is cancelled; unless a result or a decline
  is recorded, a new one opens at the start of the day ``check_days`` after the latest reply
  (or of the day after the decision date, when that is later), a weekend moving to Monday.
  Checks done before the reply no longer count towards ``ghosted``.
* Any recorded result, or a decline, cancels pending prep, reflect, thanks and checks.

"N days" is N days on the local wall clock, so a deadline keeps its hour across a
daylight-saving change. This module does no I/O and never reads the clock.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import NamedTuple

ACTIONS = ("prep", "reflect", "thanks", "check", "reply")
PREP_HOUR = 18  # the evening before an interview, local time, when its prep opens
DONE_ACTIONS = ("reflect", "thanks", "check", "reply", "decline", "heard")
OUTCOMES = ("invited", "offer", "rejected", "withdrawn")
STATES = ("overdue", "due", "upcoming")


class Settings(NamedTuple):
    thanks_days: int = 2
    check_days: int = 7
    reply_days: int = 1
    reflect_days: int = 1
    reflect: bool = True


DEFAULTS = Settings()


class Event(NamedTuple):
    """Something the user recorded: ``done`` an action, or a ``result``."""

    kind: str  # "done" | "result"
    name: str  # an action of DONE_ACTIONS or an outcome of OUTCOMES
    at: datetime  # aware


class Facts(NamedTuple):
    at: datetime  # the interview's start, aware
    decision_by: date | None = None  # the employer's decision date, in the user's calendar
    events: tuple[Event, ...] = ()
    recorded: datetime | None = None  # when the interview was added, aware
    tz: tzinfo | None = None  # the zone it was held in: its deadlines and weekends follow it


class Action(NamedTuple):
    """A pending action (neither done nor cancelled)."""

    action: str  # one of ACTIONS
    opens: datetime
    deadline: datetime | None
    number: int = 1  # the first or second status check

    @property
    def due(self) -> datetime:
        """The deadline, or for an action without one the moment it opens."""
        return self.deadline if self.deadline is not None else self.opens

    def state(self, now: datetime) -> str:
        if self.deadline is not None and now > self.deadline:
            return "overdue"
        if now >= self.opens:
            return "due"
        return "upcoming"


class Assessment(NamedTuple):
    status: str  # scheduled | awaiting | ghosted | invited | offer | rejected | withdrawn
    pending: tuple[Action, ...]

    @property
    def is_open(self) -> bool:
        return bool(self.pending) or self.status in ("scheduled", "awaiting")


def days_later(moment: datetime, days: int, tz: tzinfo) -> datetime:
    """The same wall-clock time ``days`` calendar days later in ``tz``, as a UTC instant.

    Instants leave this module in UTC: Python compares two datetimes that share a tzinfo by
    their wall clocks, which is wrong in the hour a clock falls back.
    """
    local = moment.astimezone(tz)
    return datetime.combine(local.date() + timedelta(days=days), local.time(), tz).astimezone(
        timezone.utc
    )


def start_of_day(day: date, tz: tzinfo) -> datetime:
    """Midnight of ``day`` in ``tz`` (or the first instant after it, in a DST gap), in UTC."""
    return datetime.combine(day, time(0), tz).astimezone(timezone.utc)


def weekday_on_or_after(day: date) -> date:
    """Saturday and Sunday move to the Monday after."""
    return day + timedelta(days=max(0, 7 - day.weekday())) if day.weekday() >= 5 else day


def prep_opens(facts: Facts, tz: tzinfo) -> datetime:
    """18:00 local the evening before the interview, or when it was recorded if later."""
    day = facts.at.astimezone(tz).date() - timedelta(days=1)
    evening = datetime.combine(day, time(PREP_HOUR), tz).astimezone(timezone.utc)
    if facts.recorded is not None and facts.recorded > evening:
        return min(facts.recorded.astimezone(timezone.utc), facts.at)
    return evening


def first_check_opens(
    facts: Facts, tz: tzinfo, settings: Settings, heard: datetime | None = None
) -> datetime:
    """The first status check: ``check_days`` after the interview, or after the employer's
    latest reply (``heard``) when there is one; never before the day after the decision date;
    a weekend moves to Monday."""
    tz = facts.tz or tz
    start = heard if heard is not None else facts.at
    day = start.astimezone(tz).date() + timedelta(days=settings.check_days)
    if facts.decision_by is not None:
        after_decision = weekday_on_or_after(facts.decision_by + timedelta(days=1))
        day = max(day, after_decision)
    return start_of_day(weekday_on_or_after(day), tz)


def is_active(events: tuple[Event, ...] | list[Event]) -> bool:
    """Whether an interview can still have something to do, whatever the time.

    False once a final result is recorded (offer, rejected, withdrawn), or an invitation was
    answered. The store keeps this as an indexed column so the morning query never scans a
    long history of closed interviews.
    """
    ordered = sorted(events, key=lambda e: e.at)
    results = [e for e in ordered if e.kind == "result"]
    if not results:
        return True
    last = results[-1]
    if last.name != "invited":
        return False
    return not any(
        e.kind == "done" and e.name in ("reply", "decline") and e.at >= last.at for e in ordered
    )


class Plan(NamedTuple):
    """What the facts leave to do, whatever the time: :func:`assess` reads it at a moment,
    and the store keeps it for the morning list (``pending_action``)."""

    pending: tuple[Action, ...]  # most urgent first; a prep only while ``visible``
    result: str | None  # the latest recorded result
    ghosted_from: datetime | None  # when an employer still silent makes it ``ghosted``


def gone_at(action: Action) -> datetime | None:
    """When a planned action stops being pending, whatever is recorded: a prep when its
    interview starts (its deadline); None for every other action, pending until done."""
    return action.due if action.action == "prep" else None


def visible(action: Action, now: datetime) -> bool:
    """Whether a planned action is still pending at ``now`` (see :func:`gone_at`)."""
    gone = gone_at(action)
    return gone is None or now < gone


def plan(facts: Facts, tz: tzinfo, settings: Settings = DEFAULTS) -> Plan:
    """The interview's pending actions, whatever the time, most urgent first.

    Days are counted in the interview's own zone (``facts.tz``), else in ``tz``.
    """
    tz = facts.tz or tz
    facts = Facts(
        facts.at.astimezone(timezone.utc),
        facts.decision_by,
        tuple(Event(e.kind, e.name, e.at.astimezone(timezone.utc)) for e in facts.events),
        facts.recorded.astimezone(timezone.utc) if facts.recorded else None,
        tz,
    )
    events = sorted(facts.events, key=lambda e: e.at)
    results = [e for e in events if e.kind == "result"]
    done = {
        name: [e.at for e in events if e.kind == "done" and e.name == name] for name in DONE_ACTIONS
    }
    pending: list[Action] = []
    ghosted_from = None

    if not results and not done["decline"]:
        pending.append(Action("prep", prep_opens(facts, tz), facts.at))
        if settings.reflect and not done["reflect"]:
            deadline = days_later(facts.at, settings.reflect_days, tz)
            pending.append(Action("reflect", facts.at, deadline))
        if not done["thanks"]:
            deadline = days_later(facts.at, settings.thanks_days, tz)
            pending.append(Action("thanks", facts.at, deadline))
        heard = done["heard"][-1] if done["heard"] else None
        # A reply from the employer starts the wait again: earlier checks no longer count.
        checks = [at for at in done["check"] if heard is None or at > heard]
        if not checks:
            pending.append(Action("check", first_check_opens(facts, tz, settings, heard), None))
        else:
            day = checks[min(len(checks), 2) - 1].astimezone(tz).date()
            opens = start_of_day(weekday_on_or_after(day + timedelta(days=settings.check_days)), tz)
            if len(checks) == 1:
                pending.append(Action("check", opens, None, number=2))
            else:
                ghosted_from = opens

    invitations = [i for i, e in enumerate(results) if e.name == "invited"]
    if invitations:
        invite = results[invitations[-1]]
        answered = any(at >= invite.at for at in done["reply"] + done["decline"])
        superseded = invitations[-1] < len(results) - 1  # a later result came after it
        if not answered and not superseded:
            pending.append(
                Action("reply", invite.at, days_later(invite.at, settings.reply_days, tz))
            )

    pending.sort(key=lambda a: a.due)
    return Plan(tuple(pending), results[-1].name if results else None, ghosted_from)


def assess(facts: Facts, now: datetime, tz: tzinfo, settings: Settings = DEFAULTS) -> Assessment:
    """The interview's status at ``now`` and its pending actions, most urgent first.

    Days are counted in the interview's own zone (``facts.tz``), else in ``tz``.
    """
    now = now.astimezone(timezone.utc)
    planned = plan(facts, tz, settings)
    if planned.result is not None:
        status = planned.result
    elif now < facts.at:
        status = "scheduled"
    elif planned.ghosted_from is not None and now >= planned.ghosted_from:
        status = "ghosted"
    else:
        status = "awaiting"
    return Assessment(status, tuple(a for a in planned.pending if visible(a, now)))


class Item(NamedTuple):
    """One row of the morning list: a pending action of one interview."""

    interview_id: int
    action: Action
    state: str


def due(
    interviews: list[tuple[int, Facts]],
    now: datetime,
    tz: tzinfo,
    settings: Settings = DEFAULTS,
    days: int = 3,
) -> list[Item]:
    """What needs doing at ``now``: overdue, due, then what opens within ``days`` days.

    Within each group the most urgent comes first: the earliest deadline (or opening).
    """
    horizon = days_later(now, days, tz)
    items = []
    for interview_id, facts in interviews:
        for action in assess(facts, now, tz, settings).pending:
            state = action.state(now)
            if state == "upcoming" and action.opens >= horizon:
                continue
            items.append(Item(interview_id, action, state))
    # Most urgent first: the nearest deadline; for what has not opened yet, the nearest opening.
    items.sort(
        key=lambda i: (
            STATES.index(i.state),
            i.action.opens if i.state == "upcoming" else i.action.due,
            i.interview_id,
        )
    )
    return items
