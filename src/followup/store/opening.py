"""Opening a store: the engine, its transactions, its migrations, and its failures in words.

Opening a store creates it when missing (folder 0700, file 0600), switches SQLite to WAL with
a busy timeout so a cron job and a person can write at once, and runs pending migrations.
Every database or file-system failure leaves here as a :class:`StoreError` with a message a
person can act on; nothing is deleted or recreated on its own.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import event as sa_event
from sqlalchemy import exc as sa_exc
from sqlmodel import Session, SQLModel

from followup import dates, models
from followup.errors import StoreError
from followup.i18n import _
from followup.store.migrations import MIGRATIONS
from followup.store.sqlite_reader import (
    APPLICATION_ID,
    busy_timeout_s,
    explain,
    read_only_uri,
    writable,
)

CONNECT_TIMEOUT = 10  # seconds to reach a database server
# PostgreSQL's advisory lock for writers: followup's key, and the schema's, so stores kept in
# different schemas of one database never wait for each other.
WRITER_LOCK = "{function}(1718578284, hashtext(current_schema()))"

S = TypeVar("S", bound="Base")


def check_dates(table: str, values: dict[str, Any]) -> None:
    """Refuse a time or day outside the years the commands accept (:func:`dates.in_range`):
    the store's own guard, whatever path a value took to get here, so every store can be read,
    exported and imported back."""
    for name, value in values.items():
        if isinstance(value, date) and not dates.in_range(value):
            raise StoreError(
                _(
                    "{table} {name}: {value} is not between the years {first} and {last}; "
                    "nothing was changed."
                ).format(
                    table=table,
                    name=name,
                    value=value.isoformat(),
                    first=dates.FIRST_YEAR,
                    last=dates.LAST_YEAR,
                )
            )


@sa_event.listens_for(Session, "before_flush")
def _dates_in_range(session: Session, _context: Any, _instances: Any) -> None:
    for row in (*session.new, *session.dirty):
        table = getattr(row, "__table__", None)
        if table is not None:
            check_dates(table.name, {c.name: getattr(row, c.name, None) for c in table.columns})


class Base:
    """An open store: its engine, sessions on it, and every failure turned into StoreError.

    :class:`followup.store.Store` adds what is kept in it.
    """

    def __init__(self, url: str, *, path: Path | None = None, upgrade: bool = True) -> None:
        self.url = url
        self.path = path
        self.engine = self._engine()
        self.writer = self.engine.execution_options(write=True)
        try:
            with self._guard():
                self._migrate(upgrade=upgrade)
        except BaseException:
            self.engine.dispose()  # a store that cannot open keeps no connection behind
            raise

    @classmethod
    def open(cls: type[S], path: Path, url: str | None = None, *, upgrade: bool = True) -> S:
        """Open (and create, and upgrade) the store. ``upgrade=False`` only reads: a database
        server's store that is missing or not up to date raises StoreError, untouched."""
        if url:
            return cls(url, upgrade=upgrade)
        _prepare_file(path)
        if not writable(path):  # reads are served; a write says it cannot write
            return cls(f"sqlite:///{read_only_uri(path)}&uri=true", path=path, upgrade=False)
        return cls(f"sqlite:///{path}", path=path)

    @property
    def where(self) -> str:
        if self.path is not None:
            return str(self.path)
        return describe_url(self.url)

    # -- engine and failures ------------------------------------------------------------

    def _engine(self) -> sa.Engine:
        try:
            engine = sa.create_engine(self.url, connect_args=_connect_args(self.url))
        except (sa_exc.ArgumentError, sa_exc.NoSuchModuleError, ImportError) as error:
            message = _("cannot use the database URL {url}: {error}")
            if self.url.startswith("postgres"):
                message = _(
                    "cannot use the database URL {url}: {error}; write it as "
                    "postgresql+psycopg://USER@HOST/DB and install the driver with "
                    "pip install 'followup[postgres]'"
                )
            raise StoreError(message.format(url=describe_url(self.url), error=error)) from None
        except ValueError as error:  # a URL that does not parse: a port "1:1", a lone "["
            raise _unreadable_url(error) from None
        if engine.dialect.name == "sqlite":

            @sa_event.listens_for(engine, "connect")
            def _on_connect(dbapi_connection: Any, _record: Any) -> None:
                # Let SQLAlchemy's begin event decide how transactions start (see below).
                dbapi_connection.isolation_level = None
                cursor = dbapi_connection.cursor()
                cursor.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
                cursor.execute("PRAGMA foreign_keys = ON")
                cursor.close()

            @sa_event.listens_for(engine, "begin")
            def _on_begin(conn: sa.Connection) -> None:
                # A writer takes the write lock at the start, so two writers queue on the busy
                # timeout instead of failing with "database is locked" when one upgrades from
                # reading. Readers never wait: WAL lets them read while another writes.
                write = conn.get_execution_options().get("write", False)
                conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        elif engine.dialect.name == "postgresql":

            @sa_event.listens_for(engine, "begin")
            def _on_begin_server(conn: sa.Connection) -> None:
                # Writers take one transaction-wide lock, as SQLite's BEGIN IMMEDIATE does: two
                # machines adding at once get distinct ids, and two first opens of an empty
                # database run each migration once. Readers never wait. The wait is bounded
                # like SQLite's busy timeout.
                if conn.get_execution_options().get("write", False):
                    # lock_timeout 0 would mean "wait for ever": wait at least 1 ms
                    conn.exec_driver_sql(f"SET LOCAL lock_timeout = {max(1, busy_timeout_ms())}")
                    lock = WRITER_LOCK.format(function="pg_advisory_xact_lock")
                    conn.exec_driver_sql(f"SELECT {lock}")

        return engine

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except sa_exc.DBAPIError as error:
            raise StoreError(self._explain(str(error.orig))) from None
        except sa_exc.SQLAlchemyError as error:
            raise StoreError(
                _("the store at {where} failed: {message}").format(where=self.where, message=error)
            ) from None
        except OSError as error:
            raise StoreError(
                _("cannot use the store at {where}: {reason}").format(
                    where=self.where, reason=error.strerror or error
                )
            ) from None
        except (ValueError, OverflowError) as error:  # a stored value that does not read back
            problem = _("a value it cannot read: {error}").format(error=error)
            raise StoreError(self._damaged(problem)) from None

    def _explain(self, message: str) -> str:
        return explain(message, self.where)

    def _migrate(self, *, upgrade: bool = True) -> None:
        table = models.Migration.__table__  # type: ignore[attr-defined]
        with self.engine.connect() as conn:
            # One look at the tables: on a server another process may create them between two
            # looks, and half a picture would take our own store for another program's. On
            # PostgreSQL only the schema the store lives in (the lock's) counts, not every
            # schema on the search path.
            schema = None
            if conn.dialect.name == "postgresql":
                schema = conn.exec_driver_sql("SELECT current_schema()").scalar()
            inspector = sa.inspect(conn)
            names = inspector.get_table_names(schema=schema)
            exists = table.name in names
            foreign = (
                ""
                if exists or not names
                else _("it holds {tables}").format(tables=", ".join(names[:5]))
            )
            if not foreign and conn.dialect.name == "sqlite":
                foreign = _foreign(conn, inspector, names)
            if not foreign and exists:
                foreign = _foreign_log(inspector)
            logged = (
                list(conn.execute(sa.select(table.c.name)).scalars())
                if exists and not foreign
                else []
            )
            if not foreign and exists and not set(logged) & {n for n, _ in MIGRATIONS}:
                foreign = _("its migration table lists no followup migration")
            done = set(logged)
            if conn.dialect.name == "sqlite" and not foreign:
                problem = _damage(conn, inspector, names, logged)
                if problem:
                    raise StoreError(self._damaged(problem))
        if foreign:
            raise StoreError(
                _(
                    "{where} is a database of another program ({reason}), not a followup "
                    "store. It was left as it is: set FOLLOWUP_HOME to another folder."
                ).format(where=self.where, reason=foreign)
            )
        if all(name in done for name, _ in MIGRATIONS):
            if self.engine.dialect.name == "sqlite" and upgrade:
                self._use_wal()
            return
        if not upgrade:
            if self.path is not None:  # opened read-only: it cannot be upgraded
                raise StoreError(
                    _(
                        "the store at {where} is not up to date, and it cannot be written to "
                        "bring it up to date; nothing was changed."
                    ).format(where=self.where)
                )
            raise StoreError(
                _("the store at {where} is not up to date; nothing was changed.").format(
                    where=self.where
                )
            )
        if self.engine.dialect.name == "sqlite":
            self._use_wal()
        for name, migrate in MIGRATIONS:
            if name in done:
                continue
            with self.writer.begin() as conn:  # one transaction per migration
                table.create(conn, checkfirst=True)
                already = conn.execute(sa.select(table.c.name).where(table.c.name == name)).first()
                if already is None:  # another process may have run it meanwhile
                    migrate(conn)
                    conn.execute(table.insert().values(name=name, applied_at=_now()))

    def _damaged(self, problem: str) -> str:
        return _(
            "the store at {where} is damaged ({problem}); it was left exactly as it is. "
            "Keep a copy (`followup backup` or cp), then recover what it holds with "
            "{command}, or restore a backup."
        ).format(
            where=self.where,
            problem=problem,
            command=f"`sqlite3 {self.where} .recover | sqlite3 recovered.db`",
        )

    def _use_wal(self) -> None:
        """Write-ahead logging lets readers read while one writer writes; it stays on once set."""
        raw = self.engine.raw_connection()
        try:
            cursor = raw.cursor()
            if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                cursor.execute("PRAGMA journal_mode = WAL")
            cursor.close()
        except self.engine.dialect.dbapi.Error as error:  # type: ignore[union-attr]
            # the driver's own error (no SQLAlchemy around a raw cursor): another program
            # holding the store, most likely
            raise StoreError(self._explain(str(error))) from None
        finally:
            raw.close()

    @contextlib.contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        bind = self.writer if write else self.engine
        with self._guard(), Session(bind, expire_on_commit=False) as session:
            yield session

    def migrations(self) -> list[str]:
        table = models.Migration.__table__  # type: ignore[attr-defined]
        with self._guard(), self.engine.connect() as conn:
            return list(conn.execute(sa.select(table.c.name).order_by(table.c.name)).scalars())

    def close(self) -> None:
        self.engine.dispose()


def _foreign(conn: sa.Connection, inspector: Any, names: list[str]) -> str:
    """Why an SQLite file is another program's, or "" when it may be followup's: marked with
    followup's application_id, new and empty, or an older followup store (unmarked, holding
    only followup's tables)."""
    mark = conn.exec_driver_sql("PRAGMA application_id").scalar()
    if mark == APPLICATION_ID:
        return ""
    if mark:
        return _("its application_id is {mark}, not followup's {ours}").format(
            mark=f"{mark:#x}", ours=f"{APPLICATION_ID:#x}"
        )
    version = conn.exec_driver_sql("PRAGMA user_version").scalar()
    if version:
        return _("its user_version is {version}; followup sets none").format(version=version)
    strangers = [n for n in names if n not in SQLModel.metadata.tables]
    if strangers:
        return _("it holds {tables}").format(tables=", ".join(strangers[:5]))
    return ""


def _foreign_log(inspector: Any) -> str:
    """Why a ``migration`` table is not followup's, or ""."""
    columns = {c["name"] for c in inspector.get_columns(models.Migration.__tablename__)}
    if columns != {"name", "applied_at"}:
        return _("its migration table has the columns {columns}").format(
            columns=", ".join(sorted(columns))
        )
    return ""


def _damage(conn: sa.Connection, inspector: Any, names: list[str], logged: list[str]) -> str:
    """Why an SQLite store must not be written to, or "" when it is sound: a damaged page,
    or tables that do not match what its migration log says was applied (a change half
    made by another program, a log edited by hand)."""
    checked = [row[0] for row in conn.exec_driver_sql("PRAGMA quick_check").fetchall()]
    if checked != ["ok"]:
        return f"PRAGMA quick_check: {'; '.join(str(c) for c in checked[:3])}"
    order = [name for name, _ in MIGRATIONS]
    if len(set(logged)) != len(logged):
        return _("its migration log names a migration twice")
    unknown = [name for name in logged if name not in order]
    if unknown:
        return _("its migration log names {name}, which this followup does not know").format(
            name=unknown[0]
        )
    if not logged:
        ours = [n for n in names if n in SQLModel.metadata.tables]
        return (
            _("it holds followup's tables ({tables}) but no migration log").format(
                tables=", ".join(ours[:3])
            )
            if ours
            else ""
        )
    expected_schema = (
        {t.name: {c.name for c in t.columns} for t in SQLModel.metadata.sorted_tables}
        if len(logged) == len(order)
        else _schema_after(logged)  # an older store: what its migrations made
    )
    if expected_schema is None:
        return "its migration log lacks a migration that the others build on"
    for table_name, expected in expected_schema.items():
        if table_name not in names:
            return f"the table {table_name} is missing"
        stored = {c["name"] for c in inspector.get_columns(table_name)}
        if stored != expected:
            missing = sorted(expected - stored) or sorted(stored - expected)
            return (
                f"the table {table_name} does not have the columns its migrations made "
                f"({', '.join(missing)})"
            )
    return ""


def _schema_after(logged: list[str]) -> dict[str, set[str]] | None:
    """The tables and columns the logged migrations make, run on an empty database; None
    when they cannot run without one that is not logged."""
    engine = sa.create_engine("sqlite://")
    try:
        with engine.begin() as conn:
            for name, migrate in MIGRATIONS:
                if name in logged:
                    migrate(conn)
            inspector = sa.inspect(conn)
            return {
                t: {c["name"] for c in inspector.get_columns(t)}
                for t in inspector.get_table_names()
            }
    except sa_exc.SQLAlchemyError:
        return None
    finally:
        engine.dispose()


def _connect_args(url: str) -> dict[str, Any]:
    """A server that does not answer is given up after CONNECT_TIMEOUT seconds, unless the URL
    (``?connect_timeout=``) or ``PGCONNECT_TIMEOUT`` says otherwise."""
    try:
        parsed = sa.make_url(url)
    except sa_exc.ArgumentError:
        return {}  # create_engine reports it
    if parsed.get_backend_name() != "postgresql" or "connect_timeout" in parsed.query:
        return {}
    if os.environ.get("PGCONNECT_TIMEOUT"):
        return {}
    return {"connect_timeout": CONNECT_TIMEOUT}


_SECRET_QUERY = re.compile(r"([?&](?:password|pass|pwd)=)[^&]*", re.I)


def describe_url(url: str, *, strict: bool = False) -> str:
    """The URL with its password hidden, in the user-info and in the query (``?password=``),
    for messages and ``followup path``; a URL that does not parse is described as such, or
    with ``strict`` refused."""
    try:
        shown = sa.make_url(url).render_as_string(hide_password=True)
    except (sa_exc.ArgumentError, ValueError) as error:  # ValueError: a port that is no number
        if strict:
            raise _unreadable_url(error) from None
        return _("(an unreadable database URL)")
    return _SECRET_QUERY.sub(r"\1***", shown)


def busy_timeout_ms() -> int:
    return int(busy_timeout_s() * 1000)


def utc(moment: datetime | None) -> datetime | None:
    """A time read back from the database as an aware UTC datetime."""
    if moment is None:
        return None
    if moment.tzinfo is None:  # SQLite hands back naive UTC through some paths
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _prepare_file(path: Path) -> None:
    """Create the store's folder (0700) and an empty file (0600) when they are missing."""
    try:
        if path.is_dir():
            raise StoreError(
                _("{path} is a folder, not a store; set FOLLOWUP_HOME to another folder.").format(
                    path=path
                )
            )
        if path.is_symlink() and not path.exists():  # a link to a store yet to be made
            try:
                path = path.resolve()
            except RuntimeError:  # a loop of links (Python before 3.13)
                raise StoreError(
                    _("{path} is a loop of symbolic links, not a store.").format(path=path)
                ) from None
        if not path.parent.exists():
            path.parent.mkdir(parents=True, mode=0o700, exist_ok=True)
            os.chmod(path.parent, 0o700)
        if not path.exists():
            try:  # O_EXCL: never through a link (SQLite would make it with the umask's mode)
                fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            except FileExistsError:
                return  # another process created it first
            os.close(fd)
    except StoreError:
        raise
    except OSError as error:
        raise StoreError(
            _(
                "cannot create the store at {path}: {reason}. "
                "Set FOLLOWUP_HOME to a folder you can write."
            ).format(path=path, reason=error.strerror or error)
        ) from None


def _unreadable_url(error: Exception) -> StoreError:
    return StoreError(
        _(
            "FOLLOWUP_DATABASE_URL is not a database URL I can read ({error}); write it as "
            "postgresql+psycopg://USER@HOST/DB"
        ).format(error=error)
    )
