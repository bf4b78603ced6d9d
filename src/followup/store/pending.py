"""The morning list kept ready in an SQLite store, so that ``due`` reads the rows it shows.

``pending_action`` (m013) holds each open interview's planned actions (:func:`rules.plan`),
their times in microseconds since 1970 UTC. Triggers on ``interview`` and ``event`` add every
interview a write touches to ``pending_dirty``, whichever program writes (followup's two
writers, an import, an undo, the ``sqlite3`` shell). Before reading, :func:`refresh` plans
those interviews again, or every open one when the basis changed (followup's version, the
rule settings, the user's zone): a write stays as fast as before, and the first ``due``
after it pays for what changed.

What is due at a moment is then read state by state (overdue, due, upcoming), each in the
order of :func:`rules.due` and only as far as the rows wanted, written in SQL over the stored
times, and counted in one more query.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterable
from datetime import datetime, timezone, tzinfo

from followup import __version__, rules, zones
from followup.records import DueRow, micros

# The triggers m013 made on interview and event: after each insert, update and delete, and
# before an insert or update that may replace another row.
TRIGGERS = tuple(
    f"pending_{table}_{event}"
    for table in ("interview", "event")
    for event in ("insert", "update", "delete", "insert_replacing", "update_replacing")
)
CHUNK = 500  # ids per IN (...) list, well under SQLite's limit on parameters
WAIT_MS = 250  # how long due waits for another writer before it runs the rules instead

# Each state of rules.Action.state as SQL over the stored times, most urgent first, and the
# order rules.due gives its rows (m013's two indexes hold the first and the last orders).
_LIVE = "(until IS NULL OR :now < until)"  # rules.visible
# records.kind_of in SQL: the action and its number as one column of a small integer.
_KIND = (
    f"(number - 1) * {len(rules.ACTIONS)} + CASE action "
    + " ".join(f"WHEN '{action}' THEN {index}" for index, action in enumerate(rules.ACTIONS))
    + " END"
)
_NOT_OVERDUE = "(deadline IS NULL OR deadline >= :now)"
STATES = {
    "overdue": ("deadline < :now", "deadline"),
    "due": (f"opens <= :now AND {_NOT_OVERDUE}", "coalesce(deadline, opens)"),
    "upcoming": (f"opens > :now AND {_NOT_OVERDUE} AND opens < :horizon", "opens"),
}


def basis(settings: rules.Settings, tz: tzinfo) -> str | None:
    """What the stored plans depend on besides the interviews, or None for a zone that
    cannot be named (dateutil's reading of the system's clock), which is never kept."""
    if not (getattr(tz, "key", None) or isinstance(tz, (timezone, zones.PosixZone))):
        return None
    return f"followup {__version__}; {settings!r}; {tz!r}"


def plan_rows(
    interviews: Iterable[tuple[int, rules.Facts]], tz: tzinfo, settings: rules.Settings
) -> list[tuple[int, int, str, int, int, int | None, int | None]]:
    """The ``pending_action`` rows of these interviews."""
    rows = []
    for interview_id, facts in interviews:
        for seq, action in enumerate(rules.plan(facts, tz, settings).pending):
            gone = rules.gone_at(action)
            rows.append(
                (
                    interview_id,
                    seq,
                    action.action,
                    action.number,
                    micros(action.opens),
                    None if action.deadline is None else micros(action.deadline),
                    None if gone is None else micros(gone),
                )
            )
    return rows


def refresh(
    conn: sqlite3.Connection,
    load: Callable[[list[int] | None], Iterable[tuple[int, rules.Facts]]],
    settings: rules.Settings,
    tz: tzinfo,
) -> bool:
    """Bring ``pending_action`` up to date; False when it cannot be (a zone without a name,
    a store opened read-only, the write lock held by another program), and the caller runs
    the rules itself. ``load(ids)`` gives the facts of the open interviews among
    ``ids`` (every open one for None)."""
    wanted = basis(settings, tz)
    if wanted is None:
        return False
    try:
        if not watched(conn):
            return False
        if current(conn, wanted):
            return True
        if not _begin(conn):
            return False
    except sqlite3.Error:
        return False
    try:
        ids: list[int] | None = None
        if conn.execute("SELECT basis FROM pending_basis").fetchall() == [(wanted,)]:
            ids = [row[0] for row in conn.execute("SELECT interview_id FROM pending_dirty")]
            for start in range(0, len(ids), CHUNK):
                chunk = ids[start : start + CHUNK]
                marks = ",".join("?" * len(chunk))
                conn.execute(f"DELETE FROM pending_action WHERE interview_id IN ({marks})", chunk)
        else:
            conn.execute("DELETE FROM pending_action")
        conn.executemany(
            "INSERT INTO pending_action VALUES (?, ?, ?, ?, ?, ?, ?)",
            plan_rows(load(ids), tz, settings),
        )
        conn.execute("DELETE FROM pending_dirty")
        conn.execute("DELETE FROM pending_basis")
        conn.execute("INSERT INTO pending_basis VALUES (?)", (wanted,))
        conn.execute("COMMIT")
    except BaseException as error:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        if isinstance(error, sqlite3.Error):
            return False
        raise
    return True


def _begin(conn: sqlite3.Connection) -> bool:
    """Take the write lock to plan again, waiting for another writer at most ``WAIT_MS``:
    a reader never waits on a long write (an import) to keep its list, it runs the rules."""
    waited = conn.execute("PRAGMA busy_timeout").fetchone()[0]
    conn.execute(f"PRAGMA busy_timeout = {min(WAIT_MS, waited)}")
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:
        return False
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(waited)}")
    return True


def forget(conn: sqlite3.Connection) -> None:
    """Have the next :func:`refresh` plan every interview again (if the store can be
    written to now; else a later one will)."""
    with contextlib.suppress(sqlite3.Error):
        if _begin(conn):
            conn.execute("DELETE FROM pending_basis")
            conn.execute("COMMIT")


def current(conn: sqlite3.Connection, wanted: str) -> bool:
    """Whether ``pending_action`` holds every interview's plan made on ``wanted``."""
    return (
        conn.execute("SELECT basis FROM pending_basis").fetchall() == [(wanted,)]
        and conn.execute("SELECT 1 FROM pending_dirty LIMIT 1").fetchone() is None
    )


def watched(conn: sqlite3.Connection) -> bool:
    """Whether every trigger that marks a write is in place: without one (dropped by hand,
    a damaged copy) a change could go unseen, and the kept list is not to be trusted."""
    found = conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN "
        f"({','.join('?' * len(TRIGGERS))})",
        TRIGGERS,
    ).fetchone()[0]
    return bool(found == len(TRIGGERS))


def due(
    conn: sqlite3.Connection, now: datetime, horizon: datetime, limit: int | None
) -> tuple[dict[str, list[DueRow]], dict[str, int]]:
    """The morning list at ``now`` as :func:`rules.due` gives it (what opens before
    ``horizon`` included): the first ``limit`` rows (all for None) of each state, and how many
    rows each state has in all. Read from an up-to-date ``pending_action`` (see
    :func:`refresh`): the most urgent state first, each read in its order only as far as the
    rows wanted, as the plain tuples of :data:`followup.records.DueRow` (a pipe may print
    every one of them)."""
    values = {"now": micros(now), "horizon": micros(horizon)}
    rows: dict[str, list[DueRow]] = {}
    left = limit
    for state, (where, order) in STATES.items():
        rows[state] = []
        if left != 0:
            rows[state] = conn.execute(
                f"SELECT interview_id, {_KIND}, opens, deadline FROM pending_action "
                f"WHERE {_LIVE} AND {where} ORDER BY {order}, interview_id, seq LIMIT :left",
                {**values, "left": -1 if left is None else left},
            ).fetchall()
        if left is not None:
            left -= len(rows[state])
    totals = {state: len(listed) for state, listed in rows.items()}
    if limit is not None:  # the rows shown are not all: count them in the index
        counts = ", ".join(f"coalesce(sum({where}), 0)" for where, _order in STATES.values())
        found = conn.execute(f"SELECT {counts} FROM pending_action WHERE {_LIVE}", values)
        totals = dict(zip(STATES, found.fetchone(), strict=True))
    return rows, totals
