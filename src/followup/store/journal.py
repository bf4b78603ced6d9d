"""What each change recorded, so that ``followup undo`` can reverse it.

Every command that records something (add, edit, rm, an action done, a result, a reflection,
forgetting an event) writes one journal entry in the same transaction: a sentence saying what
it did, and the rows as they were before it, as JSON. ``undo`` reverses the newest entry and
deletes it. A removed interview's rows are kept for 30 days and, after that, until the next
``backup``.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

from sqlmodel import Session, col, delete, select

from followup import models
from followup.store.opening import utc

LAST_BACKUP_KEY = "last_backup_at"  # a setting: when `backup` last copied the store
KEEP_REMOVED = timedelta(days=30)


def write(
    session: Session, kind: str, interview_id: int, summary: str, data: Any, now: datetime
) -> None:
    """Journal one change (in the caller's transaction), and let go of removed interviews
    older than 30 days that a backup made since holds."""
    session.add(
        models.Journal(
            interview_id=interview_id,
            kind=kind,
            summary=summary,
            data=json.dumps(data, ensure_ascii=False),
            created_at=now,
        )
    )
    backed_up = session.get(models.Setting, LAST_BACKUP_KEY)
    if backed_up is not None:
        forget_removed(session, now=now, backed_up=datetime.fromisoformat(backed_up.value))


def forget_removed(session: Session, *, now: datetime, backed_up: datetime) -> None:
    """Let go of interviews removed more than 30 days ago and before the last backup, with
    every journal entry about them (nothing of theirs is left to undo)."""
    limit = min(now - KEEP_REMOVED, backed_up)
    gone = select(models.Journal.interview_id).where(
        col(models.Journal.kind) == "rm", col(models.Journal.created_at) < limit
    )
    ids = list(session.exec(gone))
    if ids:
        session.exec(
            delete(models.Journal).where(col(models.Journal.interview_id).in_(ids))  # type: ignore[call-overload]
        )


def row_json(row: Any) -> dict[str, Any]:
    """A table row as JSON values: times as ISO 8601 in UTC, dates as ISO dates."""
    out: dict[str, Any] = {}
    for column in row.__table__.columns:
        value = getattr(row, column.name)
        if isinstance(value, datetime):
            value = (utc(value) or value).isoformat()
        elif isinstance(value, date):
            value = value.isoformat()
        out[column.name] = value
    return out


def from_json(model: Any, data: dict[str, Any]) -> Any:
    """The row of ``model`` that :func:`row_json` wrote."""
    values: dict[str, Any] = {}
    for column in model.__table__.columns:
        if column.name not in data:
            continue
        value = data[column.name]
        kind = type(column.type).__name__  # DateTime, sqlmodel's UTCDateTime, Date
        if value is not None and kind.endswith("DateTime"):
            value = datetime.fromisoformat(value)
        elif value is not None and kind == "Date":
            value = date.fromisoformat(value)
        values[column.name] = value
    return model(**values)


def snapshot(session: Session, interview_id: int) -> dict[str, Any]:
    """Everything of one interview, to bring it back after ``rm``."""
    row = session.get(models.Interview, interview_id)
    assert row is not None
    parts: dict[str, Any] = {"interview": row_json(row)}
    for name, model in (
        ("contacts", models.Contact),
        ("events", models.Event),
        ("questions", models.Question),
        ("reflection", models.Reflection),
        ("messages", models.Message),
    ):
        found = session.exec(select(model).where(col(model.interview_id) == interview_id))  # type: ignore[attr-defined]
        parts[name] = [row_json(r) for r in found]
    return parts


def restore(session: Session, parts: dict[str, Any]) -> None:
    session.add(from_json(models.Interview, parts["interview"]))
    session.flush()
    for name, model in (
        ("contacts", models.Contact),
        ("events", models.Event),
        ("questions", models.Question),
        ("reflection", models.Reflection),
        ("messages", models.Message),
    ):
        for data in parts.get(name, ()):  # an entry from before m012 has no messages
            session.add(from_json(model, data))
