"""The emails followup wrote, by Message-ID, and the messages ``followup inbox`` has shown.

``send`` and ``draft --eml`` record each email's Message-ID with its interview, so that a
reply naming it (``In-Reply-To``, ``References``) is known for what it answers. ``inbox``
marks every message it has proposed, recorded or not, so none is proposed twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlmodel import col, select

from followup import models, records
from followup.store.events import Events
from followup.store.opening import utc


class Messages(Events):
    """Message-IDs written and seen."""

    def add_messages(self, found: Sequence[records.Message]) -> None:
        """Record the emails written (one transaction)."""
        with self.session(write=True) as session:
            session.add_all(models.Message(**message._asdict()) for message in found)
            session.commit()

    def messages(self, interview_id: int | None = None) -> list[records.Message]:
        """The emails written, oldest first: one interview's, or every one."""
        with self.session() as session:
            query = select(models.Message).order_by(col(models.Message.at), col(models.Message.id))
            if interview_id is not None:
                query = query.where(col(models.Message.interview_id) == interview_id)
            rows = list(session.exec(query))
        return [
            records.Message(
                row.interview_id,
                row.kind,
                row.message_id,
                row.recipients,
                row.via,
                utc(row.at),  # type: ignore[arg-type]
            )
            for row in rows
        ]

    def seen(self, message_ids: Iterable[str]) -> set[str]:
        """Which of these Message-IDs ``inbox`` has shown before."""
        wanted = list(dict.fromkeys(message_ids))
        found: set[str] = set()
        with self.session() as session:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                query = select(models.InboxSeen.message_id).where(
                    col(models.InboxSeen.message_id).in_(chunk)
                )
                found.update(session.exec(query))
        return found

    def mark_seen(
        self, message_id: str, interview_id: int | None, outcome: str, *, now: datetime
    ) -> None:
        """Remember that ``inbox`` showed this message, and what became of it."""
        with self.session(write=True) as session:
            session.merge(
                models.InboxSeen(
                    message_id=message_id, interview_id=interview_id, outcome=outcome, seen_at=now
                )
            )
            session.commit()
