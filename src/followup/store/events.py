"""What happens to an interview after it is added: actions done, results, reflections.

Recording an action or a result also updates the interview's ``active`` flag
(:func:`followup.rules.is_active`) in the same transaction; a decline closes it as withdrawn.
:meth:`Events.claim` claims an action while something happens outside the store, such as
an email going out, holding the write lock only to check the claim and to record it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from followup import models, records, rules
from followup.errors import FollowupError
from followup.i18n import N_, _, pgettext
from followup.store import journal, locks, sqlite_rows
from followup.store.interviews import Interviews, _named
from followup.store.opening import utc


@dataclass
class Claim:
    """What :meth:`Store.claim` records: set ``at`` to record the event at that moment."""

    at: datetime | None = None
    messages: list[records.Message] = field(default_factory=list)  # recorded with the event


class Events(Interviews):
    """Recording actions done and results, claims on them, and reflections."""

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
                    _("{action} is already recorded for interview {id}; nothing was added.").format(
                        action=pgettext("event", name), id=interview_id
                    )
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
        refused: str = N_("nothing was added"),
    ) -> Iterator[Claim]:
        """Claim ``kind name`` while something happens outside the store (an email going
        out), then record it at the moment the body sets on the claim.

        The write lock is taken twice, briefly: to check the claim (so a store that is busy
        or cannot be written fails before anything goes out) and to record. In between, a
        lock of the store's own on this interview (:mod:`followup.store.locks`, released by
        a crash) is held, so a slow mail server blocks no other writer, while another
        followup claiming the same waits, then finds it done: the claim is refused when the
        interview no longer has exactly ``seen`` such events. Nothing is recorded when the
        body raises or sets no moment; nor when it was recorded by hand meanwhile."""
        topic = f"interview {interview_id}"
        with locks.held(self.engine, self.path, topic, self.where):
            with self.session(write=True) as session:
                self._row(session, interview_id)  # the first statement takes the write lock
                if self._count_events(session, interview_id, kind, name) != seen:
                    raise FollowupError(
                        _(
                            "{action} was recorded for interview {id} by another "
                            "followup meanwhile; {refused}."
                        ).format(
                            action=pgettext("event", name), id=interview_id, refused=_(refused)
                        )
                    )
            claim = Claim()
            yield claim
            if claim.at is None:
                return
            with self.session(write=True) as session:
                row = self._row(session, interview_id)
                for message in claim.messages:  # what went out, so that a reply is known
                    session.add(models.Message(**message._asdict()))
                if self._count_events(session, interview_id, kind, name) == seen:
                    self._add_event(session, row, kind, name, claim.at, now=now)
                else:
                    session.commit()

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
        undo: dict[str, Any] = {"events": [], "interview": journal.row_json(row)}
        summary = sqlite_rows.event_summary(kind, name, _named(row))
        added = [models.Event(interview_id=row.id, kind=kind, name=name, at=at, created_at=now)]
        if kind == "done" and name == "decline":
            kind, name = "result", "withdrawn"
            added.append(
                models.Event(interview_id=row.id, kind=kind, name=name, at=at, created_at=now)
            )
        session.add_all(added)
        session.flush()
        undo["events"] = [event.id for event in added]
        journal.write(session, "event", row.id, summary, undo, now)
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
        return record._replace(active=row.active)

    def reflect(
        self,
        interview_id: int,
        *,
        questions: Sequence[tuple[str, str]] = (),
        fields: dict[str, str | None],
        now: datetime,
    ) -> records.Interview:
        """Add questions (a question already recorded gets the new answer instead of a copy),
        replace the given fields, and mark the reflection done."""
        with self.session(write=True) as session:
            row = self._row(session, interview_id)
            reflection = session.get(models.Reflection, interview_id)
            asked = list(
                session.exec(
                    select(models.Question)
                    .where(col(models.Question.interview_id) == interview_id)
                    .order_by(col(models.Question.position))
                )
            )
            undo: dict[str, Any] = {
                "reflection": journal.row_json(reflection) if reflection else None,
                "questions": [journal.row_json(q) for q in asked],
                "event": None,
            }
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
            position = 0 if last is None else last + 1
            known = {_same_question(q.question): q for q in asked}
            for question, answer in questions:
                earlier = known.get(_same_question(question))
                if earlier is not None:  # a correction: the new answer replaces the old
                    earlier.answer = answer
                    session.add(earlier)
                    continue
                known[_same_question(question)] = added = models.Question(
                    interview_id=interview_id, position=position, question=question, answer=answer
                )
                session.add(added)
                position += 1
            done = session.exec(
                select(models.Event).where(
                    col(models.Event.interview_id) == interview_id,
                    col(models.Event.kind) == "done",
                    col(models.Event.name) == "reflect",
                )
            ).first()
            if done is None:
                done = models.Event(
                    interview_id=interview_id, kind="done", name="reflect", at=now, created_at=now
                )
                session.add(done)
                session.flush()
                undo["event"] = done.id
            journal.write(
                session, "reflect", interview_id, f"the reflection on {_named(row)}", undo, now
            )
            session.commit()
            return self._record(session, row)


def _same_question(text: str) -> str:
    """Questions that differ only in case, spacing or a final mark are the same question."""
    return " ".join(text.casefold().split()).rstrip("?？.。!！ ")
