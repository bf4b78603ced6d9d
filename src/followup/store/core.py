"""The store: what it keeps, on top of :class:`followup.store.opening.Base`, which opens it.

Interviews and their people, events, reflections, the profile, and export and import.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, delete, select

from followup import models, records, rules
from followup.errors import FollowupError, NotFound, StoreError
from followup.store.opening import Base, busy_timeout_ms, utc

LAST_ID_KEY = "last_interview_id"  # a setting: ids are never reused after `rm`


@dataclass
class Claim:
    """What :meth:`Store.claim` records: set ``at`` to record the event at that moment."""

    at: datetime | None = None


class Store(Base):
    """A followup store: an SQLite file by default, or any SQLAlchemy URL."""

    # -- interviews ----------------------------------------------------------------------

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
                uid=uuid.uuid4().hex,
                created_at=now,
                updated_at=now,
            )
            session.add(row)
            session.flush()
            assert row.id is not None
            self._set_people(session, row.id, contacts, recruiters)
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
            for key, value in changes.items():
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

    def remove(self, interview_id: int) -> None:
        with self.session(write=True) as session:
            row = self._row(session, interview_id)
            self._clear_people(session, interview_id)
            for model in (models.Event, models.Question, models.Reflection):
                session.exec(delete(model).where(col(model.interview_id) == interview_id))  # type: ignore[attr-defined]
            session.delete(row)
            session.commit()

    def get(self, interview_id: int) -> records.Interview:
        with self.session() as session:
            return self._record(session, self._row(session, interview_id))

    def interviews(self, *, open_only: bool = False) -> list[records.Interview]:
        """Every interview, oldest first; ``open_only`` skips those closed by a final result."""
        with self.session() as session:
            query = select(models.Interview).order_by(
                col(models.Interview.at), col(models.Interview.id)
            )
            if open_only:
                query = query.where(col(models.Interview.active))
            rows = list(session.exec(query))
            ids = [row.id for row in rows]
            people = self._people(session, ids)
            events = self._events(session, ids)
            reflections = self._reflections(session, ids)
            return [
                self._record(
                    session, row, people.get(row.id, ()), events.get(row.id, ()), reflections
                )
                for row in rows
            ]

    # -- events --------------------------------------------------------------------------

    def record(
        self,
        interview_id: int,
        kind: str,
        name: str,
        at: datetime,
        *,
        now: datetime,
        once: bool = False,
    ) -> records.Interview:
        """Record ``done`` an action or a ``result``; ``done decline`` also closes as withdrawn.
        With ``once``, an event already recorded (by another process meanwhile, too) is refused
        inside the same write transaction."""
        with self.session(write=True) as session:
            row = self._row(session, interview_id)
            if once and self._count_events(session, interview_id, kind, name):
                raise FollowupError(
                    f"{name} is already recorded for interview {interview_id}; nothing was added."
                )
            return self._add_event(session, row, kind, name, at, now=now)

    @contextlib.contextmanager
    def claim(
        self,
        interview_id: int,
        kind: str,
        name: str,
        *,
        seen: int,
        now: datetime,
        refused: str = "nothing was added",
    ) -> Iterator[Claim]:
        """Hold the store's write lock while something happens outside it (an email going
        out), then record ``kind name`` at the moment the body sets on the claim, in the same
        transaction. Another followup doing the same waits, then finds it done: the claim is
        refused when the interview no longer has exactly ``seen`` such events. Nothing is
        recorded when the body raises or sets no moment."""
        with self.session(write=True) as session:
            row = self._row(session, interview_id)  # the first statement takes the lock
            if self._count_events(session, interview_id, kind, name) != seen:
                raise FollowupError(
                    f"{name} was recorded for interview {interview_id} by another followup "
                    f"meanwhile; {refused}."
                )
            claim = Claim()
            yield claim
            if claim.at is not None:
                self._add_event(session, row, kind, name, claim.at, now=now)

    def _count_events(self, session: Session, interview_id: int, kind: str, name: str) -> int:
        query = select(sa.func.count()).where(
            models.Event.interview_id == interview_id,
            models.Event.kind == kind,
            models.Event.name == name,
        )
        return int(session.exec(query).one())

    def _add_event(
        self,
        session: Session,
        row: models.Interview,
        kind: str,
        name: str,
        at: datetime,
        *,
        now: datetime,
    ) -> records.Interview:
        """Add the event (and the withdrawal a decline means), update the row, commit."""
        assert row.id is not None
        session.add(models.Event(interview_id=row.id, kind=kind, name=name, at=at, created_at=now))
        if kind == "done" and name == "decline":
            kind, name = "result", "withdrawn"
            session.add(
                models.Event(interview_id=row.id, kind=kind, name=name, at=at, created_at=now)
            )
        if kind == "result":
            latest = utc(row.result_at)
            if latest is None or at >= latest:
                row.result, row.result_at = name, at
            row.updated_at = now
        session.flush()
        record = self._record(session, row)
        row.active = rules.is_active(record.events)
        session.add(row)
        session.commit()
        return replace(record, active=row.active)

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

    # -- moving data in and out ------------------------------------------------------------

    def dump(self) -> dict[str, list[dict[str, Any]]]:
        """Every interview, contact and event row as plain dicts, ordered by id (for export)."""
        out: dict[str, list[dict[str, Any]]] = {}
        with self._guard(), self.engine.connect() as conn:
            # The driver's own cursor and values, without SQLAlchemy's per-row and per-value
            # work: on SQLite times stay the stored UTC text (see transfer._iso).
            cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            try:
                tables = (
                    models.Interview,
                    models.Contact,
                    models.Event,
                    models.Question,
                    models.Reflection,
                )
                for model in tables:
                    table = model.__table__  # type: ignore[attr-defined,union-attr]
                    names = [c.name for c in table.columns]
                    order = "id" if "id" in names else "interview_id"
                    cursor.execute(f"SELECT {', '.join(names)} FROM {table.name} ORDER BY {order}")
                    out[table.name] = [
                        dict(zip(names, row, strict=True)) for row in cursor.fetchall()
                    ]
            finally:
                cursor.close()
        return out

    def load(
        self,
        interviews: Sequence[dict[str, Any]],
        *,
        profile: dict[str, Any],
        same: str = "uid",
        dry_run: bool = False,
    ) -> tuple[int, int]:
        """Add whole interviews (with ``contacts``, ``recruiters`` and ``events``) in one
        transaction; return ``(added, skipped)``.

        An interview already in the store is skipped: the same ``uid`` when ``same`` is
        ``"uid"``, the same company, role and start when it is ``"key"``. A free ``id`` is
        kept, so an export imported into an empty store exports again unchanged. ``profile``
        fills only the settings the store does not have yet.
        """
        interview = models.Interview.__table__  # type: ignore[attr-defined]
        contact = models.Contact.__table__  # type: ignore[attr-defined]
        event = models.Event.__table__  # type: ignore[attr-defined]
        setting = models.Setting.__table__  # type: ignore[attr-defined]
        reflection = models.Reflection.__table__  # type: ignore[attr-defined]
        question = models.Question.__table__  # type: ignore[attr-defined]
        new_reflections: list[dict[str, Any]] = []
        new_questions: list[dict[str, Any]] = []
        with self._guard(), self.writer.begin() as conn:
            rows = conn.execute(
                sa.select(
                    interview.c.id,
                    interview.c.uid,
                    interview.c.company,
                    interview.c.role,
                    interview.c.at,
                )
            ).all()
            used_ids = {row.id for row in rows}
            issued = conn.execute(
                sa.select(setting.c.value).where(setting.c.key == LAST_ID_KEY)
            ).scalar()
            retired = set(range(1, int(issued) + 1)) - used_ids if issued else set()
            seen = (
                {row.uid for row in rows}
                if same == "uid"
                else {(row.company, row.role, utc(row.at)) for row in rows}
            )
            next_id = max(used_ids, default=0) + 1
            new_interviews: list[dict[str, Any]] = []
            new_contacts: list[dict[str, Any]] = []
            new_events: list[dict[str, Any]] = []
            skipped = 0
            for item in interviews:
                key = (
                    item.get("uid")
                    if same == "uid"
                    else (item["company"], item["role"], item["at"])
                )
                if key in seen:
                    skipped += 1
                    continue
                seen.add(key)
                ident = item.get("id")
                if not ident or ident in used_ids or ident in retired:
                    while next_id in used_ids:
                        next_id += 1
                    ident = next_id
                used_ids.add(ident)
                values = {c.name: item.get(c.name) for c in interview.columns}
                values.update(
                    id=ident,
                    uid=item.get("uid") or uuid.uuid4().hex,
                    active=rules.is_active(
                        [rules.Event(e["kind"], e["name"], e["at"]) for e in item["events"]]
                    ),
                )
                new_interviews.append(values)
                for kind, people in (
                    ("interviewer", item["contacts"]),
                    ("recruiter", item["recruiters"]),
                ):
                    for position, person in enumerate(people):
                        new_contacts.append(
                            {
                                "interview_id": ident,
                                "kind": kind,
                                "name": person.name,
                                "email": person.email,
                                "position": position,
                            }
                        )
                for entry in item["events"]:
                    new_events.append({"interview_id": ident, **entry})
                review = item.get("reflection")
                if review:
                    new_reflections.append(
                        {
                            "interview_id": ident,
                            **{k: v for k, v in review.items() if k != "questions"},
                        }
                    )
                    for position, pair in enumerate(review["questions"]):
                        new_questions.append({"interview_id": ident, "position": position, **pair})
            if new_interviews:
                _insert_many(conn, interview, new_interviews)
            if new_contacts:
                _insert_many(conn, contact, new_contacts)
            if new_events:
                _insert_many(conn, event, new_events)
            if new_reflections:
                _insert_many(conn, reflection, new_reflections)
            if new_questions:
                _insert_many(conn, question, new_questions)
            stored = set(conn.execute(sa.select(setting.c.key)).scalars())
            fresh = [
                {"key": k, "value": records.setting_text(v)}
                for k, v in profile.items()
                if k not in stored
            ]
            if new_interviews:
                last = max(max(used_ids), int(issued or 0))
                conn.execute(setting.delete().where(setting.c.key == LAST_ID_KEY))
                conn.execute(setting.insert().values(key=LAST_ID_KEY, value=str(last)))
            if fresh:
                conn.execute(setting.insert(), fresh)
            if dry_run:
                conn.rollback()
        return len(new_interviews), skipped

    def backup(self, target: Path) -> None:
        """A consistent copy of an SQLite store, taken with SQLite's online backup API."""
        import sqlite3

        if self.path is None:
            raise StoreError(
                "backup copies an SQLite store; for another database use `followup export`."
            )
        try:
            fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            os.close(fd)
        except FileExistsError:
            raise StoreError(f"{target} exists already; choose another file.") from None
        except OSError as error:
            raise StoreError(f"cannot write {target}: {error.strerror or error}") from None
        try:
            source = sqlite3.connect(self.path, timeout=busy_timeout_ms() / 1000)
            copy = sqlite3.connect(target)
            try:
                with copy:
                    source.backup(copy)
            finally:
                copy.close()
                source.close()
        except (sqlite3.Error, OSError) as error:
            target.unlink(missing_ok=True)
            raise StoreError(f"cannot back up to {target}: {error}") from None

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
                f"there is no interview {interview_id}; `followup list --all` shows every id."
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
        found: dict[int | None, list[models.Contact]] = {}
        for chunk in _chunks(ids):
            query = (
                select(models.Contact)
                .where(col(models.Contact.interview_id).in_(chunk))
                .order_by(col(models.Contact.kind), col(models.Contact.position))
            )
            for contact in session.exec(query):
                found.setdefault(contact.interview_id, []).append(contact)
        return found

    def _events(
        self, session: Session, ids: list[int | None]
    ) -> dict[int | None, list[models.Event]]:
        found: dict[int | None, list[models.Event]] = {}
        for chunk in _chunks(ids):
            query = (
                select(models.Event)
                .where(col(models.Event.interview_id).in_(chunk))
                .order_by(col(models.Event.at), col(models.Event.id))
            )
            for item in session.exec(query):
                found.setdefault(item.interview_id, []).append(item)
        return found

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
            uid=row.uid or "",
            active=bool(row.active),
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

    def reflect(
        self,
        interview_id: int,
        *,
        questions: Sequence[tuple[str, str]] = (),
        fields: dict[str, str | None],
        now: datetime,
    ) -> records.Interview:
        """Add questions, replace the given fields, and mark the reflection done."""
        with self.session(write=True) as session:
            row = self._row(session, interview_id)
            reflection = session.get(models.Reflection, interview_id)
            if reflection is None:
                reflection = models.Reflection(
                    interview_id=interview_id, created_at=now, updated_at=now
                )
            for key, value in fields.items():
                setattr(reflection, key, value)
            reflection.updated_at = now
            session.add(reflection)
            last = session.exec(
                sa.select(sa.func.max(models.Question.position)).where(  # type: ignore[call-overload]
                    col(models.Question.interview_id) == interview_id
                )
            ).one()[0]
            start = 0 if last is None else last + 1
            for offset, (question, answer) in enumerate(questions):
                session.add(
                    models.Question(
                        interview_id=interview_id,
                        position=start + offset,
                        question=question,
                        answer=answer,
                    )
                )
            done = session.exec(
                select(models.Event).where(
                    col(models.Event.interview_id) == interview_id,
                    col(models.Event.kind) == "done",
                    col(models.Event.name) == "reflect",
                )
            ).first()
            if done is None:
                session.add(
                    models.Event(
                        interview_id=interview_id,
                        kind="done",
                        name="reflect",
                        at=now,
                        created_at=now,
                    )
                )
            session.commit()
            return self._record(session, row)


def _insert_many(conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """Insert many rows through the driver's executemany, values converted once, here.

    SQLAlchemy's per-value processing costs more than SQLite's own work at 100k rows. On
    SQLite times are written as SQLAlchemy writes them (UTC text), so both paths read alike.
    """
    names = [c.name for c in table.columns if any(c.name in row for row in rows[:1])]
    sqlite = conn.dialect.name == "sqlite"
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join([mark] * len(names))})"

    def stored(value: Any) -> Any:
        if sqlite and isinstance(value, datetime):
            return value.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")
        if sqlite and isinstance(value, date):
            return value.isoformat()
        return value

    conn.exec_driver_sql(sql, [tuple(stored(row.get(n)) for n in names) for row in rows])


def _chunks(ids: list[Any], size: int = 500) -> Iterator[list[Any]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
