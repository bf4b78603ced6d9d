"""The store survives what real life does to it: two writers, a killed process, random input."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from followup.cli import app

LOOP = """
import sys
from followup.cli import app
tag, count = sys.argv[1], int(sys.argv[2])
for n in range(count):
    try:
        app(["add", "-c", f"{tag} {n}", "-r", "Dev", "--at", "2026-11-20 10:00", "--json"],
            prog_name="followup", standalone_mode=True)
    except SystemExit as stop:
        if stop.code:
            sys.exit(stop.code)
"""


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "FOLLOWUP_DEBUG"}
    env["FOLLOWUP_HOME"] = str(home)
    return env


def test_two_writers_at_once_on_a_store_that_does_not_exist_yet(backend, home):
    count = 40
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", LOOP, tag, str(count)],
            env=_env(home),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("cron", "person")
    ]
    outputs = [w.communicate(timeout=300) for w in writers]
    for writer, (_, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err
        assert "locked" not in err
    companies = {row[0] for row in backend.rows("select company from interview")}
    ids = [row[0] for row in backend.rows("select id from interview")]
    assert companies == {f"{tag} {n}" for tag in ("cron", "person") for n in range(count)}
    assert len(ids) == len(set(ids)) == 2 * count


def test_a_process_killed_mid_write_loses_nothing_it_reported(backend, home):
    writer = subprocess.Popen(
        [sys.executable, "-c", LOOP, "kill", "100000"],
        env=_env(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    reported: list[int] = []
    buffer = b""
    deadline = time.monotonic() + 60
    assert writer.stdout is not None
    os.set_blocking(writer.stdout.fileno(), False)
    while len(reported) < 15 and time.monotonic() < deadline:
        chunk = writer.stdout.read() or b""
        buffer += chunk
        reported = [json.loads(d)["id"] for d in _documents(buffer)]
        time.sleep(0.01)
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    writer.stdout.close()
    assert len(reported) >= 15
    if backend.name == "sqlite":
        with sqlite3.connect(home / "followup.db") as conn:
            assert conn.execute("pragma integrity_check").fetchone() == ("ok",)
    stored = {row[0] for row in backend.rows("select id from interview")}
    assert set(reported) <= stored


def _documents(buffer: bytes) -> list[str]:
    """Complete JSON objects printed so far (each add --json prints one, ending in '}\\n')."""
    text = buffer.decode("utf-8", "replace")
    return [part + "}" for part in text.split("\n}\n")[:-1]]


# -- random input: a clean exit, never a traceback, and the store unchanged on failure ---------

texts = st.one_of(
    st.text(max_size=50),
    st.text(alphabet=st.characters(categories=["Cc", "Zs", "Lo", "Mn"]), max_size=30),
    st.sampled_from(
        [
            "",
            " ",
            "\n",
            "\r\n",
            "x" * 5000,
            "\u202e\u05d0\u05d1",
            "华为客服",
            "ग्राहक सेवा",
            "=1+1",
            "Name <a@b.example>",
            "2026-11-20 14:00",
            "\x00",
            "--help",
        ]
    ),
)
OPTIONS = [
    "--company",
    "--role",
    "--at",
    "--contact",
    "--recruiter",
    "--decision-by",
    "--notes",
    "--topic",
    "--strength",
    "--idea",
    "--lang",
    "--round",
]


def _snapshot(runner: CliRunner) -> str:
    return runner.invoke(app, ["export"]).stdout.replace('"exported_at"', "").split("\n", 4)[-1]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    command=st.sampled_from(["add", "edit"]),
    values=st.lists(st.tuples(st.sampled_from(OPTIONS), texts), min_size=1, max_size=4),
)
def test_random_text_in_add_and_edit(home, command, values):
    runner = CliRunner()
    runner.invoke(app, ["add", "-c", "Seed", "-r", "Dev", "--at", "2026-11-20 10:00"])
    before = _snapshot(runner)
    args = [command] + (["1"] if command == "edit" else []) + [x for pair in values for x in pair]
    result = runner.invoke(app, args)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.stderr
    if result.exit_code != 0:
        assert "Error" in result.stderr
        assert _snapshot(runner) == before


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    args=st.lists(texts, min_size=1, max_size=4),
    command=st.sampled_from(
        [
            ["due", "--on"],
            ["done", "thanks", "1", "--at"],
            ["result", "1", "offer", "--at"],
            ["profile", "--name"],
            ["profile", "--email"],
            ["profile", "--timezone"],
            ["profile", "--phone"],
            ["draft", "decline", "1", "--reason"],
            ["show"],
            ["rm"],
            ["done"],
            ["result", "1"],
            ["import"],
            ["templates", "show"],
            ["list", "--json"],
            ["draft", "thanks", "1", "--lang"],
        ]
    ),
)
def test_random_text_everywhere_else(home, command, args):
    runner = CliRunner()
    runner.invoke(app, ["add", "-c", "Seed", "-r", "Dev", "--at", "2026-11-20 10:00"])
    before = _snapshot(runner)
    result = runner.invoke(app, [*command, *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.stderr
    if result.exit_code != 0:
        assert "Error" in result.stderr or "Usage" in result.stderr
        assert _snapshot(runner) == before
