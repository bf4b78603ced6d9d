"""``followup due`` in a terminal: the most urgent rows that fit the window, without Rich.

Importing Rich takes longer than all the rest of a ``due`` that reads a screenful from the
store, so the morning list in a terminal is drawn here: the aligned columns a pipe gets
(:func:`followup.render_due.plain`), in colour (none under ``NO_COLOR`` or ``TERM=dumb``,
as Rich does), cut to the window's height with how many more rows there are. A row wider
than the window folds its Interview cell onto further lines, so nothing is cut to "…";
below ``NARROW`` columns each row is stacked on lines of its own, the command whole.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from followup import dates
from followup.i18n import ngettext
from followup.records import action_of, instant
from followup.render import (
    NARROW,
    STATE_STYLE,
    TERMINAL_ZERO_WIDTH,
    action_label,
    measured_width,
    next_step,
    where,
)
from followup.render_due import headers, shown_at, title

if TYPE_CHECKING:
    from followup.records import DueRow, Morning

SGR = {"bold": "1", "dim": "2", "red": "31", "yellow": "33", "cyan": "36"}
GAP = "  "  # between columns
MIN_INTERVIEW = 20  # columns the Interview cell needs in a table; less: rows are stacked
INDENT = "   "  # a folded line's continuation
GROUP_LINES = {False: 3, True: 2}  # a group's title, header and the blank line after it
Line = tuple[str, str]  # a line as measured (no colour) and as drawn


def size() -> tuple[int, int]:
    """The window's columns and lines: ``COLUMNS`` and ``LINES`` first, as Rich and
    ``shutil.get_terminal_size`` read them (``shutil`` itself would load compression
    modules that ``due`` has no use for)."""
    try:
        found = os.get_terminal_size(sys.__stdout__.fileno() if sys.__stdout__ else 1)
        columns, lines = found.columns, found.lines
    except (OSError, ValueError):
        columns, lines = 80, 24
    columns = _number(os.environ.get("COLUMNS")) or columns or 80
    lines = _number(os.environ.get("LINES")) or lines or 24
    return max(columns, 20), max(lines, 5)


def _number(text: str | None) -> int:
    return int(text) if text and text.isascii() and text.isdigit() else 0


def width(text: str) -> int:
    """Columns a terminal gives ``text``, as the C library's ``wcswidth`` counts them: wide
    CJK two, combining marks none, but Devanagari's spacing vowel signs (ा, ि, ो) one each,
    which Rich and the plain lines of a pipe count as none. Measured so, a row never runs
    past the window's edge, where the terminal would wrap it and push the title off."""
    return len(text) if text.isascii() else measured_width(text, TERMINAL_ZERO_WIDTH)


def coloured() -> bool:
    return not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def paint(text: str, style: str, colour: bool) -> str:
    """``text`` in a Rich-style ``style`` (``"bold red"``) as SGR codes when ``colour``."""
    if not colour or not style or not text:
        return text
    return f"\x1b[{';'.join(SGR[word] for word in style.split())}m{text}\x1b[0m"


def fold(text: str, columns: int) -> list[str]:
    """``text`` cut into pieces at most ``columns`` wide (wide characters count two), after a
    space where there is one, as a terminal reader expects; the pieces join back to ``text``."""
    if width(text) <= columns:
        return [text]
    sizes = [width(char) for char in text]
    pieces, start, used, space = [], 0, 0, -1
    for i, char in enumerate(text):
        if used + sizes[i] > columns and i > start:
            cut = space + 1 if space >= start else i
            pieces.append(text[start:cut])
            start, used, space = cut, sum(sizes[cut:i]), -1
        used += sizes[i]
        if char == " ":
            space = i
    return [*pieces, text[start:]]


def styled(
    text: str,
    split: int,
    styles: tuple[str, str],
    columns: int,
    colour: bool,
    indent: str = INDENT,
) -> list[Line]:
    """``text`` folded to the window (further lines after ``indent``), its first ``split``
    characters in one style and the rest in the other."""
    lines, offset = [], 0
    for n, piece in enumerate(fold(text, columns - len(indent))):
        cut = max(0, min(len(piece), split - offset))
        shown = paint(piece[:cut], styles[0], colour) + paint(
            piece[cut:].rstrip(), styles[1], colour
        )
        lead = indent if n else ""
        lines.append((lead + piece.rstrip(), lead + shown))
        offset += len(piece)
    return lines


def lines_taken(line: str, columns: int) -> int:
    """How many lines of the window an unstyled line takes once the terminal wraps it."""
    return max(1, -(-width(line) // columns))


class _Row:
    """One row's cells as text."""

    def __init__(
        self, state: str, row: DueRow, morning: Morning, tz: tzinfo, now: datetime
    ) -> None:
        ident, kind, opens, deadline = row
        name, number = action_of(kind)
        company, role, zone = morning.named[ident]
        at = instant(shown_at(state, opens, deadline))
        self.state = state
        self.company = company  # drawn plain; the role and zone after it dim
        self.relative = dates.relative(at, now)
        self.date = dates.short(at, tz, now)
        self.cells = [
            str(ident),
            f"{company} · {role}{where({'zone': zone}, tz)}",
            action_label(name, number),
            f"{self.relative} ({self.date})",
            next_step(name, ident),
        ]

    def columns(self, split: bool) -> list[list[str]]:
        """Each cell's lines before folding: the time on two lines when ``split``."""
        when = [self.relative, self.date] if split else [self.cells[3]]
        return [[self.cells[0]], [self.cells[1]], [self.cells[2]], when, [self.cells[4]]]


def screen(morning: Morning, tz: tzinfo, now: datetime, *, every: bool = False) -> str:
    """What ``due`` draws in a terminal: the first rows of the morning list that fit the
    window (all of them with ``every``), grouped by state, with how many rows each state
    has in all (``morning.rows`` may be only the first ones, as many as the window has
    lines)."""
    columns, height = size()
    colour = coloured()
    totals = morning.totals
    listed = morning.first(None if every else height)
    rows = [_Row(state, row, morning, tz, now) for state, row in listed]
    groups = _groups(rows)
    tables = [_table(group, columns, colour) for group in groups]
    stacked = columns < NARROW or any(table is None for table in tables)
    headings = {g[0].state: t[0] for g, t in zip(groups, tables, strict=True) if t is not None}
    drawn = [
        _stack(g, columns, colour) if stacked or t is None else t[1]
        for g, t in zip(groups, tables, strict=True)
    ]
    caption = styled(dates.zone_caption(tz, now), 0, ("", "dim"), columns, colour)
    total = sum(totals.values())
    footer = len(caption) + len(_more(total, columns, colour)) + 1  # + the shell's prompt
    out: list[Line] = []
    used, shown = footer, 0
    for group, lines in zip(groups, drawn, strict=True):
        assert lines is not None
        kept: list[Line] = []
        cost, taken = GROUP_LINES[stacked], 0
        for row_lines in lines:
            more = sum(lines_taken(plain, columns) for plain, _drawn in row_lines)
            if not every and shown and used + cost + more > height:
                break
            kept += row_lines
            cost, taken, shown = cost + more, taken + 1, shown + 1
        if not taken:
            break
        state = group[0].state
        heading = title(state, taken, totals[state])
        out.append((heading, paint(heading, STATE_STYLE[state], colour)))
        if not stacked:
            out.append(headings[state])
        out += [*kept, ("", "")]
        used += cost
        if taken < len(lines):
            break
    out += _more(total - shown, columns, colour) + caption
    return "\n".join(drawn_line for _plain, drawn_line in out) + "\n"


def _more(rest: int, columns: int, colour: bool) -> list[Line]:
    """How many rows are not shown, and how to see them: no line when none is left out."""
    if rest <= 0:
        return []
    text = ngettext(
        "{count} more not shown: `followup due --all` shows every one.",
        "{count} more not shown: `followup due --all` shows every one.",
        rest,
    ).format(count=rest)
    return styled(text, len(text), ("bold", ""), columns, colour)


def _groups(rows: list[_Row]) -> list[list[_Row]]:
    groups: list[list[_Row]] = []
    for row in rows:
        if groups and groups[-1][0].state == row.state:
            groups[-1].append(row)
        else:
            groups.append([row])
    return groups


def _room(group: list[_Row], columns: int, split: bool) -> list[int] | None:
    """The columns' widths in a window ``columns`` wide, the Interview column narrowed to
    what is left; None when what is left is too little to read."""
    names = headers(group[0].state)
    widths = [width(name) for name in names]
    for row in group:
        for i, lines in enumerate(row.columns(split)):
            widths[i] = max(widths[i], *(width(line) for line in lines))
    left = columns - (sum(widths) - widths[1] + len(GAP) * (len(widths) - 1))
    if left < max(MIN_INTERVIEW, width(names[1])):
        return None
    widths[1] = min(widths[1], left)
    return widths


def _table(group: list[_Row], columns: int, colour: bool) -> tuple[Line, list[list[Line]]] | None:
    """The header and each row's lines in a table of aligned columns, the time on two lines
    when one does not fit; None when the window is too narrow for a table."""
    split = False
    widths = _room(group, columns, split)
    if widths is None:
        split = True
        widths = _room(group, columns, split)
        if widths is None:
            return None
    names = headers(group[0].state)
    header = GAP.join(
        (" " * (size_ - width(name)) + name) if i == 0 else name + " " * (size_ - width(name))
        for i, (name, size_) in enumerate(zip(names, widths, strict=True))
    ).rstrip()
    styles = ["", "", "", STATE_STYLE[group[0].state], "dim"]
    drawn = []
    for row in group:
        cells = row.columns(split)
        cells[1] = fold(row.cells[1], widths[1])
        starts = [sum(len(piece) for piece in cells[1][:n]) for n in range(len(cells[1]))]
        lines = []
        for n in range(max(len(cell) for cell in cells)):
            plain, shown = [], []
            for i, (cell, size_, style) in enumerate(zip(cells, widths, styles, strict=True)):
                text = cell[n] if n < len(cell) else ""
                pad = " " * (size_ - width(text))
                if i == 0:  # ids align right
                    plain.append(pad + text)
                    shown.append(pad + text)
                    continue
                plain.append(text + pad)
                if i == 1 and text:  # the company plain, the role and zone dim
                    cut = max(0, min(len(text), len(row.company) - starts[n]))
                    shown.append(text[:cut] + paint(text[cut:], "dim", colour) + pad)
                else:
                    shown.append(paint(text, style, colour) + pad)
            lines.append((GAP.join(plain).rstrip(), GAP.join(shown).rstrip()))
        drawn.append(lines)
    return (header, paint(header, "bold", colour)), drawn


def _stack(group: list[_Row], columns: int, colour: bool) -> list[list[Line]]:
    """Each row on lines of its own, for a narrow window, each line folded to fit it."""
    style = STATE_STYLE[group[0].state]
    drawn = []
    for row in group:
        ident, interview, action, when, command = row.cells
        lead = " " * (len(ident) + 2)  # the lines after the first start under the name
        first = f"{ident}  {interview}"
        second = f"{lead}{action}, {when}"
        split = len(lead) + len(row.company)
        drawn.append(
            [
                *styled(first, split, ("", "dim"), columns, colour, lead),
                *styled(second, len(second) - len(when), ("", style), columns, colour, lead),
                *styled(f"{lead}{command}", len(lead), ("", "dim"), columns, colour, lead),
            ]
        )
    return drawn
