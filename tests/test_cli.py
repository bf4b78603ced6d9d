"""The daily commands through the real CLI entry point, on a real SQLite file and on PostgreSQL."""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest

from followup.cli import prompt

NOW = "2026-11-22 09:00"

pytestmark = pytest.mark.usefixtures("backend")  # every test runs on SQLite and on PostgreSQL


def add(ok, *extra: str) -> int:
    result = ok("add", "-c", "Acme", "-r", "Support Engineer", "--json", *extra)
    return result.json()["id"]


# -- set-up and help --------------------------------------------------------------------------


@pytest.mark.sqlite_only
def test_help_lists_every_command_with_a_summary(ok):
    text = ok("--help").stdout
    for command in (
        "add",
        "list",
        "show",
        "edit",
        "rm",
        "due",
        "done",
        "result",
        "profile",
        "path",
    ):
        line = next(li for li in text.splitlines() if li.strip().startswith(command + " "))
        assert len(line.split(None, 1)[1]) > 10, line


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    "command", ["add", "list", "show", "edit", "rm", "due", "done", "result", "profile", "path"]
)
def test_every_command_has_help_with_an_example(ok, command):
    text = ok(command, "--help").stdout
    assert "Example:" in text


@pytest.mark.sqlite_only
def test_python_dash_m_and_version():
    out = subprocess.run(
        [sys.executable, "-m", "followup", "--help"], capture_output=True, text=True
    )
    assert out.returncode == 0 and "due" in out.stdout
    out = subprocess.run(
        [sys.executable, "-m", "followup", "--version"], capture_output=True, text=True
    )
    from followup import __version__

    assert out.stdout.strip() == f"followup {__version__}"


@pytest.mark.sqlite_only
def test_store_is_created_private_in_followup_home(ok, home):
    ok("path")
    assert ok("path").stdout.strip() == str(home / "followup.db")
    add(ok)
    assert stat.S_IMODE((home).stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "followup.db").stat().st_mode) == 0o600


@pytest.mark.sqlite_only
def test_path_hides_the_password_of_a_database_url(ok, monkeypatch):
    monkeypatch.setenv(
        "FOLLOWUP_DATABASE_URL", "postgresql+psycopg://me:secret@db.example/followup"
    )
    out = ok("path").stdout
    assert "secret" not in out and "db.example/followup" in out


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://me@db.example/followup?password=secret",
        "postgresql+psycopg://me@db.example/followup?sslmode=require&PASSWORD=secret",
    ],
)
def test_path_hides_a_password_given_in_the_query(ok, monkeypatch, url):
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", url)
    out = ok("path").stdout
    assert "secret" not in out and "db.example/followup" in out and "=***" in out


@pytest.mark.sqlite_only
@pytest.mark.parametrize("command", [["path"], ["list"], ["add", "-c", "Acme", "-r", "Dev"]])
@pytest.mark.parametrize(
    "url", ["postgresql+psycopg://me:pw@[::1/db", "postgresql+psycopg://me:pw@host:1:1/db"]
)
def test_a_database_url_that_does_not_parse_is_one_error_line(run, monkeypatch, command, url):
    monkeypatch.setenv("FOLLOWUP_DEBUG", "")  # the user's view: no traceback either way
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", url)
    result = run(*command)
    assert result.exit_code == 1, result
    assert result.stderr.startswith("Error: FOLLOWUP_DATABASE_URL is not a database URL"), result
    assert result.stderr.count("\n") == 1 and "pw" not in result.stderr


@pytest.mark.sqlite_only
def test_database_url_overrides_the_file(ok, tmp_path, monkeypatch, home):
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", f"sqlite:///{tmp_path / 'other.db'}")
    add(ok)
    assert (tmp_path / "other.db").exists()
    assert not (home / "followup.db").exists()


@pytest.mark.sqlite_only
def test_each_home_is_a_separate_history_profile_included(ok, tmp_path, monkeypatch):
    ok("profile", "--name", "Li Wei")
    add(ok)
    monkeypatch.setenv("FOLLOWUP_HOME", str(tmp_path / "second"))
    assert ok("list", "--all", "--json").json() == []
    assert ok("profile", "--json").json()["name"] == ""


def test_an_empty_profile_value_clears_only_that_field(ok):
    ok("profile", "--name", "Li Wei", "--phone", "+1 555 010 0199")
    ok("profile", "--phone", "")
    profile = ok("profile", "--json").json()
    assert (profile["name"], profile["phone"]) == ("Li Wei", "")


# -- add ------------------------------------------------------------------------------------------


def test_add_prints_the_id_and_the_thank_you_deadline(ok):
    out = ok("add", "-c", "Acme", "-r", "Support Engineer", "--at", "2026-11-20 14:00").stdout
    assert "Added interview 1" in out
    assert "Sun 22 Nov 2026 14:00 +00:00" in out  # two days later


def test_add_json_prints_the_stored_record(ok, backend):
    record = ok(
        "add",
        "--company",
        "Acme",
        "--role",
        "Support Engineer",
        "--at",
        "2026-11-20T14:00:00-05:00",
        "--round",
        "2",
        "--contact",
        "Jane Doe <jane@acme.example>",
        "--contact",
        "raj@acme.example",
        "--recruiter",
        "Ana Ruiz <ana@acme.example>",
        "--decision-by",
        "2026-11-27",
        "--lang",
        "hi",
        "--notes",
        "Panel of two",
        "--json",
    ).json()
    assert record["id"] == 1
    assert record["company"] == "Acme" and record["role"] == "Support Engineer"
    assert record["at"] == "2026-11-20T19:00:00+00:00"
    assert record["round"] == 2 and record["lang"] == "hi" and record["notes"] == "Panel of two"
    assert record["contacts"] == ["Jane Doe <jane@acme.example>", "raj@acme.example"]
    assert record["recruiters"] == ["Ana Ruiz <ana@acme.example>"]
    assert record["decision_by"] == "2026-11-27"
    # Stored in UTC, whatever the input's offset.
    [(stored,)] = backend.rows("select at from interview")
    assert str(stored).startswith("2026-11-20 19:00:00"), stored


def test_add_defaults_to_now(ok):
    before = datetime.now(timezone.utc)
    record = ok("add", "-c", "Acme", "-r", "Dev", "--json").json()
    stored = datetime.fromisoformat(record["at"])
    assert before - timedelta(seconds=1) <= stored <= datetime.now(timezone.utc)


def test_add_accepts_a_future_interview(ok):
    record = ok("add", "-c", "Acme", "-r", "Dev", "--at", "2099-01-05 10:00", "--json").json()
    assert record["status"] == "scheduled"


def test_add_asks_for_company_and_role_at_a_terminal(ok, monkeypatch):
    monkeypatch.setattr(prompt, "interactive", lambda: True)
    ok("add", "--at", "2026-11-20 10:00", input="Acme\nSupport Engineer\n")
    assert ok("list", "--all", "--json").json()[0]["role"] == "Support Engineer"


def test_a_blank_answer_at_the_prompt_is_asked_again(ok, monkeypatch):
    monkeypatch.setattr(prompt, "interactive", lambda: True)
    result = ok("add", "--at", "2026-11-20 10:00", input="   \nAcme\nSupport Engineer\n")
    assert result.stdout.count("Company:") == 2
    assert ok("list", "--all", "--json").json()[0]["company"] == "Acme"


def test_add_without_company_and_no_terminal_is_a_usage_error(run, home):
    result = run("add", "--role", "Dev")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: missing option --company")


@pytest.mark.parametrize(
    "when, expected",
    [
        ("2026-11-20 14:00", "2026-11-20T14:00:00+00:00"),
        ("20 Nov 2026 2pm", "2026-11-20T14:00:00+00:00"),
        ("2026-11-20T14:00:00+08:00", "2026-11-20T06:00:00+00:00"),
        ("2026-11-20 14:00 +0530", "2026-11-20T08:30:00+00:00"),
    ],
)
def test_add_accepts_the_documented_date_forms(ok, when, expected):
    assert ok("add", "-c", "A", "-r", "B", "--at", when, "--json").json()["at"] == expected


def test_dates_without_offset_are_in_the_profile_zone(ok):
    ok("profile", "--timezone", "Asia/Kolkata")
    record = ok("add", "-c", "A", "-r", "B", "--at", "2026-11-20 07:00", "--json").json()
    assert record["at"] == "2026-11-20T07:00:00+05:30"


def test_dates_without_offset_follow_the_system_zone_when_no_profile_zone(ok, monkeypatch):
    monkeypatch.setenv("TZ", "America/New_York")
    record = ok("add", "-c", "A", "-r", "B", "--at", "2026-07-01 09:00", "--json").json()
    assert record["at"] == "2026-07-01T09:00:00-04:00"


# -- list, show, edit, rm -------------------------------------------------------------------------


def test_list_shows_open_interviews_and_all_shows_every_one(ok):
    first = add(ok, "--at", "2026-11-16 10:00")
    second = add(ok, "--at", "2026-11-18 10:00")
    ok("result", str(first), "rejected", "--at", "2026-11-19 10:00")
    listed = ok("list", "--json").json()
    assert [r["id"] for r in listed] == [second]
    assert listed[0]["status"] == "awaiting"
    everything = ok("list", "--all", "--json").json()
    assert {r["id"]: r["status"] for r in everything} == {first: "rejected", second: "awaiting"}
    piped = ok("list", "--all").stdout
    line = next(li for li in piped.splitlines() if li.startswith(f"{first} "))
    assert "Acme · Support Engineer" in line and "rejected" in line


def test_list_in_a_terminal_is_a_rich_table(ok, monkeypatch):
    from followup import render

    add(ok, "--at", "2026-11-16 10:00")
    monkeypatch.setattr(render, "terminal", lambda: True)
    table = ok("list").stdout
    assert "┃" in table and "Acme" in table and "awaiting" in table


def test_show_gives_the_timeline_of_done_and_pending(ok):
    ok("profile", "--no-reflect")  # this test is about the other follow-ups
    ok("profile", "--timezone", "America/New_York")
    ident = add(ok, "--at", "2026-11-16 10:00", "--contact", "Jane <jane@acme.example>")
    ok("done", "thanks", str(ident), "--at", "2026-11-16 18:00")
    shown = ok("show", str(ident), "--json").json()
    assert shown["events"] == [
        {"kind": "done", "name": "thanks", "at": "2026-11-16T18:00:00-05:00"}
    ]
    assert [p["action"] for p in shown["pending"]] == ["check"]
    assert shown["pending"][0]["opens"] == "2026-11-23T00:00:00-05:00"
    text = ok("show", str(ident)).stdout
    assert "thanks done" in text and "status check" in text and "Jane <jane@acme.example>" in text


def test_edit_changes_only_what_is_given(ok):
    ident = add(ok, "--at", "2026-11-16 10:00", "--decision-by", "2026-11-20", "--notes", "keep")
    record = ok("edit", str(ident), "--role", "Lead", "--json").json()
    assert record["role"] == "Lead" and record["company"] == "Acme" and record["notes"] == "keep"
    record = ok(
        "edit", str(ident), "--decision-by", "", "--contact", "Raj <raj@acme.example>", "--json"
    ).json()
    assert record["decision_by"] is None and record["contacts"] == ["Raj <raj@acme.example>"]


def test_edit_without_options_is_a_usage_error(ok, run):
    ident = add(ok)
    result = run("edit", str(ident))
    assert result.exit_code == 2 and result.stderr.startswith("Error: nothing to change")


def test_rm_with_yes_removes_the_interview_and_its_history(ok, backend):
    ident = add(ok, "--at", "2026-11-16 10:00", "--contact", "Jane <jane@acme.example>")
    ok("done", "thanks", str(ident), "--at", "2026-11-16 12:00")
    ok("rm", str(ident), "--yes")
    assert ok("list", "--all", "--json").json() == []
    assert backend.rows("select count(*) from contact") == [(0,)]
    assert backend.rows("select count(*) from event") == [(0,)]


def test_rm_asks_and_keeps_the_interview_when_told_no(ok, run, monkeypatch):
    ident = add(ok)
    monkeypatch.setattr(prompt, "interactive", lambda: True)
    result = run("rm", str(ident), input="n\n")
    assert result.exit_code == 1
    assert len(ok("list", "--all", "--json").json()) == 1
    ok("rm", str(ident), input="y\n")
    assert ok("list", "--all", "--json").json() == []


def test_rm_without_yes_and_without_a_terminal_refuses(ok, run):
    ident = add(ok)
    result = run("rm", str(ident))
    assert result.exit_code == 2 and "--yes" in result.stderr
    assert len(ok("list", "--all", "--json").json()) == 1


# -- due, done, result ----------------------------------------------------------------------


def test_due_lists_overdue_due_and_upcoming_with_the_next_command(ok):
    ok("profile", "--no-reflect")  # this test is about the other follow-ups
    ok("profile", "--timezone", "America/New_York")
    late = add(ok, "--at", "2026-11-14 10:00")
    fresh = add(ok, "--at", "2026-11-21 15:00")
    items = ok("due", "--on", NOW, "--json").json()
    assert [(i["id"], i["action"], i["state"]) for i in items] == [
        (late, "thanks", "overdue"),
        (fresh, "thanks", "due"),
        (late, "check", "upcoming"),
    ]
    assert items[0]["due"] == "2026-11-16T10:00:00-05:00"
    assert items[2]["due"] == "2026-11-23T00:00:00-05:00"  # a check's due is when it opens
    assert items[0]["relative"] == "6 days ago"  # 5 days 23 hours, rounded
    assert items[1]["relative"] == "in 1 day"
    text = ok("due", "--on", NOW).stdout
    assert "Overdue" in text and "Due now" in text and "Coming up" in text
    assert f"followup draft thanks {late}" in text


def test_due_days_zero_hides_upcoming(ok):
    ok("profile", "--no-reflect")  # this test is about the other follow-ups
    add(ok, "--at", "2026-11-14 10:00")
    items = ok("due", "--on", NOW, "--days", "0", "--json").json()
    assert {i["state"] for i in items} == {"overdue"}


def test_due_with_nothing_to_do_says_so(ok, run):
    result = ok("due", "--on", NOW)
    assert result.stdout == "" and "Nothing due" in result.stderr
    assert ok("due", "--json").json() == []


def test_done_thanks_removes_it_from_due(ok):
    ok("profile", "--no-reflect")  # this test is about the other follow-ups
    ident = add(ok, "--at", "2026-11-21 15:00")
    ok("done", "thanks", str(ident), "--at", "2026-11-21 18:00")
    items = ok("due", "--on", NOW, "--json").json()
    assert [i["action"] for i in items] == []


def test_the_check_waits_for_the_decision_date(ok):
    ok("profile", "--no-reflect")  # this test is about the other follow-ups
    ident = add(ok, "--at", "2026-11-09 10:00", "--decision-by", "2026-11-20")
    ok("done", "thanks", str(ident), "--at", "2026-11-09 12:00")
    items = ok("due", "--on", "2026-11-22 08:00", "--days", "1", "--json").json()
    assert [(i["action"], i["state"], i["due"]) for i in items] == [
        ("check", "upcoming", "2026-11-23T00:00:00+00:00")
    ]


def test_invitation_reply_and_decline_closes_as_withdrawn(ok):
    ident = add(ok, "--at", "2026-11-16 10:00")
    ok("result", str(ident), "invited", "--at", "2026-11-21 16:00")
    items = ok("due", "--on", NOW, "--json").json()
    assert [(i["action"], i["state"]) for i in items] == [("reply", "due")]
    assert items[0]["due"] == "2026-11-22T16:00:00+00:00"
    record = ok("done", "decline", str(ident), "--at", "2026-11-21 20:00", "--json").json()
    assert record["status"] == "withdrawn" and record["pending"] == []
    assert ok("list", "--json").json() == []


def test_accepting_an_invitation(ok):
    ident = add(ok, "--at", "2026-11-16 10:00")
    ok("result", str(ident), "invited", "--at", "2026-11-21 16:00")
    record = ok("done", "reply", str(ident), "--at", "2026-11-21 17:00", "--json").json()
    assert record["pending"] == [] and record["status"] == "invited"


def test_done_reply_without_an_invitation_is_refused(ok, run, backend):
    ident = add(ok)
    result = run("done", "reply", str(ident))
    assert result.exit_code == 1 and "no invitation" in result.stderr
    assert backend.rows("select count(*) from event") == [(0,)]


def test_done_thanks_before_the_interview_is_refused(ok, run):
    ident = add(ok, "--at", "2026-11-20 10:00")
    result = run("done", "thanks", str(ident), "--at", "2026-11-19 10:00")
    assert result.exit_code == 2 and "before interview" in result.stderr


def test_result_closes_pending_thanks_and_checks(ok):
    ident = add(ok, "--at", "2026-11-16 10:00")
    ok("result", str(ident), "offer", "--at", "2026-11-18 10:00")
    assert ok("due", "--on", NOW, "--json").json() == []
    assert ok("show", str(ident), "--json").json()["status"] == "offer"


# -- profile ---------------------------------------------------------------------------------


def test_profile_sets_and_shows_details_and_rules(ok):
    ok(
        "profile",
        "--name",
        "Li Wei",
        "--email",
        "li.wei@example.com",
        "--phone",
        "+86 138 0000 0000",
        "--timezone",
        "Asia/Shanghai",
        "--lang",
        "zh",
        "--thanks-days",
        "1",
        "--check-days",
        "5",
    )
    shown = ok("profile", "--json").json()
    assert shown == {
        "name": "Li Wei",
        "email": "li.wei@example.com",
        "phone": "+86 138 0000 0000",
        "timezone": "Asia/Shanghai",
        "lang": "zh",
        "locale": "",
        "thanks_days": 1,
        "check_days": 5,
        "reply_days": 1,
        "reflect_days": 1,
        "reflect": True,
        "smtp_host": "",
        "smtp_port": 0,
        "smtp_user": "",
        "smtp_security": "starttls",
        "notify": [],
        "imap_host": "",
        "imap_port": 0,
        "imap_user": "",
        "imap_security": "",
        "imap_sent": "",
    }
    assert "Li Wei" in ok("profile").stdout
    ident = add(ok, "--at", "2026-11-16 10:00")  # Monday, Shanghai
    pending = {p["action"]: p for p in ok("show", str(ident), "--json").json()["pending"]}
    assert pending["thanks"]["deadline"] == "2026-11-17T10:00:00+08:00"
    assert pending["check"]["opens"] == "2026-11-23T00:00:00+08:00"  # Saturday 21st -> Monday
    assert pending["reflect"]["deadline"] == "2026-11-17T10:00:00+08:00"
    ok("profile", "--reflect-days", "2", "--no-reflect")
    assert "reflect" not in {
        p["action"] for p in ok("show", str(ident), "--json").json()["pending"]
    }
    ok("profile", "--reflect")
    again = {p["action"]: p for p in ok("show", str(ident), "--json").json()["pending"]}
    assert again["reflect"]["deadline"] == "2026-11-18T10:00:00+08:00"


# -- errors: message, exit code, store unchanged ---------------------------------------------------


@pytest.mark.parametrize(
    "args, code, message",
    [
        (
            ["add", "-c", "Acme", "-r", "Dev", "--at", "next blue moon"],
            2,
            "Error: --at 'next blue moon' is not a date",
        ),
        (["add", "-c", "Acme", "-r", "Dev", "--at", ""], 2, "Error: --at is empty"),
        (
            ["add", "-c", "Acme", "-r", "Dev", "--decision-by", "31/31/2026"],
            2,
            "Error: --decision-by",
        ),
        (["add", "-c", "", "-r", "Dev"], 2, "Error: --company must not be empty"),
        (["add", "-c", "   ", "-r", "Dev"], 2, "Error: --company must not be empty"),
        (["add", "-c", "Acme", "-r", ""], 2, "Error: --role must not be empty"),
        (["add", "-c", "A" * 201, "-r", "Dev"], 2, "Error: --company is 201 characters long"),
        (
            ["add", "-c", "Acme\nBcc: x@evil.example", "-r", "Dev"],
            2,
            "Error: --company must be one line",
        ),
        (["add", "-c", "Acme", "-r", "Dev\r"], 2, "Error: --role must be one line"),
        (
            [
                "add",
                "-c",
                "Acme",
                "-r",
                "Dev",
                "--contact",
                "Jane <jane@acme.example>\nBcc: x@e.example",
            ],
            2,
            "Error: --contact must be one line",
        ),
        (
            ["add", "-c", "Acme", "-r", "Dev", "--contact", "Jane"],
            2,
            "Error: --contact 'Jane' is not an email address",
        ),
        (["add", "-c", "Acme", "-r", "Dev", "--recruiter", "<>"], 2, "Error: --recruiter"),
        (["add", "-c", "Acme", "-r", "Dev", "--lang", "fr"], 2, "Error"),
        (["add", "-c", "Acme", "-r", "Dev", "--round", "0"], 2, "Error"),
        (
            ["add", "-c", "Acme", "-r", "Dev", "--notes", "x" * 10_001],
            2,
            "Error: --notes is 10001 characters long",
        ),
        (["add", "-c", "Acme", "-r", "Dev", "--at", "0001-01-01"], 2, "not between the years"),
        (["add", "-c", "Acme", "-r", "Dev", "--round", str(10**20)], 2, "Error"),
        (["edit", "1", "--role", "Dev\nBcc: x@evil.example"], 2, "Error: --role must be one line"),
        (["edit", "1", "--contact", "Eve <e@x.example>\r\nBcc: y"], 2, "must be one line"),
        (["show", str(10**20)], 1, "Error: there is no interview 1000"),
        (["due", "--on", "9999-12-31"], 2, "not between the years"),
        (["due", "--days", "1000000000"], 2, "Error"),
        (["add", "-c", "A", "-r", "B", "--at", "32 Nov"], 2, "does not name a day and a month"),
        (["add", "-c", "A", "-r", "B", "--at", "Nov 32"], 2, "does not name a day and a month"),
        (["add", "-c", "A", "-r", "B", "--at", "99"], 2, "does not name a day and a month"),
        (["add", "-c", "A", "-r", "B", "--at", "2026"], 2, "does not name a day and a month"),
        (["add", "-c", "A", "-r", "B", "--at", "friday"], 2, "names a weekday but not its date"),
        (["add", "-c", "A", "-r", "B", "--at", "11/12/2026"], 2, "is ambiguous"),
        (["edit", "1", "--at", "32 Nov"], 2, "does not name a day and a month"),
        (["done", "thanks", "1"], 1, "Error: thanks is already recorded"),
        (["profile", "--thanks-days", "0"], 2, "Error: --thanks-days must be between 1 and 365"),
        (["show", "99"], 1, "Error: there is no interview 99"),
        (["show", "abc"], 2, "Error"),
        (["edit", "99", "--role", "X"], 1, "Error: there is no interview 99"),
        (["rm", "99", "--yes"], 1, "Error: there is no interview 99"),
        (["done", "thanks", "99"], 1, "Error: there is no interview 99"),
        (["done", "celebrate", "1"], 2, "Error"),
        (["result", "99", "offer"], 1, "Error: there is no interview 99"),
        (["result", "1", "maybe"], 2, "Error"),
        (["due", "--on", "someday"], 2, "Error: --on 'someday' is not a date"),
        (["due", "--days", "-1"], 2, "Error"),
        (
            ["profile", "--email", "not-an-email"],
            2,
            "Error: --email 'not-an-email' is not an email",
        ),
        (
            ["profile", "--timezone", "Mars/Olympus"],
            2,
            "Error: --timezone 'Mars/Olympus' is not a time zone",
        ),
        (["profile", "--name", "Li\nWei"], 2, "Error: --name must be one line"),
        (["profile", "--check-days", "0"], 2, "Error: --check-days must be between 1 and 365"),
        (["profile", "--phone", "call me"], 2, "Error: --phone 'call me' is not a phone number"),
        (["profile", "--smtp-security", "tls"], 2, "'tls' is not one of 'starttls', 'ssl', 'none'"),
    ],
)
def test_bad_input_gives_an_error_line_an_exit_code_and_changes_nothing(
    ok, run, home, args, code, message
):
    add(ok, "--at", "2026-11-16 10:00")
    ok("done", "thanks", "1", "--at", "2026-11-16 18:00")
    before = ok("list", "--all", "--json").stdout, ok("profile", "--json").stdout
    result = run(*args)
    assert result.exit_code == code, result
    assert message in result.stderr, result
    assert "Traceback" not in result.stderr + result.stdout
    assert (ok("list", "--all", "--json").stdout, ok("profile", "--json").stdout) == before


@pytest.mark.sqlite_only
def test_a_file_that_is_not_sqlite_is_left_untouched(run, home):
    home.mkdir()
    store = home / "followup.db"
    store.write_bytes(b"my precious notes, not a database\n" * 50)
    before = store.read_bytes()
    for args in (["due"], ["add", "-c", "A", "-r", "B"], ["list"]):
        result = run(*args)
        assert result.exit_code == 1
        assert result.stderr.startswith("Error: ") and "not a followup store" in result.stderr
    assert store.read_bytes() == before
    assert sorted(p.name for p in home.iterdir()) == ["followup.db"]


@pytest.mark.sqlite_only
def test_a_truncated_store_is_reported_and_left_as_it_is(ok, run, home):
    for n in range(30):
        add(ok, "--notes", "x" * 500 + str(n))
    store = home / "followup.db"
    assert not (home / "followup.db-wal").exists()  # every command closes its store cleanly
    data = store.read_bytes()
    store.write_bytes(data[: len(data) // 2])
    before = store.read_bytes()
    result = run("list", "--all")
    assert result.exit_code == 1 and result.stderr.startswith("Error: "), result
    assert store.read_bytes() == before


@pytest.mark.sqlite_only
def test_a_store_under_a_regular_file_cannot_be_created(run, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("FOLLOWUP_HOME", str(blocker / "sub"))
    result = run("add", "-c", "A", "-r", "B")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot create the store")
    assert blocker.read_text() == "x"


@pytest.mark.sqlite_only
def test_a_store_folder_that_refuses_files_is_reported(run, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "open", refuse)
    result = run("add", "-c", "A", "-r", "B")
    assert result.exit_code == 1 and "No space left on device" in result.stderr


@pytest.mark.sqlite_only
def test_a_locked_store_gives_a_clear_error_and_keeps_its_rows(ok, run, home, monkeypatch):
    add(ok)
    monkeypatch.setenv("FOLLOWUP_BUSY_TIMEOUT", "0.2")
    holder = sqlite3.connect(home / "followup.db", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = run("add", "-c", "B", "-r", "C")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and "locked" in result.stderr
    assert len(ok("list", "--all", "--json").json()) == 1


@pytest.mark.sqlite_only
def test_a_disk_that_refuses_the_write_changes_nothing(ok, home):
    add(ok)
    ok("list")  # let SQLite checkpoint and remove its WAL
    store = home / "followup.db"
    before = store.read_bytes()
    script = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (1, 1))\n"
        "from followup.cli import main\n"
        "sys.argv = ['followup', 'add', '-c', 'Big', '-r', 'Write', '--notes', 'x' * 5000]\n"
        "main()\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=os.environ
    )
    assert out.returncode == 1, out
    assert out.stderr.startswith("Error: "), out.stderr
    assert "Traceback" not in out.stderr
    assert store.read_bytes() == before
    assert len(ok("list", "--all", "--json").json()) == 1


def test_an_unexpected_failure_is_one_error_line_not_a_traceback(run, monkeypatch):
    monkeypatch.delenv("FOLLOWUP_DEBUG")

    def broken(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr("followup.rules.due", broken)
    result = run("due")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: unexpected RuntimeError: simulated bug")
    assert "Traceback" not in result.stderr


def test_a_check_may_be_recorded_twice_and_an_early_one_is_noted(ok):
    ident = add(ok, "--at", "2026-11-09 10:00")
    first = ok("done", "check", str(ident), "--at", "2026-11-11 10:00")
    assert "Note: this check came before" in first.stderr
    ok("done", "check", str(ident), "--at", "2026-11-18 10:00")
    events = ok("show", str(ident), "--json").json()["events"]
    assert [e["name"] for e in events] == ["check", "check"]


def test_done_on_an_interview_that_has_not_started_says_so(ok, run):
    ident = add(ok, "--at", "2099-01-05 10:00")
    result = run("done", "thanks", str(ident))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: interview {ident} has not started yet (it starts ")


def test_ids_are_never_reused_after_rm(ok):
    add(ok)
    second = add(ok)
    ok("rm", str(second), "--yes")
    assert add(ok) == second + 1


@pytest.mark.sqlite_only
def test_another_programs_sqlite_file_is_left_untouched(run, home):
    home.mkdir()
    store = home / "followup.db"
    with sqlite3.connect(store) as conn:
        conn.execute("create table photos (id integer primary key, path text)")
        conn.execute("insert into photos (path) values ('a.jpg')")
    before = store.read_bytes()
    result = run("list")
    assert result.exit_code == 1
    assert "is a database of another program (it holds photos)" in result.stderr
    assert store.read_bytes() == before


def test_a_tz_variable_that_is_not_a_zone_is_an_error(run, monkeypatch):
    monkeypatch.setenv("TZ", "Bogus/Zone")
    result = run("due")
    assert (
        result.exit_code == 1 and "the TZ variable 'Bogus/Zone' is not a time zone" in result.stderr
    )


def test_due_in_a_terminal_is_a_coloured_table_and_in_a_pipe_plain_lines(ok, monkeypatch):
    ok("profile", "--no-reflect")  # this test is about the other follow-ups
    from followup import render

    ok("profile", "--timezone", "America/New_York")
    late = add(ok, "--at", "2026-11-14 10:00")
    piped = ok("due", "--on", NOW).stdout
    assert "\x1b" not in piped
    line = next(li for li in piped.splitlines() if li.startswith(f"{late} "))
    assert "Acme · Support Engineer" in line and f"followup draft thanks {late}" in line
    monkeypatch.setattr(render, "terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    table = ok("due", "--on", NOW).stdout
    assert "\x1b[1;31mOverdue (1)\x1b[0m" in table  # the state's colour
    plain = re.sub(r"\x1b\[[0-9;]*m", "", table)
    line = next(li for li in plain.splitlines() if li.lstrip().startswith(f"{late} "))
    assert "Acme · Support Engineer" in line and line.endswith(f"followup draft thanks {late}")
    monkeypatch.setenv("COLUMNS", "60")  # too narrow for a table: each row stacked
    stacked = re.sub(r"\x1b\[[0-9;]*m", "", ok("due", "--on", NOW).stdout).splitlines()
    assert f"{late}  Acme · Support Engineer" in stacked
    assert f"   followup draft thanks {late}" in stacked


@pytest.mark.parametrize(
    "args, message",
    [
        (["result", "1", "offer", "--at", "2026-11-01 10:00"], "is before interview 1 starts"),
        (["result", "1", "offer", "--at", "2099-01-01 10:00"], "is in the future"),
        (["done", "check", "1", "--at", "2099-01-01 10:00"], "is in the future"),
    ],
)
def test_results_and_actions_happen_after_the_interview_and_not_in_the_future(
    ok, run, args, message
):
    add(ok, "--at", "2026-11-10 10:00")
    result = run(*args)
    assert result.exit_code == 2 and message in result.stderr
    assert ok("show", "1", "--json").json()["events"] == []
    ok("result", "1", "withdrawn", "--at", "2026-11-09 10:00")  # one may withdraw before it


@pytest.mark.parametrize("value", ["abc", "-1", "nan", "1e9"])
def test_a_busy_timeout_that_is_not_a_number_of_seconds_is_refused(
    ok, run, monkeypatch, backend, value
):
    add(ok)
    monkeypatch.setenv("FOLLOWUP_BUSY_TIMEOUT", value)
    commands = [["add", "-c", "B", "-r", "C"]]
    if backend.name == "sqlite":  # on a server only writers wait
        commands.append(["list"])
    for args in commands:
        result = run(*args)
        assert result.exit_code == 1, result
        assert result.stderr == (
            f"Error: FOLLOWUP_BUSY_TIMEOUT '{value}' is not a number of seconds between 0 and "
            "3600.\n"
        )
    monkeypatch.delenv("FOLLOWUP_BUSY_TIMEOUT")
    assert len(ok("list", "--json").json()) == 1
