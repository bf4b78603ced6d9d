"""What only PostgreSQL has: one history for two machines, a history moved over from SQLite,
the server's own failures. (test_store, test_cli and test_transfer run on PostgreSQL too.)

They use the server at FOLLOWUP_TEST_POSTGRES_URL=postgresql+psycopg://USER:PASS@127.0.0.1/DB,
or else one that conftest starts for the session (docs/development.md, "Running the tests").
With FOLLOWUP_REQUIRE_POSTGRES=1 (as CI sets) a missing server fails instead of skipping.
Each test starts from an empty schema.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from conftest import Backend

from followup.store import WRITER_LOCK


@pytest.fixture
def pg(tmp_path, monkeypatch, postgres_url) -> Iterator[Backend]:
    chosen = Backend("postgresql", tmp_path, monkeypatch, postgres_url)
    yield chosen
    chosen.close()


def test_the_daily_commands_against_postgresql(ok, run, pg):
    ok("profile", "--name", "Li Wei", "--email", "li@example.com", "--timezone", "Asia/Shanghai")
    ident = str(
        ok(
            "add",
            "-c",
            "华为",
            "-r",
            "客服专员",
            "--at",
            "2026-11-20 10:00",
            "--lang",
            "zh",
            "--contact",
            "王芳 <w@example.cn>",
            "--json",
        ).json()["id"]
    )
    assert ok("path").stdout.strip().startswith("postgresql+psycopg://")
    due = ok("due", "--on", "2026-11-21 09:00", "--json").json()
    assert {(d["action"], d["state"]) for d in due} == {("reflect", "due"), ("thanks", "due")}
    ok("done", "thanks", ident, "--at", "2026-11-20 18:00")
    ok("reflect", ident, "-q", "为什么选择客服？", "-a", "喜欢帮人", "--improve", "多举例子")
    ok("result", ident, "invited", "--at", "2026-11-21 09:00")
    shown = ok("show", ident, "--json").json()
    assert shown["status"] == "invited" and shown["at"] == "2026-11-20T10:00:00+08:00"
    assert [p["action"] for p in shown["pending"]] == ["reply"]
    assert "尊敬的王芳" in ok("draft", "decline", ident, "--json").json()[0]["body"]
    assert ok("lessons", "--json").json()["improve"][0]["improve"] == "多举例子"
    assert ok("stats", "--on", "2026-11-22 09:00", "--json").json()["interviews"] == 1
    ok("edit", ident, "--role", "客服主管")
    assert ok("list", "--json").json()[0]["role"] == "客服主管"
    ok("rm", ident, "--yes")
    assert ok("list", "--all", "--json").json() == []
    assert run("show", ident).exit_code == 1


def test_two_machines_with_one_url_see_one_history(ok, pg, tmp_path, monkeypatch):
    monkeypatch.setenv("FOLLOWUP_HOME", str(tmp_path / "laptop"))
    ok("add", "-c", "Acme", "-r", "Dev", "--at", "2026-11-20 10:00")
    monkeypatch.setenv("FOLLOWUP_HOME", str(tmp_path / "desktop"))
    assert [i["company"] for i in ok("list", "--json").json()] == ["Acme"]


def test_a_sqlite_history_moves_to_postgresql(ok, pg, tmp_path, monkeypatch):
    monkeypatch.delenv("FOLLOWUP_DATABASE_URL")
    ok("profile", "--timezone", "Asia/Kolkata")
    ok(
        "add",
        "-c",
        "टाटा",
        "-r",
        "ग्राहक सेवा",
        "--at",
        "2026-11-18 11:00",
        "--contact",
        "Priya <p@example.in>",
    )
    ok("done", "thanks", "1", "--at", "2026-11-18 17:00")
    ok("reflect", "1", "--improve", "छोटे जवाब")
    ok("result", "1", "rejected", "--at", "2026-11-21 10:00")
    exported = tmp_path / "history.json"
    ok("export", "-o", str(exported))
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", pg.url)
    ok("import", str(exported))
    again = json.loads(ok("export").stdout)
    first = json.loads(exported.read_text())
    for document in (first, again):
        document.pop("exported_at")
    assert again == first
    assert "0 interviews; 1 already" in ok("import", str(exported)).stderr


def test_a_database_of_another_program_is_left_untouched(run, pg):
    engine = sa.create_engine(pg.url)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE photos (id serial PRIMARY KEY, path text)")
        conn.exec_driver_sql("INSERT INTO photos (path) VALUES ('a.jpg')")
    engine.dispose()
    result = run("add", "-c", "Acme", "-r", "Dev")
    assert result.exit_code == 1
    assert "is a database of another program (it holds photos)" in result.stderr
    assert pg.rows("SELECT path FROM photos") == [("a.jpg",)]
    tables = pg.rows(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
    )
    assert tables == [("photos",)]


@pytest.mark.parametrize("timeout", ["0.2", "0"])
def test_a_writer_that_cannot_get_the_lock_in_time_changes_nothing(
    ok, run, pg, monkeypatch, timeout
):
    ok("add", "-c", "Acme", "-r", "Dev", "--at", "2026-11-20 10:00")
    monkeypatch.setenv("FOLLOWUP_BUSY_TIMEOUT", timeout)  # 0: fail at once, as on SQLite
    engine = sa.create_engine(pg.url)
    with engine.connect() as holder:  # what another machine's `followup add` holds meanwhile
        holder.exec_driver_sql("SELECT " + WRITER_LOCK.format(function="pg_advisory_lock"))
        try:  # in a process of its own: a writer that waited for ever would fail the test
            out = subprocess.run(
                [sys.executable, "-m", "followup", "add", "-c", "Other", "-r", "Dev"],
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert ok("list", "--json").json()[0]["company"] == "Acme"  # readers never wait
        finally:
            holder.exec_driver_sql("SELECT " + WRITER_LOCK.format(function="pg_advisory_unlock"))
    engine.dispose()
    assert out.returncode == 1, out
    assert out.stderr.startswith("Error: the store at postgresql+psycopg://")
    assert "is locked by another program; try again in a moment" in out.stderr
    assert [i["company"] for i in ok("list", "--json").json()] == ["Acme"]


def test_stores_in_two_schemas_do_not_wait_for_each_other(ok, pg, monkeypatch):
    engine = sa.create_engine(pg.url)
    with engine.connect() as holder:  # a writer busy on the first store
        holder.exec_driver_sql("SELECT " + WRITER_LOCK.format(function="pg_advisory_lock"))
        pg.use("second")
        monkeypatch.setenv("FOLLOWUP_BUSY_TIMEOUT", "0.2")
        ok("add", "-c", "Acme", "-r", "Dev")
        holder.exec_driver_sql("SELECT " + WRITER_LOCK.format(function="pg_advisory_unlock"))
    engine.dispose()


def test_a_read_only_open_never_creates_or_upgrades_the_store(ok, pg):
    from followup import config
    from followup.errors import StoreError
    from followup.store import Store

    with pytest.raises(StoreError, match="is not up to date; nothing was changed"):
        Store.open(config.store_path(), config.database_url(), upgrade=False)
    tables = "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
    assert pg.rows(tables) == [(0,)]
    ok("add", "-c", "Acme", "-r", "Dev")
    store = Store.open(config.store_path(), config.database_url(), upgrade=False)
    try:
        assert [i.company for i in store.interviews()] == ["Acme"]
    finally:
        store.close()


def test_backup_is_for_sqlite_and_says_to_export_instead(run, pg):
    result = run("backup")
    assert result.exit_code == 1
    assert "backup copies an SQLite store; for another database use `followup export`" in (
        result.stderr
    )


# -- the server's failures need no server --------------------------------------------------------


def test_a_server_that_does_not_answer_is_one_error_line_without_the_password(run, monkeypatch):
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", "postgresql+psycopg://me:secret@127.0.0.1:1/db")
    result = run("list")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: cannot connect to the database at postgresql+psycopg://me:***@127.0.0.1:1/db"
    ), result
    assert "Check FOLLOWUP_DATABASE_URL" in result.stderr
    assert result.stderr.count("\n") == 1 and "secret" not in result.stderr


def test_a_password_in_the_query_of_the_url_is_not_shown_in_an_error(run, monkeypatch):
    monkeypatch.setenv(
        "FOLLOWUP_DATABASE_URL", "postgresql+psycopg://me@127.0.0.1:1/db?password=secret"
    )
    result = run("list")
    assert result.exit_code == 1
    assert "password=***" in result.stderr and "secret" not in result.stderr, result


def test_a_server_that_never_answers_is_given_up(monkeypatch):
    listener = socket.socket()  # accepts the connection, then says nothing
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    port = listener.getsockname()[1]
    monkeypatch.delenv("PGCONNECT_TIMEOUT", raising=False)
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", f"postgresql+psycopg://me@127.0.0.1:{port}/db")
    try:  # without followup's own connection timeout this would wait for ever
        out = subprocess.run(
            [sys.executable, "-m", "followup", "list"], capture_output=True, text=True, timeout=120
        )
    finally:
        listener.close()
    assert out.returncode == 1
    assert out.stderr.startswith(
        f"Error: cannot connect to the database at postgresql+psycopg://me@127.0.0.1:{port}/db "
        "(connection timeout expired)."
    ), out.stderr


@pytest.mark.parametrize(
    "url, message",
    [
        ("postgresql+nosuchdriver://me:secret@h/db", "Can't load plugin"),
        ("not a url", "Could not parse"),
    ],
)
def test_a_database_url_that_cannot_be_used_is_explained(run, monkeypatch, url, message):
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", url)
    result = run("due")
    assert result.exit_code == 1 and message in result.stderr, result
    assert result.stderr.startswith("Error: cannot use the database URL")
    assert "secret" not in result.stderr


def test_a_missing_driver_says_which_extra_to_install(run, monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if `followup[postgres]` were absent
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", "postgresql+psycopg://me:secret@h/db")
    result = run("due")
    assert result.exit_code == 1, result
    assert "pip install 'followup[postgres]'" in result.stderr and "secret" not in result.stderr
