"""``due`` in a terminal, drawn without Rich (render_screen): what fits the window, folded
and never cut, coloured only where colour is wanted."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest

from followup import records, render_screen, rules

ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
NOW = datetime(2026, 12, 2, 9, tzinfo=timezone.utc)


def pairs(count: int, company: str = "Acme", role: str = "Support Engineer") -> list:
    made = []
    for n in range(1, count + 1):
        action = rules.Action("thanks", NOW - timedelta(days=3), NOW - timedelta(hours=n))
        interview = records.Interview(id=n, company=company, role=role, at=NOW)
        made.append((rules.Item(n, action, "overdue"), interview))
    return made


def draw(rows: list, monkeypatch, *, columns: int, lines: int, every: bool = False, **env):
    monkeypatch.setenv("COLUMNS", str(columns))
    monkeypatch.setenv("LINES", str(lines))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return render_screen.screen(records.Morning.of(rows), timezone.utc, NOW, every=every)


@pytest.mark.parametrize(
    ("text", "columns"),
    [
        ("Globex International Holdings · Senior Support", 20),
        ("华为技术有限公司 · 客服专员", 9),
        ("हिन्दुस्तान कंप्यूटर्स · ग्राहक सेवा अधिकारी", 15),
        ("Supercalifragilisticexpialidocious Ltd", 10),  # a word longer than the room
    ],
)
def test_fold_keeps_every_character_and_each_piece_fits(text, columns):
    pieces = render_screen.fold(text, columns)
    assert "".join(pieces) == text
    assert all(render_screen.width(piece.rstrip()) <= columns for piece in pieces)
    if " " in text and len(pieces) > 1 and text.isascii():
        assert all(piece.endswith(" ") or piece == pieces[-1] for piece in pieces[:-1]) or any(
            len(word) > columns for word in text.split()
        )


@pytest.mark.parametrize(("columns", "lines"), [(120, 12), (80, 20), (60, 16), (40, 30)])
def test_what_is_drawn_fits_the_window_and_counts_the_rest(monkeypatch, columns, lines):
    rows = pairs(30, company="Globex International Holdings")
    text = draw(rows, monkeypatch, columns=columns, lines=lines, NO_COLOR="1")
    drawn = text.rstrip("\n").split("\n")
    assert len(drawn) + 1 <= lines  # and the shell's prompt below
    assert all(render_screen.width(line) <= columns for line in drawn), text
    shown = [int(n) for n in re.findall(r"followup draft thanks (\d+)", text)]
    assert shown == list(range(1, len(shown) + 1)) and shown
    assert f"{30 - len(shown)} more not shown" in text
    assert f"Overdue ({len(shown)} of 30)" in drawn[0]


def test_every_row_with_all_and_no_more_line(monkeypatch):
    text = draw(pairs(30), monkeypatch, columns=120, lines=10, every=True, NO_COLOR="1")
    assert re.findall(r"followup draft thanks (\d+)", text) == [str(n) for n in range(1, 31)]
    assert "more not shown" not in text and "Overdue (30)" in text


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TERM": "dumb"}])
def test_no_colour_when_it_is_not_wanted(monkeypatch, env):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert "\x1b" in draw(pairs(3), monkeypatch, columns=120, lines=40)
    assert "\x1b" not in draw(pairs(3), monkeypatch, columns=120, lines=40, **env)
    assert "\x1b" not in draw(pairs(3), monkeypatch, columns=50, lines=40, **env)


def test_colour_does_not_move_a_column(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    rows = pairs(2, company="华为", role="客服专员") + pairs(1)
    coloured = ESCAPE.sub("", draw(rows, monkeypatch, columns=120, lines=40))
    plain = draw(rows, monkeypatch, columns=120, lines=40, NO_COLOR="1")
    assert coloured == plain


@pytest.mark.parametrize("value", ["abc", "", "-5", "٣٠"])
def test_a_window_size_that_is_not_a_number_is_ignored(monkeypatch, value):
    monkeypatch.setenv("COLUMNS", value)
    monkeypatch.setenv("LINES", value)
    columns, lines = render_screen.size()
    assert columns >= 20 and lines >= 5
