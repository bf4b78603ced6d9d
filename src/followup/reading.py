"""The read commands people run many times a day: ``due``, ``list`` and ``show``.

Free of Typer so that :mod:`followup.entry` can answer them without importing it; the Typer
commands in :mod:`followup.cli` call the same functions, so both ways answer alike.
"""

from __future__ import annotations

import codecs
import gc
import os
import sys
from collections.abc import Iterable
from datetime import datetime, tzinfo

from followup import dates, records, render, rules
from followup.context import Context, note
from followup.i18n import _, ngettext


def list_interviews(*, all_: bool, json: bool) -> None:
    ctx = Context(read_only=True)
    rows = []
    for item in ctx.store.interviews(open_only=not all_):
        assessment = ctx.assess(item)
        if not all_ and not assessment.is_open:
            continue
        row = render.interview_json(item, assessment, ctx.now, ctx.tz)
        first = assessment.pending[0] if assessment.pending else None
        row["next"] = f"{render.label(first)} {dates.relative(first.due, ctx.now)}" if first else ""
        rows.append(row)
    if json:
        for row in rows:
            del row["next"]
        render.emit_json(rows)
    elif not rows:
        note(
            _("No open interviews.")
            if not all_
            else _("No interviews yet: record one with `followup add`.")
        )
    elif render.terminal():
        render.interviews_table(rows, ctx.tz, ctx.now, render.console())
    else:  # a pipe or a file: plain aligned lines
        sys.stdout.write(render.interviews_plain(rows, ctx.tz, ctx.now))


def show(interview_id: int, *, json: bool) -> None:
    ctx = Context(read_only=True)
    item = ctx.store.get(interview_id)
    row = ctx.interview_json(item)
    row["messages"] = [m.as_json(ctx.tz) for m in ctx.store.messages(item.id)]
    if json:
        render.emit_json(row)
    else:
        render.interview_detail(row, ctx.tz, ctx.now, render.console())


def due_items(
    open_interviews: list[records.Interview],
    now: datetime,
    tz: tzinfo,
    settings: rules.Settings,
    days: int,
    *,
    until: datetime | None = None,
) -> list[tuple[rules.Item, records.Interview]]:
    """The morning list at ``now``, each action with its interview: what ``due`` shows and
    ``remind`` sends. With ``until`` (``due --on``), what was recorded after it does not count:
    an interview closed since may have been open then."""
    interviews = {item.id: item for item in open_interviews}
    items = rules.due(
        [(i, item.facts(until=until)) for i, item in interviews.items()], now, tz, settings, days
    )
    return [(item, interviews[item.interview_id]) for item in items]


def due(*, on: str | None, days: int, json: bool, all_: bool = False) -> None:
    """The morning list: every row for ``--json`` and for a pipe; in a terminal the most
    urgent rows that fit the window (every row with ``all_``)."""
    # A long list is tens of thousands of tuples and strings, none of them in a cycle: the
    # garbage collector, run every few hundred of them, would only walk them again and
    # again. It is paused for the command, and runs again after it.
    collecting = gc.isenabled()
    gc.disable()
    try:
        _due(on=on, days=days, json=json, all_=all_)
    finally:
        if collecting:
            gc.enable()


def _due(*, on: str | None, days: int, json: bool, all_: bool) -> None:
    from followup import render_due, render_screen

    ctx = Context(read_only=True)
    now = ctx.when("--on", on)
    settings = ctx.profile.settings
    screen = not json and render.terminal()
    morning = None
    if on is None:  # the plans the store keeps hold what is recorded now, not at --on
        limit = render_screen.size()[1] if screen and not all_ else None
        morning = ctx.store.morning(now, ctx.tz, settings, days, limit)
    if morning is None:
        pairs = due_items(
            ctx.store.interviews(open_only=on is None, people=False),
            now,
            ctx.tz,
            settings,
            days,
            until=now if on is not None else None,
        )
        morning = records.Morning.of(pairs)
    if json:
        write_utf8(render_due.json_text(morning, ctx.tz, now))
        return
    if not morning.listed:
        if on is None and ctx.store.empty():  # a new user's first morning
            note(_("No interviews yet: record one with `followup add`."))
        elif days:
            note(
                ngettext(
                    "Nothing due in the next {count} day.",
                    "Nothing due in the next {count} days.",
                    days,
                ).format(count=days)
            )
        else:
            note(_("Nothing due."))
        return
    if screen:
        sys.stdout.write(render_screen.screen(morning, ctx.tz, now, every=all_))
    else:  # a pipe or a file: plain aligned lines, which also spares loading Rich
        write_utf8(render_due.plain(morning, ctx.tz, now))


def write_utf8(pieces: Iterable[bytes]) -> None:
    """Write UTF-8 ``pieces`` to stdout: to its bytes as they are when it takes UTF-8 and
    ends lines with ``\n`` (as it does but for a locale that says otherwise, or Windows),
    else as text, in its own encoding and line ends."""
    out = sys.stdout
    buffer = getattr(out, "buffer", None)
    if (
        buffer is not None
        and os.linesep == "\n"
        and codecs.lookup(out.encoding or "ascii").name == "utf-8"
    ):
        out.flush()  # what was written as text goes first
        buffer.writelines(pieces)
    else:
        out.writelines(piece.decode() for piece in pieces)
