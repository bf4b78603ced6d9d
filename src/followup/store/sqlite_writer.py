"""The fast path for the everyday writes: ``add``, ``edit``, ``done``, ``result`` and
``reflect`` on an up-to-date SQLite store, through the standard library's ``sqlite3``.

Importing SQLAlchemy and SQLModel costs several times what one of these writes does, so on a
current SQLite file they run here; a store that is missing, must be migrated, is read-only
or lives on a database server goes the full way through :class:`followup.store.Store`.
Both ways make the same change: the same rows, and the same journal entry for ``undo``
(:mod:`followup.store.journal`). ``tests/test_fast_writes.py`` runs one scenario through
both (the full way on SQLite and PostgreSQL) and compares every stored row, and undoes each
fast write with the full store.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from followup import records, rules
from followup.errors import FollowupError, StoreError
from followup.i18n import _, pgettext
from followup.store import sqlite_reader
from followup.store.sqlite_reader import _COLUMNS, Reader, busy_timeout_s, explain, utc
from followup.store.sqlite_rows import (
    CONTACT_FIELDS,
    INTERVIEW_FIELDS,
    KEEP_REMOVED,
    LAST_BACKUP_KEY,
    LAST_ID_KEY,
    QUESTION_FIELDS,
    REFLECTION_FIELDS,
    event_summary,
    insert,
    named,
    row_json,
    same_question,
    sound,
    stored,
    stored_time,
)


class Writer(Reader):
    """The everyday writes on a current, writable SQLite store (and the reads they need)."""

    @classmethod
    def open(cls, path: Path) -> Writer | None:
        """The writer, or None when the full ``Store`` must do it: a store to create or to
        migrate, a read-only one, or one that fails the checks the full store makes before
        any write (``PRAGMA quick_check``, the tables its migrations made), which the full
        store then reports."""
        if not path.is_file() or not sqlite_reader.writable(path):
            return None
        try:
            connection = sqlite3.connect(path, timeout=busy_timeout_s(), isolation_level=None)
        except sqlite3.Error:
            return None
        try:
            whole = sound(connection)
            connection.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error:
            whole = False
        if not whole:
            connection.close()
            return None
        return cls(connection, path)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction holding the write lock from its start (as the full store's
        ``BEGIN IMMEDIATE``); any failure rolls it all back."""
        conn = self.connection
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise StoreError(explain(str(error), self.where)) from None
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as error:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            if isinstance(error, sqlite3.Error):
                raise StoreError(explain(str(error), self.where)) from None
            raise

    # -- the writes ------------------------------------------------------------------------

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
        with self._transaction() as conn:
            highest = conn.execute("SELECT max(id) FROM interview").fetchone()[0] or 0
            issued = conn.execute("SELECT value FROM setting WHERE key = ?", (LAST_ID_KEY,))
            found = issued.fetchone()
            ident = max(highest, int(found[0]) if found else 0) + 1
            conn.execute(
                "INSERT INTO setting (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (LAST_ID_KEY, str(ident)),
            )
            values = {
                "id": ident,
                "company": company,
                "role": role,
                "at": stored_time(at),
                "round": round,
                "decision_by": stored("decision_by", decision_by),
                "lang": lang or None,
                "notes": notes or None,
                "result": None,
                "result_at": None,
                "created_at": stored_time(now),
                "updated_at": stored_time(now),
                "topic": topic or None,
                "strength": strength or None,
                "idea": idea or None,
                "topic_for": records.topic_for_text(topic_for),
                "uid": uuid.uuid4().hex,
                "active": 1,
                "zone": zone or None,
            }
            insert(conn, "interview", values)
            self._set_people(conn, ident, contacts, recruiters)
            self._journal(
                conn,
                "add",
                ident,
                f"the addition of {named(ident, company, role)}",
                {"id": ident},
                now,
            )
        return self.get(ident)

    def edit(
        self,
        interview_id: int,
        changes: dict[str, Any],
        *,
        contacts: Sequence[records.Person] | None = None,
        recruiters: Sequence[records.Person] | None = None,
        now: datetime,
    ) -> records.Interview:
        unknown = set(changes) - set(INTERVIEW_FIELDS)
        if unknown:
            raise TypeError(f"not interview fields: {sorted(unknown)}")
        with self._transaction() as conn:
            before = self._row_json(conn, interview_id)
            undo: dict[str, Any] = {k: before[k] for k in (*changes, "updated_at")}
            what = [k.replace("_", "-") for k in changes]
            if contacts is not None or recruiters is not None:
                people = conn.execute(
                    f"SELECT {', '.join(CONTACT_FIELDS)} FROM contact "
                    "WHERE interview_id = ? ORDER BY id",
                    (interview_id,),
                ).fetchall()
                undo["contacts"] = [row_json(CONTACT_FIELDS, p) for p in people]
                what += ["contacts" if contacts is not None else "recruiter"]
            label = named(interview_id, before["company"], before["role"])
            summary = f"the edit of {label} ({', '.join(what)})"
            self._journal(conn, "edit", interview_id, summary, undo, now)
            values = {key: stored(key, value) for key, value in changes.items()}
            values["updated_at"] = stored_time(now)
            conn.execute(
                f"UPDATE interview SET {', '.join(f'{k} = ?' for k in values)} WHERE id = ?",
                (*values.values(), interview_id),
            )
            if contacts is not None or recruiters is not None:
                current = self._one(interview_id)
                conn.execute("DELETE FROM contact WHERE interview_id = ?", (interview_id,))
                self._set_people(
                    conn,
                    interview_id,
                    current.contacts if contacts is None else contacts,
                    current.recruiters if recruiters is None else recruiters,
                )
        return self.get(interview_id)

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
        """As :meth:`followup.store.Store.record`: an action done or a result, with the
        withdrawal a decline means, the latest result and the active flag kept."""
        with self._transaction() as conn:
            before = self._row_json(conn, interview_id)
            if (
                once
                and conn.execute(
                    "SELECT count(*) FROM event WHERE interview_id = ? AND kind = ? AND name = ?",
                    (interview_id, kind, name),
                ).fetchone()[0]
            ):
                raise FollowupError(
                    _("{action} is already recorded for interview {id}; nothing was added.").format(
                        action=pgettext("event", name), id=interview_id
                    )
                )
            label = named(interview_id, before["company"], before["role"])
            summary = event_summary(kind, name, label)
            added = [(kind, name)]
            if kind == "done" and name == "decline":
                kind, name = "result", "withdrawn"
                added.append((kind, name))
            ids = [
                insert(
                    conn,
                    "event",
                    {
                        "interview_id": interview_id,
                        "kind": k,
                        "name": n,
                        "at": stored_time(at),
                        "created_at": stored_time(now),
                    },
                )
                for k, n in added
            ]
            self._journal(
                conn, "event", interview_id, summary, {"events": ids, "interview": before}, now
            )
            if kind == "result":
                latest = utc(before["result_at"])
                if latest is None or at >= latest:
                    conn.execute(
                        "UPDATE interview SET result = ?, result_at = ? WHERE id = ?",
                        (name, stored_time(at), interview_id),
                    )
                conn.execute(
                    "UPDATE interview SET updated_at = ? WHERE id = ?",
                    (stored_time(now), interview_id),
                )
            item = self._one(interview_id)
            active = rules.is_active(item.events)
            conn.execute(
                "UPDATE interview SET active = ? WHERE id = ?", (int(active), interview_id)
            )
        return item._replace(active=active)

    def reflect(
        self,
        interview_id: int,
        *,
        questions: Sequence[tuple[str, str]] = (),
        fields: dict[str, str | None],
        now: datetime,
    ) -> records.Interview:
        """As :meth:`followup.store.Store.reflect`."""
        unknown = set(fields) - set(REFLECTION_FIELDS[1:5])
        if unknown:
            raise TypeError(f"not reflection fields: {sorted(unknown)}")
        with self._transaction() as conn:
            before = self._row_json(conn, interview_id)
            found = conn.execute(
                f"SELECT {', '.join(REFLECTION_FIELDS)} FROM reflection WHERE interview_id = ?",
                (interview_id,),
            ).fetchone()
            asked = conn.execute(
                f"SELECT {', '.join(QUESTION_FIELDS)} FROM question WHERE interview_id = ? "
                "ORDER BY position",
                (interview_id,),
            ).fetchall()
            undo: dict[str, Any] = {
                "reflection": row_json(REFLECTION_FIELDS, found) if found else None,
                "questions": [row_json(QUESTION_FIELDS, q) for q in asked],
                "event": None,
            }
            if found is None:
                insert(
                    conn,
                    "reflection",
                    {
                        "interview_id": interview_id,
                        **dict.fromkeys(REFLECTION_FIELDS[1:5]),
                        "created_at": stored_time(now),
                        "updated_at": stored_time(now),
                    },
                )
            values = {**fields, "updated_at": stored_time(now)}
            conn.execute(
                f"UPDATE reflection SET {', '.join(f'{k} = ?' for k in values)} "
                "WHERE interview_id = ?",
                (*values.values(), interview_id),
            )
            position = max((q[2] for q in asked), default=-1) + 1
            known = {same_question(q[3]): q[0] for q in asked}
            for question, answer in questions:
                earlier = known.get(same_question(question))
                if earlier is not None:  # a correction: the new answer replaces the old
                    conn.execute("UPDATE question SET answer = ? WHERE id = ?", (answer, earlier))
                    continue
                known[same_question(question)] = insert(
                    conn,
                    "question",
                    {
                        "interview_id": interview_id,
                        "position": position,
                        "question": question,
                        "answer": answer,
                    },
                )
                position += 1
            done = conn.execute(
                "SELECT id FROM event WHERE interview_id = ? AND kind = 'done' "
                "AND name = 'reflect' LIMIT 1",
                (interview_id,),
            ).fetchone()
            if done is None:
                undo["event"] = insert(
                    conn,
                    "event",
                    {
                        "interview_id": interview_id,
                        "kind": "done",
                        "name": "reflect",
                        "at": stored_time(now),
                        "created_at": stored_time(now),
                    },
                )
            label = named(interview_id, before["company"], before["role"])
            self._journal(conn, "reflect", interview_id, f"the reflection on {label}", undo, now)
        return self.get(interview_id)

    # -- helpers ---------------------------------------------------------------------------

    def _row_json(self, conn: sqlite3.Connection, interview_id: int) -> dict[str, Any]:
        """The interview's row as the journal keeps it; NotFound as the full store says it."""
        row = None
        if interview_id < 2**63:
            row = conn.execute(
                f"SELECT {', '.join(INTERVIEW_FIELDS)} FROM interview WHERE id = ?",
                (interview_id,),
            ).fetchone()
        if row is None:
            self.get(interview_id)  # raises NotFound with the usual words
            raise AssertionError(interview_id)
        return row_json(INTERVIEW_FIELDS, row)

    def _one(self, interview_id: int) -> records.Interview:
        """The interview as it stands inside the transaction."""
        rows = self.connection.execute(
            f"SELECT {_COLUMNS} FROM interview WHERE id = ?", (interview_id,)
        ).fetchall()
        return self._records(rows)[0]

    def _set_people(
        self,
        conn: sqlite3.Connection,
        interview_id: int,
        contacts: Sequence[records.Person],
        recruiters: Sequence[records.Person],
    ) -> None:
        for kind, people in (("interviewer", contacts), ("recruiter", recruiters)):
            for position, person in enumerate(people):
                insert(
                    conn,
                    "contact",
                    {
                        "interview_id": interview_id,
                        "kind": kind,
                        "name": person.name,
                        "email": person.email,
                        "position": position,
                    },
                )

    def _journal(
        self,
        conn: sqlite3.Connection,
        kind: str,
        interview_id: int,
        summary: str,
        data: Any,
        now: datetime,
    ) -> None:
        """As :func:`followup.store.journal.write`: the entry, and letting go of removed
        interviews older than 30 days that a backup made since holds."""
        insert(
            conn,
            "journal",
            {
                "interview_id": interview_id,
                "kind": kind,
                "summary": summary,
                "data": json.dumps(data, ensure_ascii=False),
                "created_at": stored_time(now),
            },
        )
        backed_up = conn.execute(
            "SELECT value FROM setting WHERE key = ?", (LAST_BACKUP_KEY,)
        ).fetchone()
        if backed_up is None:
            return
        limit = min(now - KEEP_REMOVED, datetime.fromisoformat(backed_up[0]))
        conn.execute(
            "DELETE FROM journal WHERE interview_id IN (SELECT interview_id FROM journal "
            "WHERE kind = 'rm' AND created_at < ?)",
            (stored_time(limit),),
        )
