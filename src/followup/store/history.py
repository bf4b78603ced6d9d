"""Mistakes undone: ``undo`` reverses the newest journal entry, ``log`` lists an interview's
events with their ids, ``forget`` removes one event. See :mod:`followup.store.journal`."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, delete, select

from followup import models, rules
from followup.errors import FollowupError, NotFound
from followup.i18n import _
from followup.store import journal
from followup.store.events import Events
from followup.store.interviews import _named
from followup.store.opening import utc


@dataclass(frozen=True)
class LoggedEvent:
    """One recorded event of an interview, with the id ``forget`` takes."""

    id: int
    interview_id: int
    kind: str
    name: str
    at: datetime
    created_at: datetime


class History(Events):
    """Undoing the last change, listing and forgetting events."""

    def undo(self, *, now: datetime) -> str:
        """Reverse the newest change recorded and say what it was."""
        with self.session(write=True) as session:
            entry = session.exec(
                select(models.Journal).order_by(col(models.Journal.id).desc())
            ).first()
            if entry is None:
                raise FollowupError(
                    _(
                        "nothing to undo: no change recorded since the store was created "
                        "(or since the last change was undone)."
                    )
                )
            data = json.loads(entry.data)
            reverse = getattr(self, f"_undo_{entry.kind}")
            reverse(session, entry.interview_id, data, now)
            session.delete(entry)
            session.commit()
            return shown(entry.summary)

    def log(self, interview_id: int) -> list[LoggedEvent]:
        with self.session() as session:
            self._row(session, interview_id)
            found = session.exec(
                select(models.Event)
                .where(col(models.Event.interview_id) == interview_id)
                .order_by(col(models.Event.at), col(models.Event.id))
            )
            return [_logged(e) for e in found]

    def forget(self, event_id: int, *, now: datetime) -> LoggedEvent:
        """Remove one recorded event; the deadlines recompute from the others."""
        with self.session(write=True) as session:
            event = session.get(models.Event, event_id) if event_id < 2**63 else None
            if event is None:
                raise NotFound(
                    f"there is no event {event_id}; `followup log ID` lists an interview's events."
                )
            row = self._row(session, event.interview_id)
            gone = _logged(event)
            journal.write(
                session,
                "forget",
                event.interview_id,
                f"forgetting event {event_id} ({_what(gone)}) of {_named(row)}",
                journal.row_json(event),
                now,
            )
            session.delete(event)
            session.flush()
            self._refresh(session, row, now)
            session.commit()
            return gone

    # -- reversing each kind of change -----------------------------------------------------

    def _undo_add(self, session: Session, ident: int, data: Any, now: datetime) -> None:
        row = session.get(models.Interview, ident)
        if row is None:
            return
        for model in (models.Contact, models.Event, models.Question, models.Reflection):
            session.exec(delete(model).where(col(model.interview_id) == ident))  # type: ignore[attr-defined]
        session.delete(row)

    def _undo_rm(self, session: Session, ident: int, data: Any, now: datetime) -> None:
        journal.restore(session, data)

    def _undo_edit(self, session: Session, ident: int, data: Any, now: datetime) -> None:
        row = self._row(session, ident)
        people = data.pop("contacts", None)
        before = journal.from_json(models.Interview, data)
        for key in data:
            setattr(row, key, getattr(before, key))
        session.add(row)
        if people is not None:
            self._clear_people(session, ident)
            for person in people:
                session.add(journal.from_json(models.Contact, person))

    def _undo_event(self, session: Session, ident: int, data: Any, now: datetime) -> None:
        row = self._row(session, ident)
        session.exec(delete(models.Event).where(col(models.Event.id).in_(data["events"])))  # type: ignore[call-overload]
        before = journal.from_json(models.Interview, data["interview"])
        row.updated_at = before.updated_at
        session.flush()
        self._refresh(session, row, None)

    def _undo_forget(self, session: Session, ident: int, data: Any, now: datetime) -> None:
        row = self._row(session, ident)
        session.add(journal.from_json(models.Event, data))
        session.flush()
        self._refresh(session, row, now)

    def _undo_reflect(self, session: Session, ident: int, data: Any, now: datetime) -> None:
        self._row(session, ident)
        for model in (models.Question, models.Reflection):
            session.exec(delete(model).where(col(model.interview_id) == ident))  # type: ignore[attr-defined]
        if data["event"] is not None:
            session.exec(delete(models.Event).where(col(models.Event.id) == data["event"]))  # type: ignore[call-overload]
        session.flush()
        if data["reflection"] is not None:
            session.add(journal.from_json(models.Reflection, data["reflection"]))
        for question in data["questions"]:
            session.add(journal.from_json(models.Question, question))

    def _refresh(self, session: Session, row: models.Interview, now: datetime | None) -> None:
        """The latest result and the active flag again, from the events that remain."""
        events = [
            rules.Event(e.kind, e.name, utc(e.at) or e.at)
            for e in session.exec(
                select(models.Event).where(col(models.Event.interview_id) == row.id)
            )
        ]
        results = sorted((e for e in events if e.kind == "result"), key=lambda e: e.at)
        row.result = results[-1].name if results else None
        row.result_at = results[-1].at if results else None
        row.active = rules.is_active(events)
        if now is not None:
            row.updated_at = now
        session.add(row)


def _logged(event: models.Event) -> LoggedEvent:
    assert event.id is not None
    return LoggedEvent(
        event.id,
        event.interview_id,
        event.kind,
        event.name,
        utc(event.at) or event.at,
        utc(event.created_at) or event.created_at,
    )


def _what(event: LoggedEvent) -> str:
    if event.kind == "done" and event.name == "heard":
        return "heard from them"
    return f"{event.name} done" if event.kind == "done" else f"result {event.name}"


# What the journal says of a change is kept in English as it was recorded; these read it
# back in the interface's language (an entry none of them matches is shown as it is).
_LABEL = r"interview (?P<id>\d+) \((?P<company>.*), (?P<role>[^,]*)\)"
_SUMMARIES = (
    (re.compile(f"^the addition of {_LABEL}$"), lambda: _("the addition of {label}")),
    (re.compile(f"^the removal of {_LABEL}$"), lambda: _("the removal of {label}")),
    (re.compile(f"^the reflection on {_LABEL}$"), lambda: _("the reflection on {label}")),
    (re.compile(f"^heard from {_LABEL}$"), lambda: _("heard from {label}")),
    (re.compile(f"^the edit of {_LABEL} \\((?P<fields>[^()]*)\\)$"),
     lambda: _("the edit of {label} ({fields})")),
    (re.compile(f"^the result (?P<name>\\S+) for {_LABEL}$"),
     lambda: _("the result {name} for {label}")),
    (re.compile(f"^(?P<name>\\S+) done for {_LABEL}$"), lambda: _("{name} done for {label}")),
    (re.compile(f"^forgetting event (?P<event>\\d+) \\((?P<what>.*)\\) of {_LABEL}$"),
     lambda: _("forgetting event {event} ({what}) of {label}")),
)  # fmt: skip


def shown(summary: str) -> str:
    """A journal entry's summary in the interface's language."""
    for pattern, text in _SUMMARIES:
        found = pattern.match(summary)
        if found:
            parts = found.groupdict()
            label = _("interview {id} ({company}, {role})").format(
                id=parts.pop("id"), company=parts.pop("company"), role=parts.pop("role")
            )
            return text().format(label=label, **parts)
    return summary
