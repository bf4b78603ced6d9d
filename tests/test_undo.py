"""Every mistake can be undone: undo, log, forget, a result twice, reflections corrected."""

from __future__ import annotations

import os
import sqlite3
import sys
from datetime import datetime, timedelta, timezone

import pytest

from followup import config
from followup.store import Store

pytestmark = pytest.mark.usefixtures("backend")  # every test runs on SQLite and on PostgreSQL


def add(ok, company: str = "Acme", at: str = "2026-11-20 10:00") -> str:
    ok("profile", "--timezone", "UTC")
    return str(ok("add", "-c", company, "-r", "Dev", "--at", at, "--json").json()["id"])


def show(ok, ident: str) -> dict:
    return ok("show", ident, "--json").json()


def test_undo_reverses_an_action_done_and_says_so(ok):
    ident = add(ok)
    ok("done", "thanks", ident, "--at", "2026-11-21 09:00")
    result = ok("undo")
    assert result.stderr == f"Undone: thanks done for interview {ident} (Acme, Dev).\n"
    assert show(ok, ident)["events"] == []
    assert "thanks" in {a["action"] for a in show(ok, ident)["pending"]}  # due again


def test_undo_is_repeatable_newest_first_then_says_there_is_nothing(ok, run):
    ident = add(ok)
    ok("done", "thanks", ident, "--at", "2026-11-21 09:00")
    ok("result", ident, "rejected", "--at", "2026-11-25 09:00")
    assert "the result rejected for interview" in ok("undo").stderr
    item = show(ok, ident)
    assert item["result"] is None and item["status"] != "rejected"
    assert [e["name"] for e in item["events"]] == ["thanks"]
    assert "thanks done" in ok("undo").stderr
    assert "the addition of interview" in ok("undo").stderr
    assert ok("list", "--all", "--json").json() == []
    empty = run("undo")
    assert empty.exit_code == 1 and empty.stderr.startswith("Error: nothing to undo")


def test_undo_of_a_decline_removes_the_withdrawal_too_and_reopens(ok):
    ident = add(ok)
    ok("result", ident, "invited", "--at", "2026-11-22 09:00")
    ok("done", "decline", ident, "--at", "2026-11-22 10:00")
    assert ok("list", "--json").json() == []
    ok("undo")
    item = show(ok, ident)
    assert [e["name"] for e in item["events"]] == ["invited"]
    assert item["result"] == "invited"
    assert [i["id"] for i in ok("list", "--json").json()] == [int(ident)]


def test_undo_reverses_an_edit_with_its_contacts(ok):
    ident = add(ok)
    ok(
        "edit",
        ident,
        "--role",
        "Lead",
        "--contact",
        "Jane <jane@a.example>",
        "--at",
        "2026-11-20 11:00",
    )
    assert "the edit of interview" in ok("undo").stderr
    item = show(ok, ident)
    assert item["role"] == "Dev" and item["contacts"] == []
    assert item["at"] == "2026-11-20T10:00:00+00:00"


def test_undo_after_rm_brings_the_interview_back_whole(ok):
    ident = add(ok)
    ok("edit", ident, "--contact", "Jane <jane@a.example>")
    ok("done", "thanks", ident, "--at", "2026-11-21 09:00")
    ok("reflect", ident, "-q", "Why us?", "-a", "Because", "--improve", "Slower")
    before = show(ok, ident)
    removed = ok("rm", ident, "--yes")
    assert "followup undo" in removed.stderr
    assert "the removal of interview" in ok("undo").stderr
    after = show(ok, ident)
    assert after == before
    assert add(ok, "Next") == str(int(ident) + 1)  # ids are still never reused


def test_removed_interviews_are_let_go_after_30_days_and_a_backup(ok, backend):
    ident = add(ok)
    ok("rm", ident, "--yes")
    store = Store.open(config.store_path(), config.database_url())
    try:
        later = datetime.now(timezone.utc) + timedelta(days=31)
        from followup.store import journal

        with store.session(write=True) as session:
            journal.forget_removed(session, now=later, backed_up=later - timedelta(days=40))
            session.commit()
        assert store.undo(now=later)  # a backup older than the removal: still kept
        store.remove(int(ident), now=later - timedelta(days=31))
        with store.session(write=True) as session:
            journal.forget_removed(session, now=later, backed_up=later)
            session.commit()
        with pytest.raises(Exception, match="nothing to undo"):
            store.undo(now=later)  # 30 days old, and a backup holds it
    finally:
        store.close()


def test_log_lists_events_with_ids_and_forget_removes_one(ok, run):
    ident = add(ok)
    ok("done", "thanks", ident, "--at", "2026-11-21 09:00")
    ok("done", "check", ident, "--at", "2026-11-28 09:00")
    ok("done", "check", ident, "--at", "2026-11-28 09:05")  # recorded twice by mistake
    events = ok("log", ident, "--json").json()
    assert [(e["kind"], e["name"]) for e in events] == [
        ("done", "thanks"),
        ("done", "check"),
        ("done", "check"),
    ]
    text = ok("log", ident).stdout
    assert str(events[2]["event"]) in text and "check done" in text
    gone = ok("forget", str(events[2]["event"]))
    assert f"Forgot event {events[2]['event']} of interview {ident}: check done" in gone.stderr
    assert [e["event"] for e in ok("log", ident, "--json").json()] == [
        events[0]["event"],
        events[1]["event"],
    ]
    assert "forgetting event" in ok("undo").stderr
    assert len(ok("log", ident, "--json").json()) == 3
    missing = run("forget", "999")
    assert missing.exit_code != 0 and missing.stderr.startswith("Error: there is no event 999")


def test_forgetting_a_result_reopens_the_interview(ok):
    ident = add(ok)
    ok("result", ident, "rejected", "--at", "2026-11-25 09:00")
    event = ok("log", ident, "--json").json()[0]["event"]
    ok("forget", str(event))
    item = show(ok, ident)
    assert item["result"] is None and item["status"] in ("awaiting", "ghosted")
    assert [i["id"] for i in ok("list", "--json").json()] == [int(ident)]


def test_the_same_result_twice_is_refused(ok, run):
    ident = add(ok)
    ok("result", ident, "invited", "--at", "2026-11-22 09:00")
    again = run("result", ident, "invited", "--at", "2026-11-22 10:00")
    assert again.exit_code == 1
    assert again.stderr.startswith(f"Error: invited is already recorded for interview {ident}")
    assert len(ok("log", ident, "--json").json()) == 1
    ok("result", ident, "offer", "--at", "2026-11-26 09:00")  # another outcome is fine


def test_a_reflection_answer_is_corrected_not_copied_and_undone(ok):
    ident = add(ok)
    ok("reflect", ident, "-q", "Why us?", "-a", "Because")
    ok("reflect", ident, "-q", "why us", "-a", "The product")
    questions = show(ok, ident)["reflection"]["questions"]
    assert questions == [{"question": "Why us?", "answer": "The product"}]
    assert "the reflection on interview" in ok("undo").stderr
    questions = show(ok, ident)["reflection"]["questions"]
    assert questions == [{"question": "Why us?", "answer": "Because"}]
    ok("undo")
    item = show(ok, ident)
    assert item["reflection"] is None and item["events"] == []


@pytest.mark.parametrize(
    "how", [["reflect", "{id}", "--skip"], ["done", "reflect", "{id}", "--skip"]]
)
def test_skipping_one_reflection_leaves_the_others_on(ok, how):
    first = add(ok)
    second = add(ok, "Globex")
    ok(*[part.format(id=first) for part in how])
    assert "reflect" not in {a["action"] for a in show(ok, first)["pending"]}
    assert "reflect" in {a["action"] for a in show(ok, second)["pending"]}
    assert ok("profile", "--json").json()["reflect"] is True


def test_skip_goes_only_with_reflect(run, ok):
    ident = add(ok)
    result = run("done", "thanks", ident, "--skip")
    assert result.exit_code == 2 and "--skip goes with `done reflect`" in result.stderr


@pytest.mark.sqlite_only
def test_the_editor_form_shows_earlier_answers_and_an_unchanged_form_records_nothing(
    ok, monkeypatch, tmp_path
):
    from followup.cli import prompt

    ident = add(ok)
    ok("reflect", ident, "-q", "Why us?", "-a", "Because")
    monkeypatch.setattr(prompt, "interactive", lambda: True)
    monkeypatch.setattr(prompt, "stdout_terminal", lambda: True)
    monkeypatch.setenv("EDITOR", "true")  # closes the form as it was
    result = ok("reflect", ident)
    assert "Nothing recorded: the form was closed without a change" in result.stderr
    assert "the reflection on interview" in ok("undo").stderr  # the first one, not the form
    ok("reflect", ident, "-q", "Why us?", "-a", "Because")
    script = tmp_path / "fix.py"
    script.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "t = p.read_text()\n"
        "assert 'Q: Why us?' in t and 'A: Because' in t, t\n"
        "p.write_text(t.replace('A: Because', 'A: The product'))\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    ok("reflect", ident)
    assert show(ok, ident)["reflection"]["questions"] == [
        {"question": "Why us?", "answer": "The product"}
    ]
    assert os.path.exists(config.store_path())
    with sqlite3.connect(config.store_path()) as conn:
        assert conn.execute("select count(*) from question").fetchone() == (1,)


@pytest.mark.sqlite_only
def test_a_store_from_before_the_journal_upgrades_and_undoes_what_comes_next(ok, home):
    import shutil
    from pathlib import Path

    home.mkdir(parents=True, exist_ok=True)
    shutil.copy(Path(__file__).parent / "fixtures" / "store-v5.db", home / "followup.db")
    ok("done", "check", "1", "--at", "2026-11-12 09:00")
    assert "check done for interview 1" in ok("undo").stderr
    with sqlite3.connect(home / "followup.db") as conn:
        assert conn.execute("select count(*) from interview").fetchone() == (3,)
        assert conn.execute("select count(*) from journal").fetchone() == (0,)


@pytest.mark.sqlite_only
def test_a_backup_is_noted_so_old_removals_can_be_let_go(ok, home, tmp_path):
    ident = add(ok)
    ok("backup", str(tmp_path / "copy.db"))
    with sqlite3.connect(home / "followup.db") as conn:
        noted = conn.execute("select value from setting where key = 'last_backup_at'").fetchone()
    assert noted is not None
    ok("rm", ident, "--yes")
    assert "the removal of interview" in ok("undo").stderr  # a removal after the backup: kept


@pytest.mark.sqlite_only
def test_the_readme_says_how_to_undo_and_change_zone_or_language():
    from pathlib import Path

    text = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = text.split("## Mistakes and changes", 1)[1].split("\n## ", 1)[0]
    for words in (
        "followup undo",
        "followup log ID",
        "followup forget EVENT",
        "--timezone",
        "--lang",
    ):
        assert words in section, words
    assert len(text.splitlines()) < 400
