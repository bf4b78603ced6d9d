"""``followup due`` as pipes and scripts see it, and what a terminal shares with them.

A pipe or a file gets every row as plain aligned lines, built straight from the morning
list without Rich; ``--json`` every row too (:func:`followup.render.due_json`). A terminal
gets the same columns in colour, cut to the window (:mod:`followup.render_screen`).
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from followup import dates, rules
from followup.i18n import _
from followup.render import (
    STATE_TITLE,
    due_json,
    label,
    next_step,
    plain_table,
    where,
)

if TYPE_CHECKING:
    from followup import records

Pair = tuple[rules.Item, "records.Interview"]


def moment(item: rules.Item) -> datetime:
    """What the row's time column shows: when an upcoming action opens, else when it is due."""
    return item.action.opens if item.state == "upcoming" else item.action.due


def row_json(
    item: rules.Item,
    interview: records.Interview,
    now: datetime,
    tz: tzinfo,
    *,
    people: bool = False,
) -> Any:
    """A row of ``due --json`` (its ``relative``: to what the time column shows), in English
    whatever the interface speaks; with ``people``, its label and relative time in the
    interface language, for the table."""
    row = due_json(item, interview, now, tz)
    row["relative"] = dates.relative(moment(item), now, english=not people)
    if people:
        row["label"] = label(item.action)
    return row


def headers(state: str) -> list[str]:
    """The columns' names: ID, Interview, Action, Due (Opens for what is coming up), Next."""
    when = _("Opens") if state == "upcoming" else _("Due")
    return [_("ID"), _("Interview"), _("Action"), when, _("Next")]


def title(state: str, shown: int, total: int) -> str:
    """``Due now (3)``, or ``Due now (3 of 7)`` when not every row is shown."""
    count = (
        str(shown) if total == shown else _("{shown} of {total}").format(shown=shown, total=total)
    )
    return f"{_(STATE_TITLE[state])} ({count})"


def plain(pairs: list[Pair], tz: tzinfo, now: datetime) -> str:
    """Every row, grouped by state, as aligned plain lines: for a pipe or a file."""
    places: dict[str | None, str] = {}  # " (Asia/Kolkata)" for each zone met
    parts = []
    start = 0
    while start < len(pairs):
        state = pairs[start][0].state
        end = start
        while end < len(pairs) and pairs[end][0].state == state:
            end += 1
        table = []
        for item, interview in pairs[start:end]:
            if interview.zone not in places:
                places[interview.zone] = where({"zone": interview.zone}, tz)
            shown = moment(item)
            table.append(
                [
                    str(interview.id),
                    f"{interview.company} · {interview.role}{places[interview.zone]}",
                    label(item.action),
                    f"{dates.relative(shown, now)} ({dates.short(shown, tz, now)})",
                    next_step(item.action.action, interview.id),
                ]
            )
        parts.append(title(state, end - start, end - start) + "\n")
        parts.append(plain_table(headers(state), table) + "\n")
        start = end
    parts.append(dates.zone_caption(tz, now) + "\n")
    return "".join(parts)
