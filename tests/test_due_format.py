"""``due`` piped and ``--json`` say exactly what formatting each row on its own says.

:func:`followup.render_due.plain` and :func:`followup.render_due.json_text` make what rows
share once per list (:mod:`followup.table_dates`, ``render_due._PlainCells``, each shared
value JSON-encoded once). Here their output is compared, byte for byte, with the rows made
one at a time by the per-row functions (``dates.short``, ``dates.relative``,
``render.label``, :func:`row_json` below, ``json.dumps``) and a table measured with Rich's
``cell_len``: on a store with rows in every state, interviews held in two zones, a year
boundary, Chinese and Devanagari names, and many rows sharing an instant, in English,
Chinese and Hindi; and on made-up rows with names that JSON must escape, in lists longer
than one piece of output.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from rich.cells import cell_len

from followup import dates, i18n, reading, records, render, render_due, rules, table_dates
from followup.context import Context, close_stores

LANGS = ("en", "zh", "hi")
NOW = datetime(2026, 12, 30, 14, 0, tzinfo=timezone.utc)
DAYS = 10  # the window reaches into January 2027
NAMES = [
    ("华为技术有限公司", "客服专员"),
    ("हिन्दुस्तान कंप्यूटर्स", "ग्राहक सेवा अधिकारी"),
    ("Acme", "Support Engineer"),
    ("Café Zoë", "QA"),
]
ZONES = [None, "Asia/Kolkata", "America/New_York"]  # the last is the user's own: no place shown
# Hours from NOW to each pair of interviews (two interviews share each instant): from
# December 2025, a year before, to January 2027, past the window.
HOURS = [-9000, -8770, -4000, -700, -200, -100, -60, -49, -47, -30, -25, -6, -1, 2, 20, 50, 100]


Pair = tuple[rules.Item, records.Interview]


def row_json(item: rules.Item, interview: records.Interview, now: datetime, tz: Any) -> dict:
    """A row of ``due --json`` made on its own, the plain way (docs/json.md): what
    :func:`render_due.json_text` must give for each row."""
    action = item.action
    shown = action.opens if item.state == "upcoming" else action.due
    return {
        "id": interview.id,
        "company": interview.company,
        "role": interview.role,
        "zone": interview.zone,
        "action": action.action,
        "number": action.number,
        "due": dates.iso(action.due, tz),
        "opens": dates.iso(action.opens, tz),
        "deadline": dates.iso(action.deadline, tz) if action.deadline else None,
        "state": item.state,
        "relative": dates.relative(shown, now, english=True),
        "next": render.next_step(action.action, interview.id),
        "label": render.label(action, english=True),
    }


def reference_plain(pairs: list[Pair], tz: Any, now: datetime) -> str:
    """What ``due`` prints to a pipe, made as it was before it was made faster: each row
    from the per-row functions, each cell measured by Rich."""
    parts = []
    for state, group in itertools.groupby(pairs, key=lambda pair: pair[0].state):
        rows = []
        for item, interview in group:
            action = item.action
            shown = action.opens if item.state == "upcoming" else action.due
            rows.append(
                [
                    str(interview.id),
                    f"{interview.company} · {interview.role}"
                    + render.where({"zone": interview.zone}, tz),
                    render.label(item.action),
                    f"{dates.relative(shown, now)} ({dates.short(shown, tz, now)})",
                    render.next_step(item.action.action, interview.id),
                ]
            )
        table = [render_due.headers(state), *rows]
        widths = [max(cell_len(cell) for cell in column) for column in zip(*table, strict=True)]
        lines = [
            "  ".join(
                cell + " " * (w - cell_len(cell)) for cell, w in zip(row, widths, strict=True)
            ).rstrip()
            for row in table
        ]
        parts.append(render_due.title(state, len(rows), len(rows)) + "\n")
        parts.append("\n".join(lines) + "\n\n")
    return "".join(parts) + dates.zone_caption(tz, now) + "\n"


def reference_json(rows: list[dict[str, Any]]) -> str:
    """``emit_json``'s shape, one row a line, each row encoded by ``json.dumps``."""
    return "[\n" + ",\n".join("  " + json.dumps(row, ensure_ascii=False) for row in rows) + "\n]\n"


def followup(*args: str, lang: str = "en") -> str:
    done = subprocess.run(
        [sys.executable, "-c", "from followup.entry import main; main()", *args],
        env={**os.environ, "FOLLOWUP_UI_LANG": lang},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def store(home: Path, tmp_path: Path) -> None:
    """Interviews in pairs sharing an instant, in every state, in two zones and the user's."""
    interviews = []
    for number, hours in enumerate(hours for hours in HOURS for _twin in (0, 1)):
        company, role = NAMES[number % len(NAMES)]
        at = (NOW + timedelta(hours=hours)).isoformat()
        interviews.append(
            {
                "company": company,
                "role": role,
                "at": at,
                "zone": ZONES[number // 2 % len(ZONES)],
                "created_at": at,
                "updated_at": at,
            }
        )
    export = {
        "format": "followup-export",
        "version": 1,
        "exported_at": NOW.isoformat(),
        "profile": {"name": "Li Wei", "timezone": "America/New_York"},
        "interviews": interviews,
    }
    path = tmp_path / "store.json"
    path.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    followup("import", str(path))


def plain(pairs: list[Pair], tz: Any, now: datetime) -> str:
    return b"".join(render_due.plain(records.Morning.of(pairs), tz, now)).decode()


def json_text(pairs: list[Pair], tz: Any, now: datetime) -> str:
    return b"".join(render_due.json_text(records.Morning.of(pairs), tz, now)).decode()


def morning_list() -> tuple[list[Pair], Any]:
    """The rows ``due --on NOW --days DAYS`` shows, and the user's zone, read in this process."""
    ctx = Context(read_only=True)
    try:
        pairs = reading.due_items(
            ctx.store.interviews(open_only=False, people=False),
            NOW,
            ctx.tz,
            ctx.profile.settings,
            DAYS,
            until=NOW,
        )
    finally:
        close_stores()
    return pairs, ctx.tz


@pytest.mark.parametrize("lang", LANGS)
def test_piped_due_is_every_row_formatted_on_its_own(store: None, lang: str) -> None:
    piped = followup("due", "--on", NOW.isoformat(), "--days", str(DAYS), lang=lang)
    pairs, tz = morning_list()
    i18n.use(lang)
    try:
        expected = reference_plain(pairs, tz, NOW)
        assert plain(pairs, tz, NOW) == expected
    finally:
        i18n.use("en")
    assert piped == expected
    if lang == "en":  # what the store is said to hold, it holds
        assert {item.state for item, _interview in pairs} == set(rules.STATES)
        assert "(Asia/Kolkata)" in piped
        assert " 2025 " in piped and " 2027 " in piped and " Dec " in piped
        assert "华为" in piped and "हिन्दुस्तान" in piped
        shown = [item.action.due for item, _interview in pairs if item.state != "upcoming"]
        assert len(set(shown)) < len(shown)  # rows share instants


@pytest.mark.parametrize("lang", LANGS)
def test_due_json_is_every_row_made_on_its_own(store: None, lang: str) -> None:
    printed = followup("due", "--on", NOW.isoformat(), "--days", str(DAYS), "--json", lang=lang)
    pairs, tz = morning_list()
    expected = reference_json([row_json(i, it, NOW, tz) for i, it in pairs])
    assert printed == expected
    assert json_text(pairs, tz, NOW) == expected


NEW_YORK = ZoneInfo("America/New_York")


def made_up_pairs(count: int = 1) -> list[Pair]:
    """Rows no store gives today but the functions accept: instants in New York's zone in the
    hour that happens twice (an hour apart, though equal as datetimes in one zone), a second
    status check and a first, the same names held in two zones, and names JSON must escape
    (line breaks and other control characters are refused in names);
    ``count`` times over, under other ids."""
    twice = datetime(2026, 11, 1, 1, 30, tzinfo=NEW_YORK)
    moments = [
        twice,
        twice.replace(fold=1),
        twice,
        twice.replace(fold=1),
        twice.astimezone(timezone.utc),
        datetime(2026, 12, 31, 23, 30, tzinfo=timezone.utc),  # 2027 in Kolkata
        datetime(2027, 1, 1, 0, 30, tzinfo=NEW_YORK),
    ]
    names = [*NAMES, ('Quote "Co" \\ back\\slash', "/ü ✓ </script>"), ("Ünïcode", "R&D")]
    pairs = []
    for copy in range(count):
        for number, moment in enumerate(moments, start=1):
            ident = copy * len(moments) + number
            company, role = names[ident % len(names)]
            interview = records.Interview(
                id=ident,
                company=company,
                role=role,
                at=moment - timedelta(days=9),
                zone=ZONES[number % 3],
            )
            for action in (
                rules.Action("check", moment, None, number=1 + number % 2),
                rules.Action("thanks", moment - timedelta(days=2), moment),
            ):
                pairs.append((rules.Item(ident, action, action.state(NOW)), interview))
    # The rules give each state's rows in order, instants in UTC (compared as instants).
    pairs.sort(key=lambda pair: rules.STATES.index(pair[0].state))
    return [(item._replace(action=in_utc(item.action)), interview) for item, interview in pairs]


def in_utc(action: rules.Action) -> rules.Action:
    late = action.deadline.astimezone(timezone.utc) if action.deadline else None
    return action._replace(opens=action.opens.astimezone(timezone.utc), deadline=late)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("zone", ["Asia/Kolkata", "America/New_York"])
@pytest.mark.parametrize(
    "now",
    [NOW, datetime(2026, 11, 1, 1, 45, tzinfo=NEW_YORK, fold=1)],
    ids=["utc", "new-york-second-01:45"],
)
def test_plain_and_json_tell_apart_what_looks_alike(lang: str, zone: str, now: datetime) -> None:
    pairs = made_up_pairs()
    tz = ZoneInfo(zone)
    i18n.use(lang)
    try:
        assert plain(pairs, tz, now) == reference_plain(pairs, tz, now)
        rows = [row_json(i, it, now, tz) for i, it in pairs]
        assert json_text(pairs, tz, now) == reference_json(rows)
        json.loads(json_text(pairs, tz, now))
    finally:
        i18n.use("en")


def test_a_list_longer_than_a_piece_is_written_whole() -> None:
    """Output comes in pieces of ``PIECE`` lines: lists of one piece, one row more, an exact
    number of pieces, and none at all read as the reference does."""
    tz = ZoneInfo("Asia/Kolkata")
    per_copy = len(made_up_pairs())
    for count in (render_due.PIECE // per_copy + 1, 3 * render_due.PIECE // per_copy + 1):
        pairs = made_up_pairs(count)
        for size in (render_due.PIECE, render_due.PIECE + 1, 3 * render_due.PIECE, len(pairs)):
            head = pairs[:size]
            head.sort(key=lambda pair: rules.STATES.index(pair[0].state))
            assert plain(head, tz, NOW) == reference_plain(head, tz, NOW)
            expected = reference_json([row_json(i, it, NOW, tz) for i, it in head])
            assert json_text(head, tz, NOW) == expected
    assert json_text([], tz, NOW) == "[]\n" == render_json_of_nothing()


def render_json_of_nothing() -> str:
    """What ``emit_json`` prints for an empty list."""
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        render.emit_json([])
    return out.getvalue()


@pytest.mark.parametrize("lang", LANGS)
def test_table_dates_say_what_dates_says(lang: str) -> None:
    """Every 50 minutes over New York's autumn change and over new year, in several zones,
    each moment twice (the second time remembered), against the per-row functions."""
    start = datetime(2026, 10, 31, 20, 0, tzinfo=timezone.utc)
    steps = [start + timedelta(minutes=50 * n) for n in range(60)]
    steps += [
        datetime(2026, 12, 31, 12, 0, tzinfo=timezone.utc) + timedelta(minutes=50 * n)
        for n in range(40)
    ]
    moments = []
    for moment in steps:
        moments += [
            moment,
            moment.astimezone(NEW_YORK),
            moment.astimezone(ZoneInfo("Asia/Kolkata")),
        ]
    moments += [datetime(2026, 11, 1, 1, 30, tzinfo=NEW_YORK, fold=fold) for fold in (0, 1, 0)]
    i18n.use(lang)
    try:
        for zone in ("America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "UTC"):
            tz = ZoneInfo(zone)
            for now in (NOW, datetime(2026, 12, 31, 23, 30, tzinfo=NEW_YORK), moments[7]):
                shorts = table_dates.ShortTimes(tz, now)
                relatives = table_dates.RelativeTimes(now)
                english = table_dates.RelativeTimes(now, english=True)
                isos = table_dates.IsoTimes(tz)
                for moment in moments * 2:
                    assert shorts.short(moment) == dates.short(moment, tz, now)
                    assert relatives.relative(moment) == dates.relative(moment, now)
                    assert english.relative(moment) == dates.relative(moment, now, english=True)
                    assert isos.iso(moment) == dates.iso(moment, tz)
    finally:
        i18n.use("en")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_a_stdout_in_another_encoding_gets_the_same_text(store: None, encoding: str) -> None:
    """The rows go to stdout's bytes as UTF-8 only when stdout takes UTF-8; otherwise they
    are written as text in stdout's own encoding (here set by PYTHONIOENCODING)."""
    for args in (["due", "--on", NOW.isoformat(), "--days", str(DAYS)], ["due", "--json"]):
        expected = followup(*args)
        done = subprocess.run(
            [sys.executable, "-c", "from followup.entry import main; main()", *args],
            env={**os.environ, "FOLLOWUP_UI_LANG": "en", "PYTHONIOENCODING": encoding},
            capture_output=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.decode(encoding) == expected
        assert expected.count("\n") > 20


def test_a_stdout_without_bytes_gets_the_same_text(store: None) -> None:
    """A stdout that takes only text (a StringIO, as a program calling followup may give)
    gets the same rows, after what was written to it before."""
    import contextlib
    import io

    args = ["--on", NOW.isoformat(), "--days", str(DAYS)]
    expected = followup("due", *args)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        print("before")
        reading.due(on=NOW.isoformat(), days=DAYS, json=False)
    close_stores()
    assert out.getvalue() == "before\n" + expected


def test_a_stdout_that_ends_lines_otherwise_gets_its_own_line_ends(
    store: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where lines end in ``\\r\\n`` (Windows), the rows are written as text, so that stdout
    turns each ``\\n`` into its line end as it did before the rows were written as bytes."""
    import io

    from followup import reading

    expected = followup("due", "--on", NOW.isoformat(), "--days", str(DAYS))
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="utf-8", newline="\r\n")
    monkeypatch.setattr(reading.os, "linesep", "\r\n")
    monkeypatch.setattr(sys, "stdout", out)
    reading.due(on=NOW.isoformat(), days=DAYS, json=False)
    close_stores()
    out.flush()
    assert raw.getvalue().decode() == expected.replace("\n", "\r\n")
