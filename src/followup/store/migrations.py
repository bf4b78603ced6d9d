"""Named schema migrations, run in order on every open, each in its own transaction.

A migration is frozen once released: never edit one, add the next. Each is written with
SQLAlchemy Core so it runs on SQLite and PostgreSQL alike, and ``tests/test_store.py`` checks
that the migrated schema matches :mod:`followup.models`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

import sqlalchemy as sa

Migration = Callable[[sa.Connection], None]
MIGRATIONS: list[tuple[str, Migration]] = []


def migration(func: Migration) -> Migration:
    MIGRATIONS.append((func.__name__, func))
    return func


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


@migration
def m001_initial(conn: sa.Connection) -> None:
    meta = sa.MetaData()
    sa.Table(
        "interview",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("company", sa.String, nullable=False),
        sa.Column("role", sa.String, nullable=False),
        sa.Column("at", _utc(), nullable=False),
        sa.Column("round", sa.Integer, nullable=False),
        sa.Column("decision_by", sa.Date),
        sa.Column("lang", sa.String),
        sa.Column("notes", sa.String),
        sa.Column("result", sa.String, index=True),
        sa.Column("result_at", _utc()),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
    )
    for name in ("contact", "event"):
        columns: list[sa.Column] = [
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column(
                "interview_id",
                sa.Integer,
                sa.ForeignKey("interview.id", ondelete="CASCADE"),
                nullable=False,
                index=True,
            ),
            sa.Column("kind", sa.String, nullable=False),
        ]
        if name == "contact":
            columns += [
                sa.Column("name", sa.String, nullable=False),
                sa.Column("email", sa.String, nullable=False),
                sa.Column("position", sa.Integer, nullable=False),
            ]
        else:
            columns += [
                sa.Column("name", sa.String, nullable=False),
                sa.Column("at", _utc(), nullable=False),
                sa.Column("created_at", _utc(), nullable=False),
            ]
        sa.Table(name, meta, *columns)
    sa.Table(
        "setting",
        meta,
        sa.Column("key", sa.String, primary_key=True),
        sa.Column("value", sa.String, nullable=False),
    )
    meta.create_all(conn)


@migration
def m002_email_material(conn: sa.Connection) -> None:
    """What the thank-you draws on: a topic discussed, a strength, a new idea."""
    for column in ("topic", "strength", "idea"):
        conn.exec_driver_sql(f"ALTER TABLE interview ADD COLUMN {column} VARCHAR")


@migration
def m003_interview_uid(conn: sa.Connection) -> None:
    """A stable identity that survives export, import and edits (calendar UIDs, de-duplication)."""
    import uuid

    conn.exec_driver_sql("ALTER TABLE interview ADD COLUMN uid VARCHAR")
    ids = [row[0] for row in conn.exec_driver_sql("SELECT id FROM interview")]
    for ident in ids:
        conn.execute(
            sa.text("UPDATE interview SET uid = :uid WHERE id = :id"),
            {"uid": uuid.uuid4().hex, "id": ident},
        )
    conn.exec_driver_sql("CREATE UNIQUE INDEX ix_interview_uid ON interview (uid)")


@migration
def m004_interview_active(conn: sa.Connection) -> None:
    """An indexed flag for interviews that can still have something to do (rules.is_active)."""
    from followup import rules

    conn.exec_driver_sql("ALTER TABLE interview ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE")
    events: dict[int, list[rules.Event]] = {}
    for row in conn.exec_driver_sql("SELECT interview_id, kind, name, at FROM event"):
        at = row[3] if isinstance(row[3], datetime) else datetime.fromisoformat(str(row[3]))
        if at.tzinfo is None:
            at = at.replace(tzinfo=timezone.utc)
        events.setdefault(row[0], []).append(rules.Event(row[1], row[2], at))
    closed = [{"id": ident} for ident, items in events.items() if not rules.is_active(items)]
    if closed:
        conn.execute(sa.text("UPDATE interview SET active = false WHERE id = :id"), closed)
    conn.exec_driver_sql("CREATE INDEX ix_interview_active ON interview (active)")


@migration
def m005_reflection(conn: sa.Connection) -> None:
    """What one learnt from an interview: questions and answers, what went well, what to
    improve, and the idea and strength worth adding to the thank-you."""
    meta = sa.MetaData()
    sa.Table("interview", meta, sa.Column("id", sa.Integer, primary_key=True))  # exists: skipped
    sa.Table(
        "reflection",
        meta,
        sa.Column(
            "interview_id",
            sa.Integer,
            sa.ForeignKey("interview.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("went_well", sa.String),
        sa.Column("improve", sa.String),
        sa.Column("idea", sa.String),
        sa.Column("strength", sa.String),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
    )
    sa.Table(
        "question",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "interview_id",
            sa.Integer,
            sa.ForeignKey("interview.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("question", sa.String, nullable=False),
        sa.Column("answer", sa.String, nullable=False),
    )
    meta.create_all(conn)


@migration
def m006_topic_for(conn: sa.Connection) -> None:
    """Each interviewer of a panel can have their own topic for the thank-you: a JSON list
    of ``[email, topic]`` pairs on the interview, empty for every interview there is."""
    conn.exec_driver_sql("ALTER TABLE interview ADD COLUMN topic_for VARCHAR")


@migration
def m007_reminders(conn: sa.Connection) -> None:
    """What ``followup remind`` sent on which channel: the day's digest once per day, and the
    evening-before note once per interview (``kind`` ``daily`` with the local day as ``key``,
    or ``prep`` with the interview's uid)."""
    meta = sa.MetaData()
    sa.Table(
        "reminder",
        meta,
        sa.Column("channel", sa.String, primary_key=True),  # a digest of the URL, not the URL
        sa.Column("kind", sa.String, primary_key=True),
        sa.Column("key", sa.String, primary_key=True),
        sa.Column("label", sa.String, nullable=False),  # the URL with its secrets masked
        sa.Column("summary", sa.String, nullable=False),  # the title that was sent
        sa.Column("sent_at", _utc(), nullable=False, index=True),
    )
    meta.create_all(conn)


@migration
def m008_interview_zone(conn: sa.Connection) -> None:
    """Each interview keeps the zone it was held in, so a new profile zone never moves it.
    Existing interviews get the profile's zone of the time (the system's when unset)."""
    from followup import zones

    conn.exec_driver_sql("ALTER TABLE interview ADD COLUMN zone VARCHAR")
    row = conn.exec_driver_sql("SELECT value FROM setting WHERE key = 'timezone'").first()
    name = (row[0] if row else "").strip()
    if not name:
        try:
            name = zones.zone_name(zones.zone(None)) or ""
        except ValueError:  # a TZ variable that names no zone: leave them to the profile
            name = ""
    if name:
        conn.execute(sa.text("UPDATE interview SET zone = :zone"), {"zone": name})


@migration
def m009_interview_lang(conn: sa.Connection) -> None:
    """Each interview keeps the language it was added in: the profile's language of the time
    for those added without --lang, so `profile --lang` changes new interviews only."""
    row = conn.exec_driver_sql("SELECT value FROM setting WHERE key = 'lang'").first()
    lang = (row[0] if row else "").strip() or "en"
    conn.execute(sa.text("UPDATE interview SET lang = :lang WHERE lang IS NULL"), {"lang": lang})


@migration
def m010_journal(conn: sa.Connection) -> None:
    """A journal of the changes recorded, newest last, for ``followup undo``."""
    meta = sa.MetaData()
    sa.Table(
        "journal",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("interview_id", sa.Integer, nullable=False, index=True),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("summary", sa.String, nullable=False),
        sa.Column("data", sa.String, nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
    )
    meta.create_all(conn)


@migration
def m011_application_id(conn: sa.Connection) -> None:
    """Mark an SQLite store as followup's with ``PRAGMA application_id``, so that a file of
    another program is told apart and left untouched. Nothing to do on a database server."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA application_id = 1179602005")  # 0x464F4C55, "FOLU"


@migration
def m012_messages(conn: sa.Connection) -> None:
    """The emails followup wrote, by Message-ID (``send``, ``draft --eml``), so that
    ``followup inbox`` knows a reply to one; and the Message-IDs ``inbox`` has shown, so that
    no message is proposed twice."""
    meta = sa.MetaData()
    sa.Table("interview", meta, sa.Column("id", sa.Integer, primary_key=True))  # exists: skipped
    sa.Table(
        "message",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "interview_id",
            sa.Integer,
            sa.ForeignKey("interview.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("message_id", sa.String, nullable=False, index=True),
        sa.Column("recipients", sa.String, nullable=False),
        sa.Column("via", sa.String, nullable=False),
        sa.Column("at", _utc(), nullable=False),
    )
    sa.Table(
        "inbox_seen",
        meta,
        sa.Column("message_id", sa.String, primary_key=True),
        sa.Column("interview_id", sa.Integer),
        sa.Column("outcome", sa.String, nullable=False),
        sa.Column("seen_at", _utc(), nullable=False),
    )
    meta.create_all(conn)


# The interviews whose pending actions must be planned again: whatever writes to the store
# (followup's two writers, an import, an undo, the sqlite3 shell) fires these. After a
# write: the row's interview, before and after. Before an insert or an update: the
# interview of any row it may replace (INSERT OR REPLACE deletes a row without firing its
# DELETE trigger), by id, or by uid for an interview.
_PENDING_TRIGGERS = {
    "interview": (
        "NEW.id",
        "OLD.id",
        "SELECT id FROM interview WHERE id = NEW.id OR uid = NEW.uid",
    ),
    "event": (
        "NEW.interview_id",
        "OLD.interview_id",
        "SELECT interview_id FROM event WHERE id = NEW.id",
    ),
}


@migration
def m013_pending(conn: sa.Connection) -> None:
    """The morning list kept ready (``pending_action``), with what it was planned with
    (``pending_basis``) and what changed since (``pending_dirty``, filled by triggers on
    SQLite, the only store ``due`` reads this way). Every open interview starts out of date."""
    meta = sa.MetaData()
    times = [("opens", False), ("deadline", True), ("until", True)]
    sa.Table(
        "pending_action",
        meta,
        sa.Column("interview_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("action", sa.String, nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        *(sa.Column(name, sa.BigInteger, nullable=nullable) for name, nullable in times),
        # each state's rows in their order, read from the index alone (store/pending.py)
        sa.Index(
            "ix_pending_action_deadline",
            *("deadline", "interview_id", "seq", "opens", "action", "number", "until"),
        ),
        sa.Index(
            "ix_pending_action_opens",
            *("opens", "interview_id", "seq", "deadline", "action", "number", "until"),
        ),
    )
    sa.Table(
        "pending_dirty",
        meta,
        sa.Column("interview_id", sa.Integer, primary_key=True, autoincrement=False),
    )
    sa.Table("pending_basis", meta, sa.Column("basis", sa.String, primary_key=True))
    meta.create_all(conn)
    if conn.dialect.name != "sqlite":
        return
    mark = "INSERT OR IGNORE INTO pending_dirty (interview_id)"
    for table, (new, old, replaced) in _PENDING_TRIGGERS.items():
        for event, marks in (("INSERT", [new]), ("UPDATE", [new, old]), ("DELETE", [old])):
            body = " ".join(f"{mark} VALUES ({m});" for m in marks)
            conn.exec_driver_sql(
                f"CREATE TRIGGER pending_{table}_{event.lower()} AFTER {event} ON {table} "
                f"BEGIN {body} END"
            )
        for event in ("INSERT", "UPDATE"):
            conn.exec_driver_sql(
                f"CREATE TRIGGER pending_{table}_{event.lower()}_replacing BEFORE {event} "
                f"ON {table} BEGIN {mark} {replaced}; END"
            )
    conn.exec_driver_sql(
        "INSERT OR IGNORE INTO pending_dirty (interview_id) SELECT id FROM interview "
        "WHERE active = 1"
    )
