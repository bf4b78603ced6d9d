"""The rows of an SQLite store as SQLAlchemy keeps them, for :mod:`.sqlite_writer`: each
table's columns, how times and dates are stored, and the journal's JSON of a row
(:func:`followup.store.journal.row_json`), without importing SQLAlchemy.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone
from typing import Any

from followup import records
from followup.store.sqlite_reader import APPLICATION_ID, MIGRATION_NAMES, utc

# Column order of each table as followup.models declares it (journal.row_json follows it);
# a test checks these against the models.
INTERVIEW_FIELDS = (
    "id", "company", "role", "at", "round", "decision_by", "lang", "notes", "result",
    "result_at", "created_at", "updated_at", "topic", "strength", "idea", "topic_for", "uid",
    "active", "zone",
)  # fmt: skip
CONTACT_FIELDS = ("id", "interview_id", "kind", "name", "email", "position")
REFLECTION_FIELDS = (
    "interview_id", "went_well", "improve", "idea", "strength", "created_at", "updated_at",
)  # fmt: skip
QUESTION_FIELDS = ("id", "interview_id", "position", "question", "answer")
# Every table and its columns, as followup.models declares them: a store that differs (a
# change half made by another program) goes to the full store, which reports it as damaged.
# A test checks this against the models.
SCHEMA = {
    "interview": set(INTERVIEW_FIELDS),
    "contact": set(CONTACT_FIELDS),
    "event": {"id", "interview_id", "kind", "name", "at", "created_at"},
    "reflection": set(REFLECTION_FIELDS),
    "question": set(QUESTION_FIELDS),
    "setting": {"key", "value"},
    "reminder": {"channel", "kind", "key", "label", "summary", "sent_at"},
    "journal": {"id", "interview_id", "kind", "summary", "data", "created_at"},
    "migration": {"name", "applied_at"},
    "message": {"id", "interview_id", "kind", "message_id", "recipients", "via", "at"},
    "inbox_seen": {"message_id", "interview_id", "outcome", "seen_at"},
    "pending_action": {"interview_id", "seq", "action", "number", "opens", "deadline", "until"},
    "pending_dirty": {"interview_id"},
    "pending_basis": {"basis"},
}
TIMES = {"at", "result_at", "created_at", "updated_at", "applied_at", "sent_at"}
LAST_ID_KEY = "last_interview_id"  # as followup.store.interviews
LAST_BACKUP_KEY = "last_backup_at"  # as followup.store.journal
KEEP_REMOVED = timedelta(days=30)  # as followup.store.journal


def stored_time(moment: datetime) -> str:
    """A UTC time as SQLAlchemy keeps it in SQLite: ``2026-11-14 15:00:00.000000``."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def stored(key: str, value: Any) -> Any:
    """A field's value as the store keeps it."""
    if isinstance(value, datetime):
        return stored_time(value)
    if isinstance(value, date):
        return value.isoformat()
    if key == "topic_for":
        return records.topic_for_text(value)
    return value


def row_json(names: Sequence[str], row: Sequence[Any]) -> dict[str, Any]:
    """A stored row as :func:`followup.store.journal.row_json` writes it."""
    out: dict[str, Any] = {}
    for name, value in zip(names, row, strict=True):
        if name in TIMES and value is not None:
            value = (utc(value) or value).isoformat()
        elif name == "active":
            value = bool(value)
        out[name] = value
    return out


def named(interview_id: int, company: str, role: str) -> str:
    """``interview 3 (Acme, Dev)``: how a journal entry names an interview."""
    return f"interview {interview_id} ({company}, {role})"


def event_summary(kind: str, name: str, label: str) -> str:
    """What the journal says of a recorded event: ``thanks done for interview 3 (Acme, Dev)``;
    the one wording of both writers (:mod:`.events` and :mod:`.sqlite_writer`)."""
    if kind == "done" and name == "heard":
        return f"heard from {label}"
    return f"{name} done for {label}" if kind == "done" else f"the result {name} for {label}"


def same_question(text: str) -> str:
    """Questions that differ only in case, spacing or a final mark are the same question."""
    return " ".join(text.casefold().split()).rstrip("?？.。!！ ")


def sound(conn: sqlite3.Connection) -> bool:
    """Whether the store is current and whole, as the full store checks it on opening."""
    if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        return False  # another program's file, or one to mark: the full store decides
    names = sorted(row[0] for row in conn.execute("SELECT name FROM migration"))
    if names != sorted(MIGRATION_NAMES):
        return False
    if [row[0] for row in conn.execute("PRAGMA quick_check")] != ["ok"]:
        return False
    for table, columns in SCHEMA.items():
        found = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        if found != columns:
            return False
    return True


def insert(conn: sqlite3.Connection, table: str, values: dict[str, Any]) -> int:
    """Insert one row; its id."""
    cursor = conn.execute(
        f"INSERT INTO {table} ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
        tuple(values.values()),
    )
    return int(cursor.lastrowid or 0)
