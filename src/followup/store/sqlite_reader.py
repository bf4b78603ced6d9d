"""The fast path for the daily read commands: an up-to-date SQLite store read with sqlite3 alone.

Importing SQLAlchemy and building the ORM costs more than everything else `followup due` does,
so `due`, `list`, `show` and `draft` read a current SQLite store here, with the standard library
only, and return the same records as :class:`followup.store.Store`. A store that is missing,
needs a migration, or is not SQLite goes the full way through ``Store``, which creates and
migrates it. ``tests/test_fast_path.py`` runs the same scenario through both and compares.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timezone, tzinfo
from pathlib import Path
from typing import Any

from followup import records, rules
from followup.errors import NotFound, StoreError
from followup.i18n import _
from followup.store import pending

# The names of followup.store.migrations.MIGRATIONS, kept here so this path need not import
# SQLAlchemy; a test checks that the two lists agree.
MIGRATION_NAMES = (
    "m001_initial",
    "m002_email_material",
    "m003_interview_uid",
    "m004_interview_active",
    "m005_reflection",
    "m006_topic_for",
    "m007_reminders",
    "m008_interview_zone",
    "m009_interview_lang",
    "m010_journal",
    "m011_application_id",
    "m012_messages",
    "m013_pending",
)
# PRAGMA application_id of every followup SQLite store ("FOLU" in ASCII), set when the store
# is made and by m011 on older ones: a file without it, or with another, is not ours to touch.
APPLICATION_ID = 0x464F4C55

_COLUMNS = (
    "id, company, role, at, round, decision_by, lang, notes, result, result_at, "
    "topic, strength, idea, uid, created_at, updated_at, active, topic_for, zone"
)


def busy_timeout_s() -> float:
    """``FOLLOWUP_BUSY_TIMEOUT``: seconds to wait for another writer (default 30)."""
    text = os.environ.get("FOLLOWUP_BUSY_TIMEOUT", "").strip() or "30"
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 3600:  # also refuses nan and inf
        raise StoreError(
            _(
                "FOLLOWUP_BUSY_TIMEOUT {value} is not a number of seconds between 0 and 3600."
            ).format(value=repr(text))
        )
    return value


def explain(message: str, where: str) -> str:
    """A database error as a sentence that says what happened and what to do."""
    message = " ".join(message.split())  # a server's message may span lines
    lowered = message.lower()
    if any(w in lowered for w in ("connection failed", "could not connect", "connection timeout")):
        return _(
            "cannot connect to the database at {where} ({message}). Check "
            "FOLLOWUP_DATABASE_URL and that the server is running."
        ).format(where=where, message=message)
    if "not a database" in lowered or "malformed" in lowered:
        return _(
            "{where} is not a followup store or is damaged ({message}). It was left as it "
            "is: move it aside, restore a backup, or set FOLLOWUP_HOME to another folder."
        ).format(where=where, message=message)
    if "locked" in lowered or "busy" in lowered or "lock timeout" in lowered:
        locked = _("the store at {where} is locked by another program; try again in a moment.")
        return locked.format(where=where)
    if any(word in lowered for word in ("readonly", "read-only", "disk", "i/o", "full")):
        return _("cannot write to the store at {where} ({message}); nothing was changed.").format(
            where=where, message=message
        )
    if "unable to open" in lowered:
        return _("cannot open the store at {where} ({message}).").format(
            where=where, message=message
        )
    return _("the store at {where} failed: {message}").format(where=where, message=message)


def writable(path: Path) -> bool:
    """Whether this user may change the store file (and make its journal beside it)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def read_only_uri(path: Path) -> str:
    """A URI that opens the store for reading only: a read-only file or folder, a backup
    opened to look at. Without a folder to write its shared-memory file in, SQLite is told
    the file will not change under it."""
    from urllib.parse import quote

    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    return uri + ("" if os.access(path.parent, os.W_OK) else "&immutable=1")


def utc(text: str | datetime | None) -> datetime | None:
    """A stored UTC time (SQLite keeps it as text without an offset) as an aware datetime."""
    if text is None:
        return None
    moment = text if isinstance(text, datetime) else datetime.fromisoformat(text)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def interview_record(
    row: Sequence[Any],
    people: Iterable[Sequence[Any]],
    events: Iterable[Sequence[Any]],
    reflection: records.Reflection | None = None,
) -> records.Interview:
    """One interview from its row (in ``_COLUMNS`` order), contact rows and event rows.

    Contact rows are ``(kind, name, email)`` in position order; event rows
    ``(kind, name, at)`` in time order.
    """
    people = list(people)
    at = utc(row[3])
    assert at is not None
    decision = row[5]
    return records.Interview(
        id=row[0],
        company=row[1],
        role=row[2],
        at=at,
        round=row[4],
        decision_by=date.fromisoformat(decision) if isinstance(decision, str) else decision,
        lang=row[6],
        notes=row[7],
        result=row[8],
        result_at=utc(row[9]),
        topic=row[10],
        strength=row[11],
        idea=row[12],
        topic_for=records.topic_for_from(row[17]),
        uid=row[13] or "",
        created_at=utc(row[14]),
        updated_at=utc(row[15]),
        active=bool(row[16]),
        zone=row[18],
        contacts=tuple(records.Person(p[1], p[2]) for p in people if p[0] == "interviewer"),
        recruiters=tuple(records.Person(p[1], p[2]) for p in people if p[0] == "recruiter"),
        events=tuple(rules.Event(e[0], e[1], utc(e[2]) or at) for e in events),
        reflection=reflection,
    )


class Reader:
    """Read-only access to a current SQLite store through the standard library."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path

    @classmethod
    def open(cls, path: Path) -> Reader | None:
        """The reader, or None when the full ``Store`` must open the store (to create it,
        migrate it, or report on a file that is not a followup store)."""
        if not path.is_file():
            return None
        try:
            if writable(path):
                connection = sqlite3.connect(path, timeout=busy_timeout_s(), isolation_level=None)
            else:
                connection = sqlite3.connect(
                    read_only_uri(path), timeout=busy_timeout_s(), isolation_level=None, uri=True
                )
        except sqlite3.Error:
            return None
        try:
            mark = connection.execute("PRAGMA application_id").fetchone()[0]
            names = (
                {row[0] for row in connection.execute("SELECT name FROM migration")}
                if mark == APPLICATION_ID
                else set()
            )
        except sqlite3.Error:
            connection.close()
            return None
        if names != set(MIGRATION_NAMES):
            connection.close()
            return None
        return cls(connection, path)

    @property
    def where(self) -> str:
        return str(self.path)

    def close(self) -> None:
        self.connection.close()

    def _query(self, sql: str, parameters: Sequence[Any] = ()) -> list[Any]:
        try:
            return self.connection.execute(sql, parameters).fetchall()
        except sqlite3.Error as error:
            raise StoreError(explain(str(error), self.where)) from None

    def profile(self) -> records.Profile:
        return records.profile_from(dict(self._query("SELECT key, value FROM setting")))

    def get(self, interview_id: int) -> records.Interview:
        found = self._records(
            self._query(f"SELECT {_COLUMNS} FROM interview WHERE id = ?", (interview_id,))
            if interview_id < 2**63
            else []
        )
        if not found:
            raise NotFound(
                _("there is no interview {id}; `followup list --all` shows every id.").format(
                    id=interview_id
                )
            )
        return found[0]

    def interviews(
        self, *, open_only: bool = False, people: bool = True
    ) -> list[records.Interview]:
        """Every interview, oldest first; ``open_only`` skips those closed by a final
        result; without ``people`` their contacts and reflections are left out."""
        where = " WHERE active = 1" if open_only else ""
        rows = self._query(f"SELECT {_COLUMNS} FROM interview{where} ORDER BY at, id")
        return self._records(rows, people=people)

    def empty(self) -> bool:
        """Whether no interview was ever recorded (or every one was removed)."""
        return not self._query("SELECT 1 FROM interview LIMIT 1")

    def morning(
        self,
        now: datetime,
        tz: tzinfo,
        settings: rules.Settings,
        days: int,
        limit: int | None = None,
    ) -> records.Morning | None:
        """The morning list at ``now`` from the plans the store keeps (``store/pending.py``),
        its first ``limit`` rows (all for None). None when the plans cannot be brought up to
        date (a read-only store, a zone without a name): the caller runs the rules itself."""
        wanted = pending.basis(settings, tz)
        for _attempt in range(3):  # a write between the refresh and the read: once more
            if wanted is None or not pending.refresh(self.connection, self._facts, settings, tz):
                return None
            self.connection.execute("BEGIN")
            try:
                if not pending.current(self.connection, wanted):
                    continue
                horizon = rules.days_later(now, days, tz)
                rows, totals = pending.due(self.connection, now, horizon, limit)
                morning = records.Morning(rows, {}, totals)
                ids = morning.interviews()
                named = self._named(ids)
                if ids <= named.keys():
                    return morning._replace(named=named)
            except sqlite3.Error as error:
                raise StoreError(explain(str(error), self.where)) from None
            finally:
                self.connection.execute("COMMIT")
            # A plan of an interview no longer open: written past the triggers. Plan them
            # all again next time; this time the rules answer.
            pending.forget(self.connection)
            return None
        return None

    def _facts(self, ids: list[int] | None) -> list[tuple[int, rules.Facts]]:
        """The facts of the open interviews among ``ids`` (every open one for None)."""
        if ids is None:
            rows = self._query(f"SELECT {_COLUMNS} FROM interview WHERE active = 1")
        else:
            rows = []
            for start in range(0, len(ids), pending.CHUNK):
                chunk = ids[start : start + pending.CHUNK]
                rows += self._query(
                    f"SELECT {_COLUMNS} FROM interview "
                    f"WHERE active = 1 AND id IN ({','.join('?' * len(chunk))})",
                    chunk,
                )
        return [(item.id, item.facts()) for item in self._records(rows, people=False)]

    def _named(self, ids: set[int]) -> dict[int, tuple[str, str, str | None]]:
        """What the morning list shows of these interviews (company, role, zone), if they
        are open."""
        select = "SELECT id, company, role, zone FROM interview WHERE active = 1"
        if len(ids) > pending.CHUNK:  # most of the open ones: one pass over them is quicker
            rows = self.connection.execute(select).fetchall()
        else:
            marks = ",".join("?" * len(ids))
            rows = self.connection.execute(f"{select} AND id IN ({marks})", list(ids)).fetchall()
        return {row[0]: row[1:] for row in rows}

    def messages(self, interview_id: int | None = None) -> list[records.Message]:
        """The emails followup wrote, oldest first (as Store.messages)."""
        where = " WHERE interview_id = ?" if interview_id is not None else ""
        rows = self._query(
            f"SELECT interview_id, kind, message_id, recipients, via, at FROM message{where} "
            "ORDER BY at, id",
            (interview_id,) if interview_id is not None else (),
        )
        return [
            records.Message(row[0], row[1], row[2], row[3], row[4], utc(row[5]) or datetime.min)
            for row in rows
        ]

    def _records(self, rows: list[Any], *, people: bool = True) -> list[records.Interview]:
        contacts: dict[int, list[Any]] = {}
        events: dict[int, list[Any]] = {}
        asked: dict[int, list[tuple[str, str]]] = {}
        reviews: dict[int, records.Reflection] = {}
        ids = [row[0] for row in rows]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self._query(
                f"SELECT interview_id, kind, name, at FROM event "
                f"WHERE interview_id IN ({marks}) ORDER BY at, id",
                chunk,
            ):
                events.setdefault(row[0], []).append(row[1:])
            if not people:
                continue
            for row in self._query(
                f"SELECT interview_id, kind, name, email FROM contact "
                f"WHERE interview_id IN ({marks}) ORDER BY kind, position",
                chunk,
            ):
                contacts.setdefault(row[0], []).append(row[1:])
            for row in self._query(
                f"SELECT interview_id, question, answer FROM question "
                f"WHERE interview_id IN ({marks}) ORDER BY interview_id, position",
                chunk,
            ):
                asked.setdefault(row[0], []).append((row[1], row[2]))
            for row in self._query(
                f"SELECT interview_id, went_well, improve, idea, strength FROM reflection "
                f"WHERE interview_id IN ({marks})",
                chunk,
            ):
                reviews[row[0]] = records.Reflection(
                    row[1], row[2], row[3], row[4], tuple(asked.get(row[0], ()))
                )
        return [
            interview_record(
                row, contacts.get(row[0], ()), events.get(row[0], ()), reviews.get(row[0])
            )
            for row in rows
        ]
