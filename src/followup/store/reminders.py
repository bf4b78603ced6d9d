"""What ``followup remind`` sent, per channel, so a day's digest goes once; its last run.

The marks are rows of ``reminder`` (:class:`followup.models.Reminder`); the last run is one
setting (``REMIND_RUN_KEY``), a JSON object written by the command.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlmodel import col, select

from followup import models, records
from followup.store.opening import Base, utc

REMIND_RUN_KEY = "remind_last_run"


class Reminders(Base):
    """Marks of what was sent on each channel, and the last run of ``remind``."""

    def sent(self, *, since: str = "") -> list[records.Sent]:
        """Every mark, oldest first; ``since`` (an ISO instant) keeps only later ones."""
        with self.session() as session:
            query = select(models.Reminder).order_by(col(models.Reminder.sent_at))
            rows = list(session.exec(query))
        found = [
            records.Sent(row.channel, row.kind, row.key, row.label, row.summary, utc(row.sent_at))  # type: ignore[arg-type]
            for row in rows
        ]
        return [s for s in found if not since or s.sent_at.isoformat() >= since]

    @contextlib.contextmanager
    def marking(self, channel: str) -> Iterator[tuple[set[tuple[str, str]], list[records.Sent]]]:
        """Hold the store's write lock while something goes out on ``channel``: yield the
        ``(kind, key)`` marks it has, read under the lock, and a list; the marks appended to
        it are recorded in the same transaction. Two runs at once (a timer that fires twice)
        queue here, and the second finds what the first sent. Nothing is recorded when the
        body raises."""
        with self.session(write=True) as session:
            query = select(models.Reminder).where(col(models.Reminder.channel) == channel)
            have = {(row.kind, row.key) for row in session.exec(query)}  # takes the lock
            new: list[records.Sent] = []
            yield have, new
            for mark in new:
                session.merge(
                    models.Reminder(
                        channel=mark.channel,
                        kind=mark.kind,
                        key=mark.key,
                        label=mark.label,
                        summary=mark.summary,
                        sent_at=mark.sent_at,
                    )
                )
            session.commit()

    def last_run(self) -> str:
        """The JSON the last ``remind`` wrote, or ''."""
        with self.session() as session:
            row = session.get(models.Setting, REMIND_RUN_KEY)
            return row.value if row else ""

    def set_last_run(self, text: str) -> None:
        with self.session(write=True) as session:
            session.merge(models.Setting(key=REMIND_RUN_KEY, value=text))
            session.commit()
