"""Moving whole stores in and out: every row for export, many interviews imported at once,
and a consistent copy of an SQLite file.

These go below the ORM, to the driver's own cursor and executemany: at 100,000 rows
SQLAlchemy's per-row and per-value work costs more than the database's.
"""

from __future__ import annotations

import contextlib
import operator
import os
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from followup import dates, models, records, rules
from followup.errors import StoreError
from followup.i18n import _
from followup.store.interviews import LAST_ID_KEY
from followup.store.opening import Base, busy_timeout_ms, check_dates, utc


class Dump(Base):
    """Export, import and backup."""

    def dump(self) -> dict[str, list[dict[str, Any]]]:
        """Every interview, contact and event row as plain dicts, ordered by id (for export)."""
        out: dict[str, list[dict[str, Any]]] = {}
        with self._guard(), self.engine.connect() as conn:
            # The driver's own cursor and values, without SQLAlchemy's per-row and per-value
            # work: on SQLite times stay the stored UTC text (see transfer.export._iso).
            cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            try:
                tables = (
                    models.Interview,
                    models.Contact,
                    models.Event,
                    models.Question,
                    models.Reflection,
                    models.Message,
                )
                for model in tables:
                    table = model.__table__  # type: ignore[attr-defined,union-attr]
                    names = [c.name for c in table.columns]
                    order = "id" if "id" in names else "interview_id"
                    try:
                        cursor.execute(
                            f"SELECT {', '.join(names)} FROM {table.name} ORDER BY {order}"
                        )
                        rows = cursor.fetchall()
                    except conn.dialect.dbapi.Error as error:  # type: ignore[union-attr]
                        raise StoreError(self._damaged(str(error).splitlines()[0])) from None
                    self._check_readable(table, rows)
                    out[table.name] = [dict(zip(names, row, strict=True)) for row in rows]
            finally:
                cursor.close()
        return out

    def _check_readable(self, table: sa.Table, rows: Sequence[Any]) -> None:
        """Refuse to export a time or day the store cannot read back, or that import would
        refuse (another program's write, an older followup's year 999): the export would
        not restore. Stored text is compared as text, in SQLite's fixed layout."""
        for index, column in enumerate(table.columns):
            kind = _kind(column)
            if kind is None:
                continue
            is_time = kind is datetime
            for row in rows:
                value = row[index]
                if value is None:
                    if column.nullable:
                        continue
                elif isinstance(value, str):
                    if is_time and len(value) == 26 and _FIRST <= value < _AFTER:
                        with contextlib.suppress(ValueError):
                            datetime.fromisoformat(value)
                            continue
                    elif not is_time and len(value) == 10 and _FIRST[:10] <= value < _AFTER[:10]:
                        with contextlib.suppress(ValueError):
                            date.fromisoformat(value)
                            continue
                elif dates.in_range(value):
                    continue
                raise StoreError(
                    self._damaged(
                        (
                            _(
                                "{table} {id}: {column} holds {value}, not a time between the "
                                "years {first} and {last}"
                            )
                            if is_time
                            else _(
                                "{table} {id}: {column} holds {value}, not a day between the "
                                "years {first} and {last}"
                            )
                        ).format(
                            table=table.name,
                            id=row[0],
                            column=column.name,
                            value=repr(value),
                            first=dates.FIRST_YEAR,
                            last=dates.LAST_YEAR,
                        )
                    )
                )

    def load(
        self,
        interviews: Iterable[dict[str, Any]],
        *,
        profile: dict[str, Any] | Callable[[], dict[str, Any]],
        same: str = "uid",
        dry_run: bool = False,
    ) -> tuple[int, int]:
        """Add whole interviews (with ``contacts``, ``recruiters`` and ``events``) in one
        transaction, inserted in batches as ``interviews`` yields them (an error it raises
        rolls everything back); return ``(added, skipped)``.

        An interview already in the store is skipped: the same ``uid`` when ``same`` is
        ``"uid"``, the same company, role and start when it is ``"key"`` (two such rows of
        one sheet are both added). A free ``id`` is
        kept, so an export imported into an empty store exports again unchanged. ``profile``
        (or what it returns once every interview is read) fills only the settings the store
        does not have yet.
        """
        interview = models.Interview.__table__  # type: ignore[attr-defined]
        setting = models.Setting.__table__  # type: ignore[attr-defined]
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
            # Every id up to the last one issued was used once: a free id above it is kept,
            # any other is replaced by a new one. Costs nothing in proportion to an id's value.
            last_issued = max(int(issued or 0), max(used_ids, default=0))
            seen = (
                {row.uid for row in rows}
                if same == "uid"
                else {(row.company, row.role, utc(row.at)) for row in rows}
            )
            del rows
            next_id = last_issued + 1
            batch = _Batch()
            added = skipped = 0
            for item in interviews:
                key = (
                    item.get("uid")
                    if same == "uid"
                    else (item["company"], item["role"], item["at"])
                )
                if key is not None and key in seen:  # without a uid, a row is its own
                    skipped += 1
                    continue
                if same == "uid":  # rows of a sheet alike are each their own, as typed
                    seen.add(key)
                ident = item.get("id")
                if not ident or ident in used_ids or ident <= last_issued:
                    while next_id in used_ids:
                        next_id += 1
                    ident = next_id
                used_ids.add(ident)
                batch.add(ident, item)
                added += 1
                if len(batch.interviews) >= BATCH:
                    batch.insert(conn)
            batch.insert(conn)
            stored = set(conn.execute(sa.select(setting.c.key)).scalars())
            given = profile() if callable(profile) else profile
            fresh = [
                {"key": k, "value": records.setting_text(v)}
                for k, v in given.items()
                if k not in stored
            ]
            if added:
                last = max(max(used_ids), last_issued)
                conn.execute(setting.delete().where(setting.c.key == LAST_ID_KEY))
                conn.execute(setting.insert().values(key=LAST_ID_KEY, value=str(last)))
            if fresh:
                conn.execute(setting.insert(), fresh)
            if dry_run:
                conn.rollback()
        return added, skipped

    def backup(
        self, target: Path, *, now: datetime | None = None, into_empty: bool = False
    ) -> None:
        """A consistent copy of an SQLite store, taken with SQLite's online backup API, in a
        new file (or, with ``into_empty``, the empty file the caller made for it).

        With ``now``, the store notes the backup: removed interviews older than 30 days that
        the copy holds are then let go (:mod:`followup.store.journal`)."""
        import sqlite3

        if self.path is None:
            raise StoreError(
                _("backup copies an SQLite store; for another database use `followup export`.")
            )
        try:
            if into_empty:
                if target.is_symlink() or target.stat().st_size:
                    raise FileExistsError
            else:
                fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
                os.close(fd)
        except FileExistsError:
            raise StoreError(
                _("{path} exists already; choose another file.").format(path=target)
            ) from None
        except OSError as error:
            raise StoreError(
                _("cannot write {path}: {reason}").format(
                    path=target, reason=error.strerror or error
                )
            ) from None
        try:
            source = sqlite3.connect(self.path, timeout=busy_timeout_ms() / 1000)
            copy = sqlite3.connect(target)
            try:
                with copy:
                    source.backup(copy)
            finally:
                copy.close()
                source.close()
        except BaseException as error:
            target.unlink(missing_ok=True)
            if not isinstance(error, (sqlite3.Error, OSError)):
                raise
            raise StoreError(
                _("cannot back up to {path}: {error}").format(path=target, error=error)
            ) from None
        if now is not None:
            self.note_backup(now)

    def note_backup(self, now: datetime) -> None:
        """Note a backup made at ``now``: removed interviews older than 30 days that it holds
        are then let go (:mod:`followup.store.journal`)."""
        import sqlite3

        from followup.store.journal import LAST_BACKUP_KEY

        if self.path is None:
            return
        try:  # the next change lets go of what the copy holds; a busy store waits for it
            noted = sqlite3.connect(self.path, timeout=0.5)
            try:
                with noted:
                    noted.execute(
                        "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
                        (LAST_BACKUP_KEY, now.isoformat()),
                    )
            finally:
                noted.close()
        except sqlite3.Error:
            pass


def _kind(column: sa.Column[Any]) -> type | None:
    """``datetime`` or ``date`` for a column of times or days, else None."""
    stored = getattr(column.type, "impl", column.type)  # sqlmodel's UTCDateTime decorates
    if isinstance(stored, sa.DateTime):
        return datetime
    return date if isinstance(stored, sa.Date) else None


_FIRST = f"{dates.FIRST_YEAR}-01-01 00:00:00.000000"
_AFTER = f"{dates.LAST_YEAR + 1}-01-01 00:00:00.000000"


BATCH = 2000  # interviews inserted at a time: memory stays flat, executemany stays fast


class _Batch:
    """The rows of up to BATCH interviews, waiting to be inserted together."""

    def __init__(self) -> None:
        self.interviews: list[dict[str, Any]] = []
        self.contacts: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []
        self.reflections: list[dict[str, Any]] = []
        self.questions: list[dict[str, Any]] = []
        self.messages: list[dict[str, Any]] = []

    def add(self, ident: int, item: dict[str, Any]) -> None:
        columns = models.Interview.__table__.columns  # type: ignore[attr-defined]
        values = {c.name: item.get(c.name) for c in columns}
        values.update(
            id=ident,
            uid=item.get("uid") or uuid.uuid4().hex,
            active=rules.is_active(
                [rules.Event(e["kind"], e["name"], e["at"]) for e in item["events"]]
            ),
        )
        self.interviews.append(values)
        for kind, people in (("interviewer", item["contacts"]), ("recruiter", item["recruiters"])):
            for position, person in enumerate(people):
                self.contacts.append(
                    {
                        "interview_id": ident,
                        "kind": kind,
                        "name": person.name,
                        "email": person.email,
                        "position": position,
                    }
                )
        for entry in item["events"]:
            self.events.append({"interview_id": ident, **entry})
        for entry in item.get("messages", ()):
            self.messages.append({"interview_id": ident, **entry})
        review = item.get("reflection")
        if review:
            self.reflections.append(
                {"interview_id": ident, **{k: v for k, v in review.items() if k != "questions"}}
            )
            for position, pair in enumerate(review["questions"]):
                self.questions.append({"interview_id": ident, "position": position, **pair})

    def insert(self, conn: sa.Connection) -> None:
        """Insert what is waiting (interviews before the rows that point at them), and empty."""
        for model, rows in (
            (models.Interview, self.interviews),
            (models.Contact, self.contacts),
            (models.Event, self.events),
            (models.Reflection, self.reflections),
            (models.Question, self.questions),
            (models.Message, self.messages),
        ):
            if rows:
                _insert_many(conn, model.__table__, rows)  # type: ignore[attr-defined,union-attr]
                rows.clear()


def _insert_many(conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """Insert many rows through the driver's executemany, values converted once, here.

    SQLAlchemy's per-value processing costs more than SQLite's own work at 100k rows. On
    SQLite times are written as SQLAlchemy writes them (UTC text), so both paths read alike.
    """
    names = [c.name for c in table.columns if any(c.name in row for row in rows[:1])]
    timed = [n for n in names if _kind(table.c[n]) is not None]
    for row in rows:
        check_dates(table.name, {n: row.get(n) for n in timed})
    sqlite = conn.dialect.name == "sqlite"
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join([mark] * len(names))})"
    if sqlite:  # convert only the columns that hold times and dates, once per value
        kinds = {c.name: type(c.type).__name__ for c in table.columns}
        times = [n for n in names if kinds[n].endswith("DateTime")]
        days = [n for n in names if kinds[n] == "Date"]
        for row in rows:
            for name in times:
                value = row.get(name)
                if isinstance(value, datetime):
                    row[name] = _stored_time(value)
            for name in days:
                value = row.get(name)
                if isinstance(value, date) and not isinstance(value, datetime):
                    row[name] = value.isoformat()
    getter = operator.itemgetter(*names)
    values: list[Any]
    if len(names) == 1:
        values = [(row.get(names[0]),) for row in rows]
    elif all(len(row) == len(names) for row in rows):
        values = [getter(row) for row in rows]
    else:
        values = [tuple(row.get(n) for n in names) for row in rows]
    conn.exec_driver_sql(sql, values)


def _stored_time(value: datetime) -> str:
    """A time as SQLAlchemy writes it in SQLite: UTC, ``2026-11-14 15:00:00.000000``."""
    offset = value.utcoffset()
    if offset:
        value = value - offset
    return value.isoformat(" ", "microseconds")[:26]  # without the offset
