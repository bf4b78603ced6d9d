"""The store's schema as SQLModel tables: the one definition of what a store holds.

Tables are created and changed only by the named migrations in :mod:`followup.store.migrations`;
``SQLModel.metadata.create_all`` is never called on a user's store.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Index
from sqlmodel import Field, SQLModel


class Interview(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    company: str
    role: str
    at: datetime  # the interview's start, UTC
    round: int = 1
    decision_by: date | None = None  # the employer's decision date, in the user's calendar
    lang: str | None = None  # en | zh | hi: the language of this employer's emails
    notes: str | None = None
    result: str | None = Field(default=None, index=True)  # the latest outcome, mirrors the events
    result_at: datetime | None = None
    created_at: datetime
    updated_at: datetime
    topic: str | None = None  # something specific discussed, for the thank-you
    strength: str | None = None  # what the candidate brings that fits
    idea: str | None = None  # a new thought or suggestion about the role
    # Each interviewer's own topic, JSON [[email, topic], ...] (records.topic_for_from)
    topic_for: str | None = None
    uid: str | None = Field(default=None, unique=True, index=True)  # stable across export/import
    active: bool = Field(default=True, index=True)  # rules.is_active, kept for the morning query
    zone: str | None = None  # where it was held: an IANA name or "+05:30"; None: the profile's


class Contact(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    interview_id: int = Field(foreign_key="interview.id", index=True, ondelete="CASCADE")
    kind: str  # "interviewer" | "recruiter"
    name: str
    email: str
    position: int = 0


class Event(SQLModel, table=True):
    """A recorded act: ``done`` an action (thanks, check, reply, decline, heard) or a ``result``."""

    id: int | None = Field(default=None, primary_key=True)
    interview_id: int = Field(foreign_key="interview.id", index=True, ondelete="CASCADE")
    kind: str  # "done" | "result"
    name: str
    at: datetime  # when it happened, UTC
    created_at: datetime


class Reflection(SQLModel, table=True):
    """The review one writes after an interview (one per interview)."""

    interview_id: int = Field(foreign_key="interview.id", primary_key=True, ondelete="CASCADE")
    went_well: str | None = None
    improve: str | None = None
    idea: str | None = None
    strength: str | None = None
    created_at: datetime
    updated_at: datetime


class Question(SQLModel, table=True):
    """A question asked in an interview, and how it was answered."""

    id: int | None = Field(default=None, primary_key=True)
    interview_id: int = Field(foreign_key="interview.id", index=True, ondelete="CASCADE")
    position: int
    question: str
    answer: str = ""


class Setting(SQLModel, table=True):
    """The profile and the rule settings, one key each, so a store is one whole history."""

    key: str = Field(primary_key=True)
    value: str


class Reminder(SQLModel, table=True):
    """What ``followup remind`` sent on a channel: ``daily`` once per local day (``key``: the
    day), ``prep`` once per interview (``key``: its uid)."""

    channel: str = Field(primary_key=True)  # a digest of the channel's URL, never the URL
    kind: str = Field(primary_key=True)
    key: str = Field(primary_key=True)
    label: str  # the URL with its secrets masked
    summary: str  # the title that was sent
    sent_at: datetime = Field(index=True)  # UTC


class Journal(SQLModel, table=True):
    """One change recorded, newest last, and what it replaced: what ``followup undo`` reverses."""

    id: int | None = Field(default=None, primary_key=True)
    interview_id: int = Field(index=True)  # no foreign key: a removed interview is kept here
    kind: str  # add | edit | rm | event | reflect | forget
    summary: str  # what was done, as a person reads it
    data: str  # JSON: the rows as they were before, or the ids added
    created_at: datetime


class Message(SQLModel, table=True):
    """An email followup wrote: sent (``via`` ``send``) or drafted (``eml``), by Message-ID."""

    id: int | None = Field(default=None, primary_key=True)
    interview_id: int = Field(foreign_key="interview.id", index=True, ondelete="CASCADE")
    kind: str  # thanks | check | decline
    message_id: str = Field(index=True)  # with its angle brackets, as in the header
    recipients: str  # "Name <email>, ..." as the To and Cc said
    via: str  # send | eml
    at: datetime  # when it was sent or written, UTC


class InboxSeen(SQLModel, table=True):
    """A message ``followup inbox`` has shown, never proposed again: what became of it."""

    __tablename__ = "inbox_seen"
    message_id: str = Field(primary_key=True)
    interview_id: int | None = None  # no foreign key: the mark outlives a removed interview
    outcome: str  # the event recorded (heard, invited, offer, rejected) or "skipped"
    seen_at: datetime  # UTC


class PendingAction(SQLModel, table=True):
    """The morning list kept ready: each open interview's planned actions (``rules.plan``),
    so that ``due`` reads the rows it shows instead of running the rules over every
    interview. Derived data, never exported: ``store/pending.py`` rebuilds what changed.
    Times are microseconds since 1970 UTC, so that SQL compares and orders them exactly."""

    __tablename__ = "pending_action"
    # Each state's rows in the order due shows them (store/pending.py), every column in the
    # index so that a long list is read from it alone.
    __table_args__ = (
        Index(
            "ix_pending_action_deadline",
            *("deadline", "interview_id", "seq", "opens", "action", "number", "until"),
        ),
        Index(
            "ix_pending_action_opens",
            *("opens", "interview_id", "seq", "deadline", "action", "number", "until"),
        ),
    )
    interview_id: int = Field(primary_key=True)
    seq: int = Field(primary_key=True)  # its place in the plan, most urgent first
    action: str
    number: int
    opens: int = Field(sa_type=BigInteger)
    deadline: int | None = Field(default=None, sa_type=BigInteger)
    until: int | None = Field(default=None, sa_type=BigInteger)  # gone from then on (a prep)


class PendingDirty(SQLModel, table=True):
    """Interviews whose ``pending_action`` rows are out of date: SQLite triggers on
    ``interview`` and ``event`` add them, whichever program writes."""

    __tablename__ = "pending_dirty"
    interview_id: int = Field(primary_key=True)


class PendingBasis(SQLModel, table=True):
    """What ``pending_action`` was planned with: followup's version, the rule settings and
    the user's zone; any other basis rebuilds it."""

    __tablename__ = "pending_basis"
    basis: str = Field(primary_key=True)


class Migration(SQLModel, table=True):
    name: str = Field(primary_key=True)
    applied_at: datetime
