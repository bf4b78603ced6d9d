"""The daily read commands take a second, faster path; it must answer exactly as the first."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from followup import entry
from followup.cli import app
from followup.store import Store, migrations, sqlite_reader

SCENARIO = [
    ["profile", "--name", "Li Wei", "--timezone", "America/New_York"],
    [
        "add",
        "-c",
        "Acme",
        "-r",
        "Dev",
        "--at",
        "2026-11-14 10:00",
        "--contact",
        "Jane <j@a.example>",
        "--contact",
        "Raj <r@a.example>",
        "--recruiter",
        "Ana <ana@a.example>",
        "--decision-by",
        "2026-11-20",
        "--lang",
        "zh",
        "--notes",
        "n",
        "--topic",
        "t",
        "--strength",
        "s",
        "--idea",
        "i",
    ],
    ["add", "-c", "Globex", "-r", "Ops", "--at", "2026-11-21 15:00"],
    ["add", "-c", "Initech", "-r", "QA", "--at", "2026-11-10 09:00", "--round", "2"],
    ["done", "thanks", "3", "--at", "2026-11-10 18:00"],
    ["done", "check", "3", "--at", "2026-11-18 09:00"],
    ["add", "-c", "Umbrella", "-r", "Lead", "--at", "2026-11-16 11:00"],
    ["result", "4", "invited", "--at", "2026-11-21 16:00"],
    ["add", "-c", "Closed", "-r", "X", "--at", "2026-11-01 10:00"],
    ["result", "5", "rejected", "--at", "2026-11-05 10:00"],
    ["reflect", "1", "-q", "Why?", "-a", "Because", "--improve", "Slower", "--idea", "FAQ"],
    ["add", "-c", "Future", "-r", "Y", "--at", "2026-11-24 09:30"],
    ["add", "-c", "Abroad", "-r", "Z", "--at", "2026-11-19 14:00 Asia/Kolkata"],  # its own zone
]


@pytest.fixture
def scenario(ok, home):
    for args in SCENARIO:
        ok(*args)
    return home / "followup.db"


def test_the_reader_returns_what_the_store_returns(scenario):
    store = Store.open(scenario)
    reader = sqlite_reader.Reader.open(scenario)
    assert reader is not None
    assert reader.profile() == store.profile()
    assert reader.interviews() == store.interviews()
    assert reader.interviews(open_only=True) == store.interviews(open_only=True)
    for ident in range(1, 8):
        assert reader.get(ident) == store.get(ident)
    assert [i.id for i in reader.interviews(open_only=True)] == [3, 1, 4, 7, 2, 6]
    assert reader.get(7).zone == "Asia/Kolkata" and reader.get(1).zone == "America/New_York"


def test_the_reader_knows_every_migration():
    assert tuple(name for name, _ in migrations.MIGRATIONS) == sqlite_reader.MIGRATION_NAMES


def test_a_store_that_needs_migrating_goes_the_full_way(tmp_path):
    path = tmp_path / "s.db"
    Store.open(path).close()
    import sqlite3

    with sqlite3.connect(path) as conn:
        conn.execute("delete from migration where name = 'm003_interview_uid'")
    assert sqlite_reader.Reader.open(path) is None
    assert sqlite_reader.Reader.open(tmp_path / "missing.db") is None


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["list", "--all"],
        ["list", "-a", "--json"],
        ["show", "1"],
        ["show", "3", "--json"],
        ["show", "7"],
        ["show", "7", "--json"],
        ["show", "99"],
        ["due", "--on", "2026-11-22 09:00"],
        ["due", "--on=2026-11-22 09:00", "--json"],
        ["due", "--json", "--days", "10", "--on", "2026-11-22 09:00"],
        ["due", "--days=0", "--on", "2026-11-22 09:00"],
        ["due", "--on", "2026-11-01 09:00", "--days", "0"],
        ["due", "--on", "not a date"],
    ],
)
def test_the_argv_fast_path_answers_as_the_typer_command(scenario, capsys, monkeypatch, args):
    assert entry._plain(args) is not None
    expected = CliRunner().invoke(app, args)
    monkeypatch.setattr(sys, "argv", ["followup", *args])
    try:
        entry.main()
        code = 0
    except SystemExit as stop:
        code = stop.code
    out, err = capsys.readouterr()
    assert (code, out, err) == (expected.exit_code, expected.stdout, expected.stderr)


@pytest.mark.parametrize(
    "args",
    [
        ["due", "--help"],
        ["due", "--days", "-1"],
        ["due", "--days", "x"],
        ["due", "--on"],
        ["due", "--bogus"],
        [],
        ["due", "--days", "5000"],
        ["list", "--json", "--json"],
        ["list", "--help"],
        ["show"],
        ["show", "abc"],
        ["show", "0"],
        ["show", "1", "--plain"],
        ["show", str(2**64)],
        ["add", "-c", "x"],
    ],
)
def test_anything_but_a_plain_read_goes_to_typer(args):
    assert entry._plain(args) is None


# followup's own learning views and transfer: only the Typer app's commands need them
OWN = (
    "followup.render_learning",
    "followup.transfer",
    "followup.remind",
    "followup.schedule",
    "followup.timers",
    "followup.inbox",
)
HEAVY = (
    "sqlalchemy", "sqlmodel", "pydantic", "jinja2", "babel", "typer", "dateutil", "apprise",
    "imapclient", *OWN
)  # fmt: skip
PROBE = (
    "import sys\n"
    "from followup.entry import main\n"
    "sys.argv = ['followup', *sys.argv[1:]]\n"
    "try:\n"
    "    main()\n"
    "finally:\n"
    f"    print([m for m in {HEAVY!r} if m in sys.modules], file=sys.stderr)\n"
)


def loaded(*args: str) -> list[str]:
    env = {k: v for k, v in os.environ.items() if not k.endswith("_COMPLETE")}
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stderr.strip().splitlines()[-1].replace("'", '"'))


def test_due_on_sqlite_imports_no_orm_no_typer_no_templates(scenario):
    assert loaded("due") == []
    assert loaded("due", "--json", "--on", "2026-11-22 09:00") == []
    assert loaded("list", "--all") == []
    assert loaded("show", "1", "--json") == []


@pytest.mark.parametrize(
    "args", [["list"], ["show", "1"], ["draft", "thanks", "1"], ["due", "--days", "7"]]
)
def test_the_read_commands_never_load_sqlalchemy(scenario, args):
    modules = loaded(*args)
    assert "sqlalchemy" not in modules and "sqlmodel" not in modules


@pytest.mark.parametrize(
    "args", [["profile"], ["list", "--all"], ["due", "--days", "7"], ["--help"]]
)
def test_apprise_is_imported_only_by_the_reminder_commands(scenario, args):
    assert "apprise" not in loaded(*args)
    assert "followup.remind" not in loaded(*args)


@pytest.mark.parametrize(
    "args", [["profile"], ["list", "--all"], ["due", "--days", "7"], ["--help"], ["show", "1"]]
)
def test_imapclient_is_imported_only_by_inbox_and_the_sent_copy(scenario, args):
    modules = loaded(*args)
    assert "imapclient" not in modules and "followup.inbox" not in modules


def test_a_profile_zone_set_avoids_dateutil(scenario):
    assert "dateutil" not in loaded("due")


def test_records_compare_field_by_field(scenario):
    store = Store.open(scenario)
    reader = sqlite_reader.Reader.open(scenario)
    assert reader is not None
    a, b = reader.get(1), store.get(1)
    assert a._replace(company="x") != b  # equality really looks at the fields


def test_completion_offers_interview_ids_with_company_and_role_without_the_orm(scenario):
    probe = (
        "import sys\n"
        "from followup.entry import main\n"
        "sys.argv = ['followup']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('LOADED', 'sqlalchemy' in sys.modules, file=sys.stderr)\n"
    )
    env = {
        **os.environ,
        "_FOLLOWUP_COMPLETE": "complete_zsh",
        "_TYPER_COMPLETE_ARGS": "followup show ",
    }
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
    assert '"1":"Acme, Dev"' in out.stdout and '"5"' not in out.stdout  # closed ones left out
    assert "LOADED False" in out.stderr
    env["_TYPER_COMPLETE_ARGS"] = "followup show 5"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
    assert '"5":"Closed, X"' in out.stdout  # a typed prefix searches every interview
