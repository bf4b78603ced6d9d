"""Plain records the store returns and the CLI renders: no ORM objects leave the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from followup import rules


@dataclass(frozen=True)
class Person:
    name: str
    email: str

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.name else self.email


@dataclass(frozen=True)
class Interview:
    id: int
    company: str
    role: str
    at: datetime  # aware, UTC
    round: int = 1
    decision_by: date | None = None
    lang: str | None = None
    notes: str | None = None
    result: str | None = None
    result_at: datetime | None = None
    topic: str | None = None
    strength: str | None = None
    idea: str | None = None
    uid: str = ""
    active: bool = True  # rules.is_active: it can still have something to do
    created_at: datetime | None = None
    updated_at: datetime | None = None
    contacts: tuple[Person, ...] = ()
    recruiters: tuple[Person, ...] = ()
    events: tuple[rules.Event, ...] = field(default=())

    def facts(self) -> rules.Facts:
        return rules.Facts(at=self.at, decision_by=self.decision_by, events=self.events)


@dataclass(frozen=True)
class Profile:
    name: str = ""
    email: str = ""
    phone: str = ""
    timezone: str = ""  # an IANA name; empty means the system's zone
    lang: str = "en"
    thanks_days: int = 2
    check_days: int = 7
    reply_days: int = 1

    @property
    def settings(self) -> rules.Settings:
        return rules.Settings(
            thanks_days=self.thanks_days, check_days=self.check_days, reply_days=self.reply_days
        )


PROFILE_TEXT = ("name", "email", "phone", "timezone", "lang")
PROFILE_DAYS = ("thanks_days", "check_days", "reply_days")
