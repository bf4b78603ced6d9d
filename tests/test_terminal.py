"""Colour in a terminal, none in a pipe, none with NO_COLOR, and never in --json: the real
entry point run on a pseudo-terminal, as a person's shell runs it."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys

import pytest

ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
HUMAN = [["due"], ["list"], ["show", "1"], ["draft", "thanks", "1"], ["profile"]]


def followup(*args: str, terminal: bool, **env: str) -> str:
    """Run `python -m followup ARGS` with stdout on a pseudo-terminal or a pipe; its stdout."""
    environment = {**os.environ, "COLUMNS": "120", "TERM": "xterm-256color", **env}
    command = [sys.executable, "-m", "followup", *args]
    if not terminal:
        out = subprocess.run(command, capture_output=True, text=True, env=environment)
        assert out.returncode == 0, out
        return out.stdout
    main, side = pty.openpty()
    proc = subprocess.Popen(
        command, stdin=side, stdout=side, stderr=subprocess.DEVNULL, env=environment
    )
    os.close(side)
    received = b""
    while select.select([main], [], [], 30)[0]:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the other side closed
            break
        if not chunk:
            break
        received += chunk
    os.close(main)
    assert proc.wait(timeout=30) == 0, received
    return received.decode().replace("\r\n", "\n")


@pytest.fixture
def history(ok):
    ok("profile", "--name", "Li Wei", "--email", "li@example.com")
    ok("add", "-c", "Acme", "-r", "Support Engineer", "--at", "2026-11-10 10:00")
    ok("add", "-c", "华为", "-r", "客服", "--at", "2099-01-05 10:00", "--lang", "zh")


@pytest.mark.parametrize("args", HUMAN, ids=" ".join)
def test_a_terminal_gets_colour_a_pipe_and_no_color_do_not(history, args):
    coloured = followup(*args, terminal=True)
    assert ESCAPE.search(coloured), coloured  # proves the check below can see colour
    assert not ESCAPE.search(followup(*args, terminal=True, NO_COLOR="1"))
    assert "\x1b" not in followup(*args, terminal=False)


@pytest.mark.parametrize("args", [[*a, "--json"] for a in HUMAN], ids=" ".join)
def test_json_never_carries_colour_even_in_a_terminal(history, args):
    text = followup(*args, terminal=True)
    assert "\x1b" not in text
    json.loads(text)


def test_an_empty_no_color_keeps_the_colour(history):
    assert ESCAPE.search(followup("due", terminal=True, NO_COLOR=""))


def test_a_draft_in_a_terminal_copies_cleanly_and_is_plain_in_a_pipe(history):
    shown = ESCAPE.sub("", followup("draft", "thanks", "1", terminal=True))
    assert shown.startswith("# thanks · en\nTo: ")
    assert not set("│╭╮╰╯─") & set(shown)
    assert shown.rstrip().endswith("Once sent: followup done thanks 1")
    piped = followup("draft", "thanks", "1", terminal=False)
    assert piped == followup("draft", "thanks", "1", "--plain", terminal=False)
    assert piped.startswith("To: \nSubject: ")


@pytest.mark.parametrize(
    "args",
    [["stats"], ["export"], ["list"], ["due"], ["draft", "thanks", "1"], ["show", "1", "--json"]],
    ids=" ".join,
)
def test_a_reader_that_goes_away_ends_the_command_quietly(history, args):
    reader, writer = os.pipe()
    os.close(reader)  # `followup ... | head -0`: nobody will read a byte
    try:
        out = subprocess.run(
            [sys.executable, "-m", "followup", *args],
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            env={k: v for k, v in os.environ.items() if k != "FOLLOWUP_DEBUG"},
            timeout=60,
        )
    finally:
        os.close(writer)
    assert out.returncode == 141, out
    assert "Error" not in out.stderr and "Traceback" not in out.stderr, out


@pytest.mark.parametrize("args", [["--version"], ["--help"]], ids=" ".join)
def test_output_that_cannot_be_written_is_one_error_line(args):
    with open("/dev/full", "w") as full:  # every write fails: no space left on device
        out = subprocess.run(
            [sys.executable, "-m", "followup", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert out.returncode == 1
    assert out.stderr == "Error: cannot write the output: No space left on device\n", out


# -- a long morning list in a terminal: what fits the window, and how many more ------------


@pytest.fixture
def long_list(ok):
    """30 interviews held 10 to 39 days ago, nothing done: 90 rows (3 actions each)."""
    from datetime import datetime, timedelta, timezone

    ok("profile", "--timezone", "UTC")
    now = datetime.now(timezone.utc)
    for n in range(30):
        company = "Globex International Holdings Worldwide" if n % 5 == 0 else f"Firm {n}"
        at = f"{now - timedelta(days=10 + n):%Y-%m-%d %H:%M}"
        ok("add", "-c", company, "-r", "Support Engineer", "--at", at)
    return [(row["id"], row["action"]) for row in ok("due", "--json").json()]


def shown_rows(text: str) -> list[tuple[int, str]]:
    """(id, action) of each row a `due` table drew, from its Next column."""
    found = re.findall(r"followup (?:draft )?(reflect|thanks|check) (\d+)", ESCAPE.sub("", text))
    return [(int(ident), action) for action, ident in found]


@pytest.mark.parametrize(("lines", "columns"), [(20, 120), (24, 80), (30, 60), (12, 120)])
def test_due_in_a_terminal_shows_the_most_urgent_rows_that_fit_and_how_many_more(
    long_list, lines, columns
):
    assert len(long_list) == 90
    text = followup("due", terminal=True, LINES=str(lines), COLUMNS=str(columns))
    drawn = ESCAPE.sub("", text).rstrip("\n").split("\n")
    assert len(drawn) + 1 <= lines, text  # the shell's prompt still fits below
    shown = shown_rows(text)
    assert 1 <= len(shown) < 90
    assert shown == long_list[: len(shown)]  # the most urgent, in order
    assert f"{90 - len(shown)} more not shown: `followup due --all` shows every one." in drawn
    if columns >= 72:  # a table, its title counting what it shows of how many
        assert re.search(rf"Overdue \({len(shown)} of \d+\)", drawn[0])


@pytest.mark.parametrize("args", [["due", "--all"], ["due", "-a", "--days", "3"]])
def test_due_all_in_a_terminal_shows_every_row(long_list, args):
    text = followup(*args, terminal=True, LINES="20")
    assert shown_rows(text) == long_list
    assert "more not shown" not in text


def test_due_piped_or_json_prints_every_row_whatever_the_window(long_list):
    piped = followup("due", terminal=False, LINES="20")
    assert shown_rows(piped) == long_list
    assert "more not shown" not in piped
    rows = json.loads(followup("due", "--json", terminal=True, LINES="20"))
    assert [(r["id"], r["action"]) for r in rows] == long_list


def test_a_short_list_in_a_terminal_is_whole(history):
    text = followup("due", terminal=True, LINES="40")
    assert "more not shown" not in text
    assert re.search(r"Overdue \(\d+\)", ESCAPE.sub("", text))
