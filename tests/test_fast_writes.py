"""The everyday writes take a second, faster path on a current SQLite store
(store/sqlite_writer.py); it must store exactly what the full store stores, on SQLite and on
PostgreSQL, and every fast write must be undone by ``undo``."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from followup import config, models
from followup.errors import FollowupError, NotFound, StoreError
from followup.records import Person
from followup.store import Store, sqlite_rows
from followup.store.sqlite_writer import Writer

T0 = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)
TABLES = {
    "interview": "id",
    "contact": "id",
    "event": "id",
    "reflection": "interview_id",
    "question": "id",
    "journal": "id",
    "setting": "key",
}


def _steps() -> list[Any]:
    """Each step changes a store (a Store or a Writer) the same way, at a fixed moment."""

    def at(hours: float) -> datetime:
        return T0 + timedelta(hours=hours)

    jane, raj = Person("Jane Doe", "jane@a.example"), Person("王芳", "wang@a.example")
    return [
        lambda s: s.add(
            company="Acme",
            role="Dev",
            at=at(-48),
            zone="Asia/Kolkata",
            round=2,
            decision_by=date(2026, 11, 27),
            lang="zh",
            notes="n",
            topic="t",
            strength="s",
            idea="i",
            topic_for=[("jane@a.example", "queues")],
            contacts=[jane, raj],
            recruiters=[Person("Ana", "ana@a.example")],
            now=at(0),
        ),
        lambda s: s.add(company="Globex", role="Ops", at=at(-30), now=at(1)),
        lambda s: s.record(1, "done", "thanks", at(-20), now=at(2), once=True),
        lambda s: s.record(1, "done", "check", at(-10), now=at(2.5)),
        lambda s: s.record(1, "result", "invited", at(-5), now=at(3), once=True),
        lambda s: s.record(1, "result", "rejected", at(-8), now=at(3.5), once=True),  # older
        lambda s: s.record(2, "done", "decline", at(-1), now=at(4), once=True),
        lambda s: s.edit(
            1,
            {
                "company": "Acme Ltd",
                "at": at(-47),
                "zone": "Europe/Paris",
                "decision_by": None,
                "topic_for": [("raj@a.example", "tickets")],
                "notes": None,
            },
            contacts=[Person("Raj", "raj@a.example")],
            now=at(5),
        ),
        lambda s: s.edit(1, {}, recruiters=[], now=at(6)),
        lambda s: s.edit(2, {"round": 3, "lang": "hi"}, now=at(6.5)),
        lambda s: s.reflect(
            1,
            questions=[("Why us?", "Growth"), ("Salary?", "")],
            fields={"went_well": "rapport", "improve": None},
            now=at(7),
        ),
        lambda s: s.reflect(
            1,
            questions=[("why us", "Growth and the team"), ("Hardest ticket?", "A refund")],
            fields={"improve": "shorter answers"},
            now=at(8),
        ),
        lambda s: s.reflect(2, questions=[], fields={"idea": "a FAQ"}, now=at(9)),
    ]


def _value(table: str, column: str, value: Any) -> Any:
    """A stored value, the same whichever database and driver gave it. A contact's id is
    left out: SQLite gives a deleted row's id again, PostgreSQL's sequence never does."""
    if table == "contact" and column == "id":
        return "<id>"
    if column in sqlite_rows.TIMES and value is not None:
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
        return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if column == "active":
        return bool(value)
    if column == "uid":
        return "<uid>" if value else value
    if table == "journal" and column == "data":
        data = json.loads(value)
        if isinstance(data, dict) and isinstance(data.get("interview"), dict):
            data["interview"]["uid"] = "<uid>"
        for person in data.get("contacts", ()) if isinstance(data, dict) else ():
            person["id"] = "<id>"
        return data
    return value


def dump(url: str) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table a write touches, read past followup."""
    engine = sa.create_engine(url)
    out: dict[str, list[dict[str, Any]]] = {}
    try:
        with engine.connect() as conn:
            for table, key in TABLES.items():
                columns = [c.name for c in models.SQLModel.metadata.tables[table].columns]
                quoted = ", ".join(f'"{c}"' for c in columns)
                rows = conn.exec_driver_sql(f'SELECT {quoted} FROM {table} ORDER BY "{key}"')
                out[table] = [
                    {c: _value(table, c, v) for c, v in zip(columns, row, strict=True)}
                    for row in rows
                ]
    finally:
        engine.dispose()
    return out


def fresh_file(folder: Path) -> Path:
    path = folder / "followup.db"
    Store.open(path).close()  # created and migrated the full way
    return path


def test_the_columns_the_writer_names_are_the_models_columns():
    def names(model: Any) -> tuple[str, ...]:
        return tuple(c.name for c in model.__table__.columns)

    assert names(models.Interview) == sqlite_rows.INTERVIEW_FIELDS
    assert names(models.Contact) == sqlite_rows.CONTACT_FIELDS
    assert names(models.Reflection) == sqlite_rows.REFLECTION_FIELDS
    assert names(models.Question) == sqlite_rows.QUESTION_FIELDS
    assert {
        t.name: {c.name for c in t.columns} for t in models.SQLModel.metadata.sorted_tables
    } == sqlite_rows.SCHEMA


def test_fast_writes_store_what_the_full_store_stores(backend, tmp_path):
    """The same steps through the full store (SQLite or PostgreSQL) and the fast writer:
    the same rows, the same journal, the same records returned."""
    full = Store.open(config.store_path(), config.database_url())
    path = fresh_file(tmp_path / "fast")
    fast = Writer.open(path)
    assert fast is not None
    try:
        for step in _steps():
            expected, got = step(full), step(fast)
            assert replace_uid(got) == replace_uid(expected)
    finally:
        full.close()
        fast.close()
    assert dump(f"sqlite:///{path}") == dump(backend.url)


def replace_uid(item: Any) -> Any:
    return item._replace(uid="<uid>")


@pytest.mark.parametrize("case", ["fast", "full"])
def test_undo_reverses_every_fast_write_exactly(tmp_path, case):
    """After each write, the rows as they were; undo (the full store) walks back through
    them all. (The full writes' own undo is the reference: both must behave alike.)"""
    path = fresh_file(tmp_path / case)
    url = f"sqlite:///{path}"
    before = [dump(url)]
    for step in _steps():
        writer = Writer.open(path) if case == "fast" else Store.open(path)
        assert writer is not None
        step(writer)
        writer.close()
        before.append(dump(url))
    for expected in reversed(before[:-1]):
        store = Store.open(path)
        store.undo(now=T0 + timedelta(days=1))
        store.close()
        now = dump(url)
        now.pop("setting"), expected.pop("setting")  # ids are never reused
        assert now == expected


def test_a_refused_fast_write_changes_nothing_and_says_what_the_full_one_says(tmp_path):
    path = fresh_file(tmp_path / "fast")
    full_path = fresh_file(tmp_path / "full")
    writers = [Writer.open(path), Store.open(full_path)]
    messages = []
    for writer in writers:
        assert writer is not None
        writer.add(company="Acme", role="Dev", at=T0, now=T0)
        writer.record(1, "done", "thanks", T0, now=T0, once=True)
        found = []
        for attempt, kind in (
            (lambda w=writer: w.record(1, "done", "thanks", T0, now=T0, once=True), FollowupError),
            (lambda w=writer: w.record(9, "done", "thanks", T0, now=T0), NotFound),
            (lambda w=writer: w.edit(9, {"role": "X"}, now=T0), NotFound),
            (lambda w=writer: w.reflect(9, fields={"idea": "x"}, now=T0), NotFound),
        ):
            with pytest.raises(kind) as error:
                attempt()
            found.append(str(error.value))
        messages.append(found)
        writer.close()
    assert messages[0] == messages[1]
    assert dump(f"sqlite:///{path}")["event"] == dump(f"sqlite:///{full_path}")["event"]
    assert len(dump(f"sqlite:///{path}")["journal"]) == 2


def test_a_locked_store_is_one_error_and_nothing_recorded(tmp_path, monkeypatch):
    path = fresh_file(tmp_path / "fast")
    monkeypatch.setenv("FOLLOWUP_BUSY_TIMEOUT", "0")
    writer = Writer.open(path)
    assert writer is not None
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError, match="locked by another program"):
            writer.add(company="Acme", role="Dev", at=T0, now=T0)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    writer.close()
    assert dump(f"sqlite:///{path}")["interview"] == []


def test_the_writer_leaves_stores_it_cannot_serve_to_the_full_store(tmp_path):
    assert Writer.open(tmp_path / "missing.db") is None
    path = fresh_file(tmp_path / "old")
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM migration WHERE name = 'm010_journal'")  # needs a migration
    conn.commit()
    conn.close()
    assert Writer.open(path) is None
    path.write_text("not a database")
    assert Writer.open(path) is None


WRITES = [
    ["add", "-c", "Acme", "-r", "Dev", "--at", "2026-11-20 10:00", "--contact", "J <j@a.example>"],
    ["edit", "1", "--notes", "panel", "--recruiter", "Ana <ana@a.example>"],
    ["done", "thanks", "1", "--at", "2026-11-20 18:00"],
    ["result", "1", "invited", "--at", "2026-11-21 09:00"],
    ["reflect", "1", "-q", "Why us?", "-a", "Growth", "--went-well", "rapport"],
]


def test_the_command_line_writes_without_sqlalchemy_and_undo_reverses_each(ok, home):
    """Through the real entry point on a current store: no SQLAlchemy or SQLModel
    loaded (pydantic is Typer's own), and `undo` (the full store) takes each write back."""
    ok("profile", "--timezone", "UTC")  # creates the store the full way
    url = f"sqlite:///{home / 'followup.db'}"
    probe = (
        "import sys; from followup import entry; sys.argv = ['followup', *sys.argv[1:]]\n"
        "try:\n    entry.main()\nfinally:\n"
        "    loaded = [m for m in ('sqlalchemy', 'sqlmodel') if m in sys.modules]\n"
        "    sys.stderr.write(f'LOADED={loaded}\\n')\n"
    )
    states = [dump(url)]
    for args in WRITES:
        done = subprocess.run(
            [sys.executable, "-c", probe, *args], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
        assert "LOADED=[]" in done.stderr
        states.append(dump(url))
    assert states[-1]["interview"][0]["notes"] == "panel"
    for expected in reversed(states[:-1]):
        ok("undo")
        now = dump(url)
        now.pop("setting"), expected.pop("setting")
        assert now == expected
