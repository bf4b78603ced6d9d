"""Interviews and the people in them, read back as :mod:`followup.records`; the profile.

Ids are issued once: an interview removed with ``rm`` keeps its id retired (``LAST_ID_KEY``).
Reading many interviews costs a few queries for every 500 of them, not a few for each.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlmodel import Session, col, delete, select

from followup import models, records, rules
from followup.errors import NotFound
from followup.i18n import _
from followup.store import journal
from followup.store.opening import Base, utc

LAST_ID_KEY = "last_interview_id"  # a setting: ids are never reused after `rm`


class Interviews(Base):
    """Adding, changing, removing and reading interviews with their people; the profile."""

    def add(
        self,
        *,
        company: str,
        role: str,
        at: datetime,
        round: int = 1,
        decision_by: Any = None,
        lang: str | None = None,
        notes: str | None = None,
        topic: str | None = None,
        strength: str | None = None,
        idea: str | None = None,
        topic_for: Sequence[tuple[str, str]] = (),
        zone: str | None = None,
        contacts: Sequence[records.Person] = (),
        recruiters: Sequence[records.Person] = (),
        now: datetime,
    ) -> records.Interview:
        with self.session(write=True) as session:
            row = models.Interview(
                id=self._next_id(session),
                company=company,
                role=role,
                at=at,
                round=round,
                decision_by=decision_by,
                lang=lang or None,
                notes=notes or None,
                topic=topic or None,
                strength=strength or None,
                idea=idea or None,
                topic_for=records.topic_for_text(topic_for),
                uid=uuid.uuid4().hex,
                zone=zone or None,
                created_at=now,
                updated_at=now,
            )
            session.add(row)
            session.flush()
            assert row.id is not None
            self._set_people(session, row.id, contacts, recruiters)
            journal.write(
                session, "add", row.id, f"the addition of {_named(row)}", {"id": row.id}, now
            )
            session.commit()
            return self._record(session, row)

    def edit(
        self,
        interview_id: int,
        changes: dict[str, Any],
        *,
        contacts: Sequence[records.Person] | None = None,
        recruiters: Sequence[records.Person] | None = None,
        now: datetime,
    ) -> records.Interview:
        with self.session(write=True) as session:
            row = self._row(session, interview_id)
            before = journal.row_json(row)
            undo: dict[str, Any] = {k: before[k] for k in (*changes, "updated_at")}
            what = [k.replace("_", "-") for k in changes]
            if contacts is not None or recruiters is not None:
                people = session.exec(
                    select(models.Contact).where(col(models.Contact.interview_id) == interview_id)
                )
                undo["contacts"] = [journal.row_json(p) for p in people]
                what += ["contacts" if contacts is not None else "recruiter"]
            journal.write(
                session,
                "edit",
                interview_id,
                f"the edit of {_named(row)} ({', '.join(what)})",
                undo,
                now,
            )
            for key, value in changes.items():
                if key == "topic_for":  # [(email, topic), ...]
                    value = records.topic_for_text(value)
                setattr(row, key, value)
            row.updated_at = now
            session.add(row)
            if contacts is not None or recruiters is not None:
                current = self._record(session, row)
                self._clear_people(session, interview_id)
                self._set_people(
                    session,
                    interview_id,
                    current.contacts if contacts is None else contacts,
                    current.recruiters if recruiters is None else recruiters,
                )
            session.commit()
            return self._record(session, row)

    def remove(self, interview_id: int, *, now: datetime) -> None:
        """Remove an interview; ``undo`` brings it back (see :mod:`followup.store.journal`)."""
        with self.session(write=True) as session:
            row = self._row(session, interview_id)
            journal.write(
                session,
                "rm",
                interview_id,
                f"the removal of {_named(row)}",
                journal.snapshot(session, interview_id),
                now,
            )
            self._clear_people(session, interview_id)
            for model in (models.Event, models.Question, models.Reflection):
                session.exec(delete(model).where(col(model.interview_id) == interview_id))  # type: ignore[attr-defined]
            session.delete(row)
            session.commit()

    def get(self, interview_id: int) -> records.Interview:
        with self.session() as session:
            return self._record(session, self._row(session, interview_id))

    def interviews(
        self, *, open_only: bool = False, people: bool = True
    ) -> list[records.Interview]:
        """Every interview, oldest first; ``open_only`` skips those closed by a final
        result; without ``people`` their contacts and reflections are left out."""
        with self.session() as session:
            query = select(models.Interview).order_by(
                col(models.Interview.at), col(models.Interview.id)
            )
            if open_only:
                query = query.where(col(models.Interview.active))
            rows = list(session.exec(query))
            ids = [row.id for row in rows]
            contacts = self._people(session, ids) if people else {}
            events = self._events(session, ids)
            reflections = self._reflections(session, ids) if people else {}
            return [
                self._record(
                    session, row, contacts.get(row.id, ()), events.get(row.id, ()), reflections
                )
                for row in rows
            ]

    def empty(self) -> bool:
        """Whether no interview was ever recorded (or every one was removed)."""
        with self.session() as session:
            return session.exec(select(models.Interview.id).limit(1)).first() is None

    # -- profile and settings ------------------------------------------------------------

    def profile(self) -> records.Profile:
        with self.session() as session:
            stored = {s.key: s.value for s in session.exec(select(models.Setting))}
        return records.profile_from(stored)

    def set_profile(self, changes: dict[str, Any]) -> records.Profile:
        with self.session(write=True) as session:
            for key, value in changes.items():
                session.merge(models.Setting(key=key, value=records.setting_text(value)))
            session.commit()
        return self.profile()

    # -- helpers -------------------------------------------------------------------------

    def _next_id(self, session: Session) -> int:
        """The next interview id: never one that was used before, even after `rm`."""
        highest = session.exec(sa.select(sa.func.max(models.Interview.id))).one()[0] or 0  # type: ignore[call-overload]
        issued = session.get(models.Setting, LAST_ID_KEY)
        ident = max(highest, int(issued.value) if issued else 0) + 1
        session.merge(models.Setting(key=LAST_ID_KEY, value=str(ident)))
        return ident

    def _row(self, session: Session, interview_id: int) -> models.Interview:
        row = session.get(models.Interview, interview_id) if interview_id < 2**63 else None
        if row is None:
            raise NotFound(
                _("there is no interview {id}; `followup list --all` shows every id.").format(
                    id=interview_id
                )
            )
        return row

    def _clear_people(self, session: Session, interview_id: int) -> None:
        session.exec(delete(models.Contact).where(col(models.Contact.interview_id) == interview_id))

    def _set_people(
        self,
        session: Session,
        interview_id: int,
        contacts: Sequence[records.Person],
        recruiters: Sequence[records.Person],
    ) -> None:
        for kind, people in (("interviewer", contacts), ("recruiter", recruiters)):
            for position, person in enumerate(people):
                session.add(
                    models.Contact(
                        interview_id=interview_id,
                        kind=kind,
                        name=person.name,
                        email=person.email,
                        position=position,
                    )
                )

    def _people(
        self, session: Session, ids: list[int | None]
    ) -> dict[int | None, list[models.Contact]]:
        return _by_interview(
            session, models.Contact, ids, models.Contact.kind, models.Contact.position
        )

    def _events(
        self, session: Session, ids: list[int | None]
    ) -> dict[int | None, list[models.Event]]:
        return _by_interview(session, models.Event, ids, models.Event.at, models.Event.id)

    def _record(
        self,
        session: Session,
        row: models.Interview,
        people: Sequence[models.Contact] | None = None,
        events: Sequence[models.Event] | None = None,
        reflections: dict[int | None, records.Reflection] | None = None,
    ) -> records.Interview:
        if people is None:
            people = self._people(session, [row.id]).get(row.id, [])
        if events is None:
            events = self._events(session, [row.id]).get(row.id, [])
        if reflections is None:
            reflections = self._reflections(session, [row.id])
        assert row.id is not None
        at = utc(row.at)
        assert at is not None
        return records.Interview(
            id=row.id,
            company=row.company,
            role=row.role,
            at=at,
            round=row.round,
            decision_by=row.decision_by,
            lang=row.lang,
            notes=row.notes,
            result=row.result,
            result_at=utc(row.result_at),
            topic=row.topic,
            strength=row.strength,
            idea=row.idea,
            topic_for=records.topic_for_from(row.topic_for),
            uid=row.uid or "",
            active=bool(row.active),
            zone=row.zone,
            created_at=utc(row.created_at),
            updated_at=utc(row.updated_at),
            contacts=tuple(
                records.Person(p.name, p.email) for p in people if p.kind == "interviewer"
            ),
            recruiters=tuple(
                records.Person(p.name, p.email) for p in people if p.kind == "recruiter"
            ),
            events=tuple(rules.Event(e.kind, e.name, utc(e.at) or e.at) for e in events),
            reflection=reflections.get(row.id),
        )

    def _reflections(
        self, session: Session, ids: list[int | None]
    ) -> dict[int | None, records.Reflection]:
        found: dict[int | None, records.Reflection] = {}
        asked: dict[int, list[tuple[str, str]]] = {}
        for chunk in _chunks(ids):
            query = (
                select(models.Question)
                .where(col(models.Question.interview_id).in_(chunk))
                .order_by(col(models.Question.interview_id), col(models.Question.position))
            )
            for q in session.exec(query):
                asked.setdefault(q.interview_id, []).append((q.question, q.answer))
            rows = session.exec(
                select(models.Reflection).where(col(models.Reflection.interview_id).in_(chunk))
            )
            for r in rows:
                found[r.interview_id] = records.Reflection(
                    r.went_well, r.improve, r.idea, r.strength, tuple(asked.get(r.interview_id, ()))
                )
        return found


def _named(row: models.Interview) -> str:
    """``interview 3 (Acme, Dev)``: how a journal entry names an interview."""
    return f"interview {row.id} ({row.company}, {row.role})"


def _chunks(ids: list[Any], size: int = 500) -> Iterator[list[Any]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


Row = TypeVar("Row", models.Contact, models.Event)


def _by_interview(
    session: Session, model: type[Row], ids: list[int | None], *order: Any
) -> dict[int | None, list[Row]]:
    """The rows of MODEL for the interviews IDS, grouped by interview, each group in ORDER."""
    found: dict[int | None, list[Row]] = {}
    for chunk in _chunks(ids):
        query = (
            select(model)
            .where(col(model.interview_id).in_(chunk))
            .order_by(*(col(column) for column in order))
        )
        for row in session.exec(query):
            found.setdefault(row.interview_id, []).append(row)
    return found
