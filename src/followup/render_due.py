"""``followup due`` as pipes and scripts see it, and what a terminal shares with them.

A pipe or a file gets every row as plain aligned lines, built straight from the morning
list without Rich; ``--json`` every row too (:func:`rows_json`). A terminal
gets the same columns in colour, cut to the window (:mod:`followup.render_screen`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from followup import dates, rules, table_dates
from followup.i18n import _
from followup.render import (
    STATE_TITLE,
    Widths,
    label,
    next_step,
    plain_columns,
    where,
    width,
)

if TYPE_CHECKING:
    from followup import records

Pair = tuple[rules.Item, "records.Interview"]


def moment(item: rules.Item) -> datetime:
    """What the row's time column shows: when an upcoming action opens, else when it is due."""
    return item.action.opens if item.state == "upcoming" else item.action.due


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
    cells = _PlainCells(tz, now)
    parts = []
    for state, group in itertools.groupby(pairs, key=lambda pair: pair[0].state):
        columns, sizes = cells.table(group)
        parts.append(title(state, len(columns[0]), len(columns[0])) + "\n")
        parts.append(plain_columns(headers(state), columns, sizes) + "\n")
    parts.append(dates.zone_caption(tz, now) + "\n")
    return "".join(parts)


class _PlainCells:
    """The cells of :func:`plain`'s rows, and their widths (:func:`followup.render.width`).

    A pipe may get tens of thousands of rows, and they share most of their texts: an
    interview's name and place (on each of its actions' rows), an action's label, the time
    of an instant. Each of these is made and measured once per table. A cell is measured
    from its parts, since a string's width is the sum of its characters'."""

    def __init__(self, tz: tzinfo, now: datetime) -> None:
        self.tz, self.now = tz, now
        self.shorts = table_dates.ShortTimes(tz, now)
        self.relatives = table_dates.RelativeTimes(now)
        self.widths = Widths()
        self.names: dict[tuple[str, str, str | None], tuple[str, int]] = {}
        self.places: dict[str | None, str] = {}  # " (Asia/Kolkata)" for each zone met
        self.labels: dict[tuple[str, int], tuple[str, int]] = {}
        self.times: dict[tuple[timedelta, timedelta], tuple[str, int]] = {}

    def table(self, group: Iterable[Pair]) -> tuple[list[list[str]], list[list[int]]]:
        """The cells of one state's rows, column by column (ID, Interview, Action, Due or
        Opens, Next: :func:`followup.render.plain_columns`), and their widths."""
        ids: list[str] = []
        names: list[str] = []
        actions: list[str] = []
        times: list[str] = []
        steps: list[str] = []
        name_sizes: list[int] = []
        action_sizes: list[int] = []
        time_sizes: list[int] = []
        for item, interview in group:
            action = item.action
            ids.append(str(interview.id))
            name, size = self.name(interview)
            names.append(name)
            name_sizes.append(size)
            what, size = self.label(action)
            actions.append(what)
            action_sizes.append(size)
            when, size = self.when(moment(item))
            times.append(when)
            time_sizes.append(size)
            steps.append(next_step(action.action, interview.id))
        columns = [ids, names, actions, times, steps]
        sizes = [list(map(len, ids)), name_sizes, action_sizes, time_sizes, list(map(width, steps))]
        return columns, sizes

    def name(self, interview: records.Interview) -> tuple[str, int]:
        """``Acme · Support Engineer (Asia/Kolkata)``, the zone when it is not the user's."""
        key = (interview.company, interview.role, interview.zone)
        known = self.names.get(key)
        if known is None:
            if interview.zone not in self.places:
                self.places[interview.zone] = where({"zone": interview.zone}, self.tz)
            place = self.places[interview.zone]
            known = self.names[key] = (
                f"{interview.company} · {interview.role}{place}",
                self.widths[interview.company]
                + self.widths[" · "]
                + self.widths[interview.role]
                + self.widths[place],
            )
        return known

    def when(self, shown: datetime) -> tuple[str, int]:
        """``in 2 days (Fri 04 Dec 09:00)``. Its date is the instant's, its relative time is
        how far it lies from ``now`` (:func:`followup.dates.relative` subtracts, which in one
        zone goes by the wall clocks): the two together are the key."""
        key = (table_dates.instant(shown), shown - self.now)
        known = self.times.get(key)
        if known is None:
            relative = self.relatives.relative(shown)
            short = self.shorts.short(shown)
            known = self.times[key] = (
                f"{relative} ({short})",
                self.widths[relative] + 2 + self.widths[short] + 1,  # " (" and ")"
            )
        return known

    def label(self, action: rules.Action) -> tuple[str, int]:
        key = (action.action, action.number)
        known = self.labels.get(key)
        if known is None:
            text = label(action)
            known = self.labels[key] = (text, self.widths[text])
        return known


def rows_json(
    pairs: list[Pair], now: datetime, tz: tzinfo, *, people: bool = False
) -> list[dict[str, Any]]:
    """The rows of ``due --json`` (docs/json.md), their ``relative`` to what the time column
    shows, in English whatever the interface speaks; with ``people``, the label and relative
    time in the interface language. Made for tens of thousands of rows: each instant written
    once, each relative time and label worded once (``tests/test_due_format.py`` compares
    them with each row made on its own)."""
    isos = table_dates.IsoTimes(tz)
    relatives = table_dates.RelativeTimes(now, english=not people)
    labels: dict[tuple[str, int], str] = {}
    rows = []
    for item, interview in pairs:
        action = item.action
        key = (action.action, action.number)
        if key not in labels:
            labels[key] = label(action, english=not people)
        rows.append(
            {
                "id": interview.id,
                "company": interview.company,
                "role": interview.role,
                "zone": interview.zone,
                "action": action.action,
                "number": action.number,
                "due": isos.iso(action.due),
                "opens": isos.iso(action.opens),
                "deadline": isos.iso(action.deadline) if action.deadline else None,
                "state": item.state,
                "relative": relatives.relative(moment(item)),
                "next": next_step(action.action, interview.id),
                "label": labels[key],
            }
        )
    return rows
