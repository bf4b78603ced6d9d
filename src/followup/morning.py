"""The morning command, ``followup due``: what is overdue, due and coming up.

Free of Typer so that :mod:`followup.entry` can answer the most frequent command without
importing it; :func:`followup.cli.due` calls the same function.
"""

from __future__ import annotations

import sys

from followup import dates, render, rules
from followup.context import Context, note


def due(*, on: str | None, days: int, json: bool) -> None:
    ctx = Context(read_only=True)
    now = ctx.when("--on", on)
    interviews = {item.id: item for item in ctx.store.interviews(open_only=True)}
    items = rules.due(
        [(i, item.facts()) for i, item in interviews.items()],
        now,
        ctx.tz,
        ctx.profile.settings,
        days,
    )
    rows = []
    for item in items:
        row = render.due_json(item, interviews[item.interview_id], now, ctx.tz)
        row["relative"] = dates.relative(
            item.action.opens if item.state == "upcoming" else item.action.due, now
        )
        rows.append(row)
    if json:
        render.emit_json(rows)
        return
    if not rows:
        note(f"Nothing due in the next {days} days." if days else "Nothing due.")
        return
    if render.terminal():
        render.due_table(rows, ctx.tz, now, render.console())
    else:  # a pipe or a file: plain aligned lines, which also spares loading Rich
        sys.stdout.write(render.due_plain(rows, ctx.tz, now))
