"""`heard`: the employer answered without a decision, through every command that knows events;
and the emails followup writes, by Message-ID, through show, undo, export and import, and the
upgrade that adds them (m012_messages)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from followup import config
from followup.store import Store
from followup.store.sqlite_reader import Reader

pytestmark = pytest.mark.usefixtures("backend")  # every test runs on SQLite and on PostgreSQL


def add(ok) -> str:
    ok("profile", "--timezone", "Asia/Shanghai", "--name", "Li Wei", "--email", "li@example.com")
    # Monday 16 November 2026, 10:00 in Shanghai: the check would open Monday the 23rd.
    return str(
        ok("add", "-c", "Acme", "-r", "Dev", "--at", "2026-11-16 10:00", "--json",
           "--contact", "Priya <priya@acme.example>").json()["id"]
    )  # fmt: skip


def pending(ok, ident: str) -> dict:
    return {a["action"]: a for a in ok("show", ident, "--json").json()["pending"]}


def test_done_heard_moves_the_status_check_to_a_week_after_the_reply(ok):
    ident = add(ok)
    assert pending(ok, ident)["check"]["opens"] == "2026-11-23T00:00:00+08:00"
    result = ok("done", "heard", ident, "--at", "2026-11-20 17:00")
    assert result.stderr.startswith(f"Recorded heard for interview {ident} (Acme, Dev)")
    assert pending(ok, ident)["check"]["opens"] == "2026-11-27T00:00:00+08:00"
    # The morning list agrees: nothing about a check on the 23rd any more.
    due = ok("due", "--on", "2026-11-23 09:00", "--json").json()
    assert "check" not in {row["action"] for row in due}
    due = ok("due", "--on", "2026-11-27 09:00", "--json").json()
    assert "check" in {row["action"] for row in due}
    # A second reply may come: heard can be recorded again, and the latest counts.
    ok("done", "heard", ident, "--at", "2026-11-24 09:00")
    assert pending(ok, ident)["check"]["opens"] == "2026-12-01T00:00:00+08:00"
    listed = ok("list", "--json").json()
    assert [row["status"] for row in listed] == ["awaiting"]


def test_heard_shows_in_show_log_and_is_undone(ok):
    ident = add(ok)
    ok("done", "heard", ident, "--at", "2026-11-20 17:00")
    assert "heard from them" in ok("show", ident).stdout
    logged = ok("log", ident, "--json").json()
    assert [(e["kind"], e["name"]) for e in logged] == [("done", "heard")]
    assert "heard" in ok("log", ident).stdout
    assert ok("undo").stderr == f"Undone: heard from interview {ident} (Acme, Dev).\n"
    assert ok("show", ident, "--json").json()["events"] == []
    assert pending(ok, ident)["check"]["opens"] == "2026-11-23T00:00:00+08:00"


def test_heard_before_the_interview_or_in_the_future_is_refused(ok, run):
    ident = add(ok)
    early = run("done", "heard", ident, "--at", "2026-11-15 10:00")
    assert early.exit_code == 2 and "before interview" in early.stderr
    later = run("done", "heard", ident, "--at", "2099-01-01 10:00")
    assert later.exit_code == 2 and "is in the future" in later.stderr
    assert ok("show", ident, "--json").json()["events"] == []


def test_done_help_documents_heard_and_the_decision_date(ok):
    text = ok("done", "--help").stdout
    assert "heard" in text and "--decision-by" in text


def test_heard_and_the_emails_written_survive_export_and_import(ok, tmp_path, monkeypatch):
    ident = add(ok)
    ok("draft", "thanks", ident, "--eml", str(tmp_path / "thanks.eml"))
    ok("done", "heard", ident, "--at", "2026-11-20 17:00")
    (written,) = ok("show", ident, "--json").json()["messages"]
    assert written["via"] == "eml" and written["recipients"] == "Priya <priya@acme.example>"
    assert f"Message-ID: {written['message_id']}" in (tmp_path / "thanks.eml").read_text()
    backup = tmp_path / "backup.json"
    ok("export", "--output", str(backup))
    document = json.loads(backup.read_text())
    (item,) = document["interviews"]
    assert [e["name"] for e in item["events"]] == ["heard"]
    assert [m["message_id"] for m in item["messages"]] == [written["message_id"]]
    monkeypatch.setenv("FOLLOWUP_HOME", str(tmp_path / "elsewhere"))
    ok("import", str(backup))
    again = ok("show", "1", "--json").json()
    assert [e["name"] for e in again["events"]] == ["heard"]
    assert again["messages"] == [written]
    assert pending(ok, "1")["check"]["opens"] == "2026-11-27T00:00:00+08:00"


def test_an_export_without_messages_still_imports(ok, tmp_path, monkeypatch):
    add(ok)
    backup = tmp_path / "backup.json"
    ok("export", "--output", str(backup))
    document = json.loads(backup.read_text())
    for item in document["interviews"]:
        del item["messages"]  # as a followup before m012 wrote it
    for key in ("imap_host", "imap_port", "imap_user", "imap_security", "imap_sent"):
        del document["profile"][key]
    backup.write_text(json.dumps(document))
    monkeypatch.setenv("FOLLOWUP_HOME", str(tmp_path / "elsewhere"))
    ok("import", str(backup))
    assert ok("show", "1", "--json").json()["messages"] == []


def test_removing_an_interview_and_undoing_it_keeps_its_emails(ok, tmp_path):
    ident = add(ok)
    ok("draft", "thanks", ident, "--eml", str(tmp_path / "thanks.eml"))
    before = ok("show", ident, "--json").json()["messages"]
    ok("rm", ident, "--yes")
    ok("undo")
    assert ok("show", ident, "--json").json()["messages"] == before


@pytest.mark.sqlite_only
def test_the_fast_path_lists_the_same_emails(ok, tmp_path):
    ident = add(ok)
    ok("draft", "thanks", ident, "--eml", str(tmp_path / "thanks.eml"))
    reader = Reader.open(config.store_path())
    assert reader is not None
    store = Store.open(config.store_path())
    try:
        assert reader.messages(int(ident)) == store.messages(int(ident)) != []
    finally:
        reader.close()
        store.close()


@pytest.mark.sqlite_only
def test_m012_upgrades_a_store_of_the_previous_version(ok):
    """A store at m010 (the message tables and the mark of m012 taken away) opens with every
    interview and event, and then records Message-IDs."""
    ident = add(ok)
    ok("done", "heard", ident, "--at", "2026-11-20 17:00")
    path = config.store_path()
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE message")
        conn.execute("DROP TABLE inbox_seen")
        conn.execute("DELETE FROM migration WHERE name = 'm012_messages'")
    assert Reader.open(path) is None  # the fast path leaves an old store to the full one
    store = Store.open(path)
    try:
        assert "m012_messages" in store.migrations()
        item = store.get(int(ident))
        assert [e.name for e in item.events] == ["heard"]
        assert store.messages() == [] and store.seen(["<a@b>"]) == set()
    finally:
        store.close()


@pytest.mark.sqlite_only
def test_draft_eml_on_a_read_only_store_writes_the_draft_and_warns(ok, tmp_path, monkeypatch):
    from followup.errors import StoreError
    from followup.store.messages import Messages

    ident = add(ok)

    def refuse(self, found):
        raise StoreError("cannot write to the store at followup.db (readonly database)")

    monkeypatch.setattr(Messages, "add_messages", refuse)
    result = ok("draft", "thanks", ident, "--eml", str(tmp_path / "thanks.eml"))
    assert (tmp_path / "thanks.eml").is_file()
    assert "Warning: the drafts' Message-IDs were not recorded" in result.stderr
