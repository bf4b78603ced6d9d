"""Plain records the store returns and the CLI renders: no ORM objects leave the store."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo
from operator import itemgetter
from typing import Any, NamedTuple

from followup import rules


class Person(NamedTuple):
    name: str
    email: str

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.name else self.email


class Reflection(NamedTuple):
    went_well: str | None = None
    improve: str | None = None
    idea: str | None = None
    strength: str | None = None
    questions: tuple[tuple[str, str], ...] = ()  # (question, answer), in the order asked

    def as_json(self) -> dict[str, Any]:
        return {
            "went_well": self.went_well,
            "improve": self.improve,
            "idea": self.idea,
            "strength": self.strength,
            "questions": [{"question": q, "answer": a} for q, a in self.questions],
        }


class Interview(NamedTuple):
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
    topic_for: tuple[tuple[str, str], ...] = ()  # (email, topic): an interviewer's own topic
    uid: str = ""
    active: bool = True  # rules.is_active: it can still have something to do
    zone: str | None = None  # the zone it was held in (IANA name or "+05:30"); None: the user's
    created_at: datetime | None = None
    updated_at: datetime | None = None
    contacts: tuple[Person, ...] = ()
    recruiters: tuple[Person, ...] = ()
    events: tuple[rules.Event, ...] = ()
    reflection: Reflection | None = None

    @property
    def idea_or_reflected(self) -> str | None:
        """The idea for the thank-you: the interview's own, else the reflection's."""
        return self.idea or (self.reflection.idea if self.reflection else None)

    @property
    def strength_or_reflected(self) -> str | None:
        return self.strength or (self.reflection.strength if self.reflection else None)

    def facts(self, *, until: datetime | None = None) -> rules.Facts:
        """The facts the rules read; with ``until``, only what had happened by then."""
        events = self.events
        if until is not None:
            events = tuple(e for e in events if e.at <= until)
        return rules.Facts(
            at=self.at,
            decision_by=self.decision_by,
            events=events,
            tz=self.tzinfo(),
            recorded=self.created_at,
        )

    def tzinfo(self, fallback: tzinfo | None = None) -> tzinfo | None:
        """The zone the interview was held in, else ``fallback``."""
        from followup import zones

        return zones.stored_zone(self.zone) or fallback


# -- The morning list, as ``due`` prints it --------------------------------------------

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
TICK = timedelta(microseconds=1)

# One row of the morning list: (interview id, kind, opens, deadline), its kind the action
# and its number as one small integer (:func:`kind_of`), its instants in whole microseconds
# since 1970 UTC (:func:`micros`). Plain tuples of integers, as SQLite gives them: ``due`` may
# print tens of thousands, each column of each row costs a call into SQLite, and an integer
# is a key that hashes at once and compares as the instant it is (two datetimes in one zone
# compare by their wall clocks).
DueRow = tuple[int, int, int, int | None]


def kind_of(action: str, number: int) -> int:
    """An action of :data:`rules.ACTIONS` and its number (2 for the second status check) as
    one small integer; :func:`action_of` reads it back."""
    return (number - 1) * len(rules.ACTIONS) + rules.ACTIONS.index(action)


def action_of(kind: int) -> tuple[str, int]:
    """The action and its number that :func:`kind_of` made ``kind`` of."""
    number, index = divmod(kind, len(rules.ACTIONS))
    return rules.ACTIONS[index], number + 1


def micros(moment: datetime) -> int:
    """An aware datetime as whole microseconds since 1970 UTC."""
    return (moment - EPOCH) // TICK


def instant(micro: int) -> datetime:
    """:func:`micros` read back, in UTC."""
    return EPOCH + micro * TICK


class Morning(NamedTuple):
    """The morning list: each state's rows (:data:`DueRow`), most urgent state first, in the
    order :func:`rules.due` gives; what is shown of each interview in them (company, role,
    the zone it was held in; ``named`` may hold other open interviews too); and how many
    rows each state has in all (``rows`` may hold only the first ones, as many as a
    terminal shows)."""

    rows: dict[str, list[DueRow]]  # every state of rules.STATES, in that order
    named: dict[int, tuple[str, str, str | None]]
    totals: dict[str, int]

    @classmethod
    def of(cls, pairs: list[tuple[rules.Item, Interview]]) -> Morning:
        """The morning list of :func:`rules.due`'s items, each with its interview."""
        rows: dict[str, list[DueRow]] = {state: [] for state in rules.STATES}
        named: dict[int, tuple[str, str, str | None]] = {}
        for item, interview in pairs:
            action = item.action
            late = None if action.deadline is None else micros(action.deadline)
            kind = kind_of(action.action, action.number)
            rows[item.state].append((interview.id, kind, micros(action.opens), late))
            named[interview.id] = (interview.company, interview.role, interview.zone)
        return cls(rows, named, {state: len(listed) for state, listed in rows.items()})

    @property
    def listed(self) -> int:
        """How many rows it holds."""
        return sum(map(len, self.rows.values()))

    def interviews(self) -> set[int]:
        """The interviews its rows name."""
        found: set[int] = set()
        for rows in self.rows.values():
            found.update(map(itemgetter(0), rows))
        return found

    def first(self, count: int | None = None) -> list[tuple[str, DueRow]]:
        """Its first ``count`` rows (all for None), each with its state."""
        found: list[tuple[str, DueRow]] = []
        for state, rows in self.rows.items():
            found += [(state, row) for row in rows[: None if count is None else count - len(found)]]
        return found


class Profile(NamedTuple):
    name: str = ""
    email: str = ""
    phone: str = ""
    timezone: str = ""  # an IANA name; empty means the system's zone
    lang: str = "en"
    locale: str = ""  # en_GB, en_US, en_IN, zh_CN or hi_IN; empty: from the letter's language
    thanks_days: int = 2
    check_days: int = 7
    reply_days: int = 1
    reflect_days: int = 1
    reflect: bool = True  # list the reflection among the follow-ups
    smtp_host: str = ""
    smtp_port: int = 0  # 0: the usual port of smtp_security
    smtp_user: str = ""  # empty: no login
    smtp_security: str = "starttls"  # starttls | ssl | none
    notify: tuple[str, ...] = ()  # where `remind` sends: Apprise URLs, or "email"
    imap_host: str = ""  # empty: from smtp_host (smtp.example.com -> imap.example.com)
    imap_port: int = 0  # 0: the usual port of imap_security
    imap_user: str = ""  # empty: smtp_user
    imap_security: str = ""  # ssl | starttls | none; empty: ssl
    imap_sent: str = ""  # the folder `send` copies to (IMAP APPEND); empty: no copy

    @property
    def settings(self) -> rules.Settings:
        return rules.Settings(
            thanks_days=self.thanks_days,
            check_days=self.check_days,
            reply_days=self.reply_days,
            reflect_days=self.reflect_days,
            reflect=self.reflect,
        )


PROFILE_TEXT = (
    "name",
    "email",
    "phone",
    "timezone",
    "lang",
    "locale",
    "smtp_host",
    "smtp_user",
    "smtp_security",
    "imap_host",
    "imap_user",
    "imap_security",
    "imap_sent",
)
PROFILE_DAYS = ("thanks_days", "check_days", "reply_days", "reflect_days", "smtp_port", "imap_port")
PROFILE_FLAGS = ("reflect",)


def topic_for_from(text: str | None) -> tuple[tuple[str, str], ...]:
    """The interviewers' own topics as the store keeps them (JSON pairs), read back."""
    import json

    if not text:
        return ()
    return tuple((str(email), str(topic)) for email, topic in json.loads(text))


def topic_for_text(pairs: Any) -> str | None:
    """``[(email, topic), ...]`` as the store keeps it; None for none."""
    import json

    pairs = [[str(email), str(topic)] for email, topic in pairs or ()]
    return json.dumps(pairs, ensure_ascii=False) if pairs else None


def profile_from(stored: dict[str, str]) -> Profile:
    """The profile from the store's settings (text values), defaults for what is unset."""
    values: dict[str, Any] = {}
    for name in PROFILE_TEXT:
        if name in stored:
            values[name] = stored[name]
    for name in PROFILE_DAYS:
        if name in stored:
            values[name] = int(stored[name])
    for name in PROFILE_FLAGS:
        if name in stored:
            values[name] = stored[name] not in ("0", "false", "False", "")
    if stored.get("notify"):
        import json

        values["notify"] = tuple(json.loads(stored["notify"]))
    return Profile(**values)


def setting_text(value: Any) -> str:
    """How a profile value is kept in the settings table."""
    if isinstance(value, (tuple, list)):
        import json

        return json.dumps(list(value), ensure_ascii=False)
    return str(int(value)) if isinstance(value, bool) else str(value)


class Sent(NamedTuple):
    """A mark that ``followup remind`` sent something on a channel (see models.Reminder)."""

    channel: str  # a digest of the channel's URL
    kind: str  # "daily" | "prep"
    key: str  # the local day (daily) or the interview's uid (prep)
    label: str  # the URL with its secrets masked
    summary: str  # the title that was sent
    sent_at: datetime  # UTC


class Message(NamedTuple):
    """An email followup wrote, by Message-ID (see models.Message)."""

    interview_id: int
    kind: str  # thanks | check | decline
    message_id: str
    recipients: str
    via: str  # send | eml
    at: datetime  # UTC

    def as_json(self, tz: Any = None) -> dict[str, Any]:
        at = self.at.astimezone(tz) if tz is not None else self.at
        return {
            "kind": self.kind,
            "message_id": self.message_id,
            "recipients": self.recipients,
            "via": self.via,
            "at": at.isoformat(),
        }
