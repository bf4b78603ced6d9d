"""When ``followup remind`` sends, per channel. Pure: the morning list, ``now``, the zone and
what the channel was already sent in; a decision out. No I/O and no clock.

* The **daily** digest goes once per local calendar day per channel (its mark: ``daily`` and
  the day), and only when something is overdue or due now, unless ``always``. ``again``
  sends it even if that day's mark is there. Nothing sent, nothing marked: a later run the same
  day sends once something falls due.
* The **evening** note goes when an interview's ``prep`` has opened (18:00 the evening
  before) since that day's digest went: once per interview per channel (mark ``prep`` and the
  interview's uid). A digest that lists an open prep marks it too.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from followup import rules

DAILY = "daily"
EVENING = "evening"
PREP = "prep"


def local_day(now: datetime, tz: tzinfo) -> date:
    """The day a run at ``now`` counts for: the user's calendar day."""
    return now.astimezone(tz).date()


def needs_doing(items: list[rules.Item]) -> list[rules.Item]:
    """What needs doing today: overdue or due now."""
    return [i for i in items if i.state in ("overdue", "due")]


@dataclass(frozen=True)
class Plan:
    """What to send on one channel: ``kind`` daily or evening, the items, the marks to keep
    once it has gone (``(kind, key)`` pairs)."""

    kind: str
    items: list[rules.Item]
    marks: list[tuple[str, str]] = field(default_factory=list)


def plan(
    items: list[rules.Item],
    uids: Mapping[int, str],
    now: datetime,
    tz: tzinfo,
    sent: Collection[tuple[str, str]],
    *,
    again: bool = False,
    always: bool = False,
) -> Plan | None:
    """What one channel gets at ``now`` (None: nothing), given the ``(kind, key)`` marks it
    has. ``items`` is the morning list (:func:`followup.rules.due`); ``uids`` the interviews'
    uids by id."""
    today = local_day(now, tz).isoformat()
    open_preps = [i for i in items if i.action.action == "prep" and i.state == "due"]
    prep_marks = [(PREP, uids[i.interview_id]) for i in open_preps]
    if again or (DAILY, today) not in sent:
        if needs_doing(items) or always:
            return Plan(DAILY, list(items), [(DAILY, today), *prep_marks])
        return None
    fresh = [i for i, m in zip(open_preps, prep_marks, strict=True) if m not in sent]
    if fresh:
        return Plan(EVENING, fresh, [(PREP, uids[i.interview_id]) for i in fresh])
    return None
