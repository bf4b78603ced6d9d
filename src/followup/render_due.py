"""``followup due`` as pipes and scripts see it, and what a terminal shares with them.

A pipe or a file gets every row as plain aligned lines (:func:`plain`), ``--json`` every row
too (:func:`json_text`); a terminal gets the same columns in colour, cut to the window
(:mod:`followup.render_screen`). A pipe may get tens of thousands of rows, and they share
most of their texts: an interview's name (on each of its actions' rows), an action's label,
a time (every status check of a day opens at its midnight). Each of those is made, measured
and encoded once per list, and a row is then a few look-ups (``tests/test_due_format.py``
compares the output with each row made on its own).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, tzinfo
from operator import itemgetter

from followup import dates, table_dates
from followup.i18n import _
from followup.records import DueRow, Morning, action_of, instant
from followup.render import NEXT_STEP, STATE_TITLE, Widths, action_label, where, width

PIECE = 200  # lines to a piece of output: a few dozen KiB at a time, never the whole list


def shown_at(state: str, opens: int, deadline: int | None) -> int:
    """What a row's time column shows: when an upcoming action opens, else when it is due
    (its deadline, or when it opens for an action without one)."""
    return opens if state == "upcoming" or deadline is None else deadline


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


def plain(morning: Morning, tz: tzinfo, now: datetime) -> Iterator[bytes]:
    """Every row, grouped by state, as aligned plain lines: for a pipe or a file.

    In UTF-8, in pieces of at most ``PIECE`` lines, to be written as they come
    (:func:`followup.reading.write_utf8`): a long list is never held whole, and each shared
    cell is encoded once, where encoding whole lines would go through every character of
    every one again."""
    cells = _PlainCells(morning, tz, now)
    for state, rows in morning.rows.items():
        if rows:
            yield f"{title(state, len(rows), len(rows))}\n".encode()
            yield from cells.table(state, rows)
            yield b"\n"
    yield f"{dates.zone_caption(tz, now)}\n".encode()


class _PlainCells:
    """The cells of :func:`plain`'s tables, each distinct one made and measured once
    (:func:`followup.render.width`, as Rich measures: the columns line up with its tables)."""

    def __init__(self, morning: Morning, tz: tzinfo, now: datetime) -> None:
        self.shorts = table_dates.ShortTimes(tz, now)
        self.relatives = table_dates.RelativeTimes(now)
        self.widths = widths = Widths()
        places = {
            zone: where({"zone": zone}, tz)
            for zone in set(map(itemgetter(2), morning.named.values()))
        }
        # ``Acme · Support Engineer (Asia/Kolkata)``, the zone when it is not the user's, and
        # its width (a text that is not ASCII measured from its parts, met many times).
        self.names: dict[int, tuple[str, int]] = {}
        made: dict[tuple[str, str, str | None], tuple[str, int]] = {}
        named = morning.named
        for ident in morning.interviews():
            held = named[ident]
            name = made.get(held)
            if name is None:
                company, role, zone = held
                text = f"{company} · {role}{places[zone]}"
                size = len(text)
                if not text.isascii():
                    size = widths[company] + widths[" · "] + widths[role] + widths[places[zone]]
                name = made[held] = (text, size)
            self.names[ident] = name
        self.labels: dict[int, tuple[str, int]] = {}
        self.times: dict[int, tuple[str, int]] = {}
        # The ID and Interview cells padded to a table's widths (the tables of one list
        # often share them): for each pair of widths, each interview's.
        self.leads: dict[tuple[int, int], dict[int, bytes]] = {}
        self.ids = {ident: str(ident).encode() for ident in self.names}

    def table(self, state: str, rows: list[DueRow]) -> Iterator[bytes]:
        """One state's rows under their header, columns aligned: ID, Interview, Action, Due
        (Opens), Next; each line without trailing spaces."""
        upcoming = state == "upcoming"
        present = set(map(itemgetter(0), rows))
        labels = {kind: self.label(kind) for kind in set(map(itemgetter(1), rows))}
        if upcoming:  # when it opens
            moments = set(map(itemgetter(2), rows))
        elif state == "overdue":  # its deadline, which every overdue action has
            moments = set(map(itemgetter(3), rows))
        else:  # its deadline, else when it opened
            moments = {opens if deadline is None else deadline for _i, _k, opens, deadline in rows}
        times = {moment: self.when(moment) for moment in moments}
        titles = headers(state)
        names = self.names
        sizes = [
            max(width(titles[0]), len(str(max(present)))),
            max(width(titles[1]), max(names[ident][1] for ident in present)),
            max(width(titles[2]), max(size for _text, size in labels.values())),
            max(width(titles[3]), max(size for _text, size in times.values())),
        ]
        head = "  ".join(
            [
                *(
                    name + " " * (size - width(name))
                    for name, size in zip(titles, sizes, strict=False)
                ),
                titles[4],
            ]
        )
        # A row's cells up to its Action column depend on the interview alone, its Action
        # cell and the command's start on the action, its time on the instant: each is
        # padded once, and a row is three look-ups.
        lead = self.leads.setdefault((sizes[0], sizes[1]), {})
        ident_size, name_size = sizes[0], sizes[1] + 2
        for ident in present.difference(lead):
            text, size = names[ident]
            lead[ident] = f"{ident:<{ident_size}}  {text}{' ' * (name_size - size)}".encode()
        what = {
            kind: (
                f"{text}{' ' * (sizes[2] + 2 - size)}".encode(),
                f"{NEXT_STEP[action_of(kind)[0]]} ".encode(),
            )
            for kind, (text, size) in labels.items()
        }
        when = {
            moment: f"{text}{' ' * (sizes[3] + 2 - size)}".encode()
            for moment, (text, size) in times.items()
        }
        ids = self.ids
        yield f"{head.rstrip()}\n".encode()
        for start in range(0, len(rows), PIECE):
            lines = [
                b"".join(
                    (
                        lead[ident],
                        (action := what[kind])[0],
                        when[opens if upcoming or deadline is None else deadline],
                        action[1],
                        ids[ident],
                    )
                )
                for ident, kind, opens, deadline in rows[start : start + PIECE]
            ]
            yield b"\n".join(lines) + b"\n"

    def label(self, kind: int) -> tuple[str, int]:
        known = self.labels.get(kind)
        if known is None:
            text = action_label(*action_of(kind))
            known = self.labels[kind] = (text, self.widths[text])
        return known

    def when(self, moment: int) -> tuple[str, int]:
        """``in 2 days (Fri 04 Dec 09:00)``: the instant's date, how far it lies from now."""
        known = self.times.get(moment)
        if known is None:
            at = instant(moment)
            relative = self.relatives.relative(at)
            short = self.shorts.short(at)
            known = self.times[moment] = (
                f"{relative} ({short})",
                self.widths[relative] + 2 + self.widths[short] + 1,  # " (" and ")"
            )
        return known


def json_text(morning: Morning, tz: tzinfo, now: datetime) -> Iterator[bytes]:
    """``due --json``: a list of every row (docs/json.md), one per line, each as
    ``json.dumps`` writes it (what :func:`followup.render.emit_json` prints for a list of
    their dicts); in UTF-8, in pieces of at most ``PIECE`` rows, as :func:`plain`. A row's
    ``relative`` is to what the time column shows, and it and ``label`` are in English
    whatever the interface speaks.

    Each value that rows share is encoded once, by the encoder ``json`` itself uses: what
    a row says of its interview (from its start to ``zone`` and its value), and of its
    action (from ``action`` to the start of ``next``'s value, and from the end of that
    value); a row is those joined, its id before the last."""
    if not morning.listed:
        yield b"[]\n"
        return
    from json.encoder import encode_basestring  # what JSONEncoder(ensure_ascii=False) uses

    def text(value: str | None) -> str:
        return "null" if value is None else encode_basestring(value)

    who = {}
    for ident in morning.interviews():
        company, role, zone = morning.named[ident]
        who[ident] = (
            f'  {{"id": {ident}, "company": {text(company)}, "role": {text(role)}, '
            f'"zone": {text(zone)}, '.encode()
        )
    ids = {ident: str(ident).encode() for ident in who}
    lead = b"[\n"
    for state, rows in morning.rows.items():
        parts = _JsonParts(state, tz, now, text)
        for start in range(0, len(rows), PIECE):
            lines = [
                b"".join((who[row[0]], (part := parts[row[1:]])[0], ids[row[0]], part[1]))
                for row in rows[start : start + PIECE]
            ]
            yield lead + b",\n".join(lines)
            lead = b",\n"
    yield b"\n]\n"


class _JsonParts(dict[tuple[int, int, int | None], tuple[bytes, bytes]]):
    """What a row of one state says of its action (``action``, ``number``, ...), made the
    first time it is asked for: the text from ``"action"`` to the start of ``next``'s
    value, and from the end of that value to the end of the row (the id goes between)."""

    def __init__(
        self, state: str, tz: tzinfo, now: datetime, text: Callable[[str | None], str]
    ) -> None:
        super().__init__()
        self.state, self.text = state, text
        self.isos = table_dates.IsoTimes(tz)
        self.relatives = table_dates.RelativeTimes(now, english=True)

    def iso(self, moment: int | None) -> str:
        return "null" if moment is None else self.text(self.isos.iso(instant(moment)))

    def __missing__(self, key: tuple[int, int, int | None]) -> tuple[bytes, bytes]:
        kind, opens, deadline = key
        name, number = action_of(kind)
        text, state = self.text, self.state
        relative = self.relatives.relative(instant(shown_at(state, opens, deadline)))
        made = self[key] = (
            f'"action": {text(name)}, "number": {number}, '
            f'"due": {self.iso(opens if deadline is None else deadline)}, '
            f'"opens": {self.iso(opens)}, "deadline": {self.iso(deadline)}, '
            f'"state": {text(state)}, "relative": {text(relative)}, '
            f'"next": {text(f"{NEXT_STEP[name]} ")[:-1]}'.encode(),
            f'", "label": {text(action_label(name, number, english=True))}}}'.encode(),
        )
        return made
