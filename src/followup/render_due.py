"""``followup due`` as people and pipes see it.

In a terminal the table shows the most urgent rows that fit the window, and says how many
more there are (``--all`` shows every row). A pipe or a file gets every row as plain aligned
lines, built straight from the morning list without Rich; ``--json`` every row too
(:func:`followup.render.due_json`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from followup import dates, rules, table_dates
from followup.i18n import _, ngettext
from followup.render import (
    NARROW,
    STATE_STYLE,
    STATE_TITLE,
    Widths,
    due_json,
    label,
    next_step,
    plain_columns,
    where,
    width,
)

if TYPE_CHECKING:
    from rich.console import Console

    from followup import records

Pair = tuple[rules.Item, "records.Interview"]
ROW_LINES = {False: 2, True: 3}  # a row's lines at the least: in a table, stacked
GROUP_LINES = {False: 4, True: 2}  # title, header and its rule, the blank line after
FOOTER_LINES = 3  # the zone caption, the "more" line, and the shell's prompt after


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
    """``[row_json(item, interview, now, tz, people=people) for item, interview in pairs]``,
    made faster for tens of thousands of rows: each instant written once, each relative
    time and label worded once. The keys, their order and their values are those of
    :func:`followup.render.due_json` and :func:`row_json` (``tests/test_due_format.py``
    compares them): a key added there is added here."""
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


def fitting(states: list[str], height: int, *, stacked: bool) -> int:
    """How many rows, in order (their states given), fit ``height`` lines at best."""
    used, shown, group = FOOTER_LINES, 0, None
    for state in states:
        cost = ROW_LINES[stacked] + (GROUP_LINES[stacked] if state != group else 0)
        if used + cost > height:
            break
        used, shown, group = used + cost, shown + 1, state
    return max(shown, 1)


def screen(
    pairs: list[Pair], tz: tzinfo, now: datetime, out: Console, *, every: bool = False
) -> None:
    """The table in a terminal: the most urgent rows that fit the window (all with
    ``every``), then how many more there are."""
    totals = {state: 0 for state in rules.STATES}
    for item, _interview in pairs:
        totals[item.state] += 1
    if every:
        rows = rows_json(pairs, now, tz, people=True)
        table(rows, tz, now, out, totals=totals, more=0)
        return
    height = out.size.height
    stacked = out.width < NARROW
    states = [i.state for i, _interview in pairs[:height]]
    count = min(len(pairs), fitting(states, height, stacked=stacked))
    rows = rows_json(pairs[:count], now, tz, people=True)
    while True:  # long names wrap: measure what Rich draws, and drop rows until it fits
        with out.capture() as drawn:
            table(rows, tz, now, out, totals=totals, more=len(pairs) - len(rows))
        text = drawn.get()
        over = text.count("\n") + 1 - height  # + the shell's prompt
        if over <= 0 or len(rows) == 1:
            break
        rows = rows[: max(1, len(rows) - max(1, over // ROW_LINES[stacked]))]
    out.file.write(text)
    out.file.flush()


def table(
    rows: list[dict[str, Any]],
    tz: tzinfo,
    now: datetime,
    out: Console,
    *,
    totals: dict[str, int] | None = None,
    more: int = 0,
) -> None:
    """Rich tables, one per state (stacked lines in a narrow terminal); ``totals``: each
    state's count when not every row is shown; ``more``: how many rows are not."""
    from rich.markup import escape
    from rich.table import Table

    for state in rules.STATES:
        group = [r for r in rows if r["state"] == state]
        if not group:
            continue
        heading = title(state, len(group), totals[state] if totals else len(group))
        if out.width < NARROW:
            _stacked(group, heading, state, tz, now, out)
            continue
        grid = Table(
            title=heading,
            title_style=STATE_STYLE[state],
            title_justify="left",
            show_edge=False,
            pad_edge=False,
        )
        names = headers(state)
        grid.add_column(names[0], justify="right", no_wrap=True)
        grid.add_column(names[1], ratio=1)
        grid.add_column(names[2], no_wrap=True)
        grid.add_column(names[3], style=STATE_STYLE[state], no_wrap=True)
        grid.add_column(names[4], style="dim", no_wrap=True)
        for row in group:
            when = datetime.fromisoformat(row["due"] if state != "upcoming" else row["opens"])
            grid.add_row(
                str(row["id"]),
                f"{escape(row['company'])}\n[dim]{escape(row['role'])}{where(row, tz)}[/]",
                row["label"],
                f"{row['relative']}\n{dates.short(when, tz, now)}",
                row["next"],
            )
        out.print(grid)
        out.print()
    if more:
        out.print(
            ngettext(
                "{count} more not shown: `followup due --all` shows every one.",
                "{count} more not shown: `followup due --all` shows every one.",
                more,
            ).format(count=more),
            style="bold",
            soft_wrap=True,
        )
    out.print(dates.zone_caption(tz, now), style="dim", soft_wrap=True)


def _stacked(
    group: list[dict[str, Any]], heading: str, state: str, tz: tzinfo, now: datetime, out: Console
) -> None:
    """One state's rows in a narrow terminal: each on lines of its own, the command whole."""
    from rich.markup import escape

    out.print(heading, style=STATE_STYLE[state])
    key = "opens" if state == "upcoming" else "due"
    for row in group:
        when = dates.short(datetime.fromisoformat(row[key]), tz, now)
        out.print(
            f"{row['id']}  {escape(row['company'])} · {escape(row['role'])}{where(row, tz)}",
            soft_wrap=True,
        )
        out.print(f"   {row['label']}, {row['relative']} ({when})", soft_wrap=True)
        out.print(f"   {row['next']}", style="dim", soft_wrap=True)
    out.print()
