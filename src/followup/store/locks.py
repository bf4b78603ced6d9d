"""A lock of a store's own on one thing (an email being sent), apart from its write lock.

The write lock serialises transactions and must be held only briefly. This one is held
across them, for as long as something outside the store takes (an SMTP exchange), so two
followups doing the same thing take turns while every other writer goes on. A crash releases
it: on PostgreSQL it is a session advisory lock, ended with the connection; beside an SQLite
file it is a lock on ``.NAME.lock`` (``flock``, or ``msvcrt.locking`` on Windows), ended with
the process. The file stays (an empty 0600 file); it is never read.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from followup.errors import StoreError
from followup.i18n import _
from followup.store.opening import busy_timeout_ms
from followup.store.sqlite_reader import busy_timeout_s

# PostgreSQL: one bigint key for the topic in this schema (the writer lock uses two int keys,
# another key space).
_PG_LOCK = "hashtextextended(current_schema() || ' followup ' || :topic, 0)"


@contextlib.contextmanager
def held(engine: sa.Engine, path: Path | None, topic: str, where: str) -> Iterator[None]:
    """Hold the lock on ``topic`` (waiting up to the busy timeout) for the ``with`` body."""
    if engine.dialect.name == "postgresql":
        with _advisory(engine, topic, where):
            yield
        return
    if path is None and engine.url.database not in (None, "", ":memory:"):
        path = Path(str(engine.url.database))
    if path is None:  # an in-memory database: one process, nothing to share
        yield
        return
    with _file_lock(path.with_name(f".{path.name}.lock"), topic, where):
        yield


def _busy(topic: str, where: str) -> StoreError:
    # the topic keys the lock, so it stays English; people read it in their language
    if topic.startswith("interview "):
        topic = _("interview {id}").format(id=topic.removeprefix("interview "))
    return StoreError(
        _(
            "another followup is busy with {topic} in the store at {where}; try again in a moment."
        ).format(topic=topic, where=where)
    )


@contextlib.contextmanager
def _advisory(engine: sa.Engine, topic: str, where: str) -> Iterator[None]:
    conn = engine.connect()
    try:
        try:
            with conn.begin():  # the wait is bounded like a writer's; the setting ends with it
                conn.exec_driver_sql(f"SET LOCAL lock_timeout = {max(1, busy_timeout_ms())}")
                conn.execute(sa.text(f"SELECT pg_advisory_lock({_PG_LOCK})"), {"topic": topic})
        except sa_exc.OperationalError as error:
            if "lock timeout" in str(error.orig).lower():
                raise _busy(topic, where) from None
            raise
        try:
            yield
        finally:
            try:
                with conn.begin():
                    conn.execute(
                        sa.text(f"SELECT pg_advisory_unlock({_PG_LOCK})"), {"topic": topic}
                    )
            except sa_exc.SQLAlchemyError:
                conn.invalidate()  # the server ends the session, and the lock with it
    finally:
        conn.close()


@contextlib.contextmanager
def _file_lock(lock: Path, topic: str, where: str) -> Iterator[None]:
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except OSError as error:
        raise StoreError(
            _("cannot use the store at {where}: {path}: {reason}").format(
                where=where, path=lock, reason=error.strerror
            )
        ) from None
    try:
        deadline = time.monotonic() + busy_timeout_s()
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise _busy(topic, where)
            time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # releases the lock


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
