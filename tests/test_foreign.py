"""A file that is not ours stays untouched: followup marks its SQLite stores and refuses
every other non-empty file before its first write."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from datetime import datetime, timezone

import pytest

from followup import config
from followup.store import Store, migrations, opening
from followup.store.sqlite_reader import APPLICATION_ID, MIGRATION_NAMES

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc)


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make(path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def mark(path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA application_id").fetchone()[0]
    finally:
        conn.close()


FOREIGN = {
    "a migration table of another program": [
        "CREATE TABLE migration (id INTEGER PRIMARY KEY, version TEXT)",
        "INSERT INTO migration (version) VALUES ('2024.1')",
    ],
    "an empty migration table of another program": [
        "CREATE TABLE migration (id INTEGER PRIMARY KEY, version TEXT)",
    ],
    "a migration table like ours with other names": [
        "CREATE TABLE migration (name VARCHAR PRIMARY KEY, applied_at DATETIME)",
        "INSERT INTO migration VALUES ('0001_users', '2024-01-01')",
    ],
    "another program's interview table and log": [
        "CREATE TABLE migration (name VARCHAR PRIMARY KEY, applied_at DATETIME)",
        "CREATE TABLE interview (id INTEGER PRIMARY KEY, candidate TEXT)",
    ],
    "no tables but a user_version": ["PRAGMA user_version = 7"],
    "no tables but an application_id": ["PRAGMA application_id = 1234"],
    "foreign tables": ["CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT)"],
}


@pytest.mark.parametrize("statements", FOREIGN.values(), ids=FOREIGN.keys())
@pytest.mark.parametrize(
    "args", [["list"], ["due"], ["show", "1"], ["add", "-c", "A", "-r", "B"], ["export"]]
)
def test_a_file_of_another_program_is_refused_and_left_byte_for_byte(run, home, statements, args):
    home.mkdir()
    path = home / "followup.db"
    make(path, *statements)
    before = digest(path)
    result = run(*args)
    assert result.exit_code == 1, result
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"Error: {path} is a database of another program (")
    assert digest(path) == before
    assert sorted(p.name for p in home.iterdir()) == ["followup.db"]


def test_a_file_of_another_program_is_refused_by_the_fast_path_too(home):
    import subprocess
    import sys

    home.mkdir()
    path = home / "followup.db"
    names = ", ".join(f"('{n}', '2026-01-01')" for n in MIGRATION_NAMES)
    make(
        path,  # every name the fast path looks for, in a file that is not marked as ours
        "CREATE TABLE migration (name VARCHAR PRIMARY KEY, applied_at DATETIME)",
        f"INSERT INTO migration VALUES {names}",
        "CREATE TABLE photos (id INTEGER PRIMARY KEY)",
    )
    before = digest(path)
    for args in (["due"], ["list"], ["show", "1"]):
        done = subprocess.run(
            [sys.executable, "-c", "from followup.entry import main; main()", *args],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 1, done
        assert "is a database of another program (it holds photos)" in done.stderr
    assert digest(path) == before


def test_a_new_store_is_marked_as_followups(ok, home):
    ok("add", "-c", "Acme", "-r", "Dev")
    assert mark(home / "followup.db") == APPLICATION_ID == 0x464F4C55


def test_a_store_of_the_previous_version_is_marked_and_keeps_every_row(home, monkeypatch, ok):
    previous = [m for m in migrations.MIGRATIONS if m[0] != "m011_application_id"]
    monkeypatch.setattr(opening, "MIGRATIONS", previous)
    store = Store.open(config.store_path())
    for n in range(3):
        store.add(company=f"Acme {n}", role="Dev", at=NOW, now=NOW)
    store.record(1, "done", "thanks", NOW, now=NOW)
    store.close()
    path = home / "followup.db"
    assert mark(path) == 0
    monkeypatch.setattr(opening, "MIGRATIONS", migrations.MIGRATIONS)
    listed = ok("list", "--all", "--json").json()
    assert [i["company"] for i in listed] == ["Acme 0", "Acme 1", "Acme 2"]
    assert listed[0]["events"]
    assert mark(path) == APPLICATION_ID
    conn = sqlite3.connect(path)
    names = [r[0] for r in conn.execute("SELECT name FROM migration ORDER BY name")]
    conn.close()
    assert names == list(MIGRATION_NAMES)


def test_an_empty_file_becomes_a_store(ok, home):
    home.mkdir()
    (home / "followup.db").touch()
    ok("add", "-c", "Acme", "-r", "Dev")
    assert mark(home / "followup.db") == APPLICATION_ID


def test_a_store_created_through_a_dangling_symlink_is_private(ok, home, tmp_path):
    home.mkdir()
    elsewhere = tmp_path / "elsewhere" / "store.db"
    elsewhere.parent.mkdir()
    (home / "followup.db").symlink_to(elsewhere)
    ok("add", "-c", "Acme", "-r", "Dev")
    assert elsewhere.is_file() and (home / "followup.db").is_symlink()
    assert stat.S_IMODE(elsewhere.stat().st_mode) == 0o600
    assert mark(elsewhere) == APPLICATION_ID


@pytest.mark.parametrize(
    "statements",
    [
        ["CREATE TABLE migration (id INTEGER PRIMARY KEY, version TEXT)"],
        [
            "CREATE TABLE migration (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)",
            "INSERT INTO migration VALUES ('0001_users', '2024-01-01')",
        ],
    ],
)
def test_another_programs_migration_table_is_refused_on_either_database(
    run, backend, home, statements
):
    from conftest import run_sql

    home.mkdir(exist_ok=True)
    run_sql(backend.url, *statements)
    for args in (["list"], ["add", "-c", "A", "-r", "B"]):
        result = run(*args)
        assert result.exit_code == 1, result
        assert "is a database of another program (" in result.stderr
    assert backend.rows("SELECT count(*) FROM migration") == [(len(statements) - 1,)]
    tables = (
        "SELECT name FROM sqlite_master WHERE type = 'table'"
        if backend.name == "sqlite"
        else "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = current_schema()"
    )
    assert backend.rows(tables) == [("migration",)]  # no table of followup's was made
