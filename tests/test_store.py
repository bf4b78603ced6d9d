"""The store itself: migrations, upgrades, and the schema staying one definition."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import SQLModel

from followup import config, models  # noqa: F401  (models registers the tables)
from followup.errors import StoreError
from followup.store import Store, migrations

FIXTURES = Path(__file__).parent / "fixtures"
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc)

pytestmark = pytest.mark.usefixtures("backend")  # every test runs on SQLite and on PostgreSQL


@pytest.fixture
def open_store():
    """Open the store the CLI would open (the SQLite file in FOLLOWUP_HOME, or the database
    URL); every store opened is closed after the test."""
    opened: list[Store] = []

    def open_() -> Store:
        opened.append(Store.open(config.store_path(), config.database_url()))
        return opened[-1]

    yield open_
    for store in opened:
        store.close()


def test_migrations_build_the_schema_the_models_describe(open_store):
    store = open_store()
    inspector = sa.inspect(store.engine)
    for table in SQLModel.metadata.sorted_tables:
        stored = {c["name"]: c for c in inspector.get_columns(table.name)}
        assert set(stored) == {c.name for c in table.columns}, table.name
        for column in table.columns:
            assert stored[column.name]["nullable"] == column.nullable, (table.name, column.name)
        indexed = {tuple(i["column_names"]) for i in inspector.get_indexes(table.name)}
        for index in table.indexes:
            assert tuple(c.name for c in index.columns) in indexed, (table.name, index.name)


def test_every_migration_runs_once_and_is_recorded(open_store):
    open_store().close()
    store = open_store()
    assert store.migrations() == sorted(name for name, _ in migrations.MIGRATIONS)


@pytest.mark.sqlite_only
@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.glob("store-v*.db")))
def test_a_store_from_an_earlier_version_opens_with_every_row(tmp_path, fixture):
    path = tmp_path / "followup.db"
    shutil.copy(FIXTURES / fixture, path)
    with sqlite3.connect(path) as conn:
        before = {
            table: conn.execute(f"select * from {table} order by 1").fetchall()
            for table in ("interview", "contact", "event", "setting")
        }
    store = Store.open(path)
    assert store.migrations() == sorted(name for name, _ in migrations.MIGRATIONS)
    with sqlite3.connect(path) as conn:
        for table, old_rows in before.items():
            new_rows = conn.execute(f"select * from {table} order by 1").fetchall()
            assert len(new_rows) == len(old_rows), table
            for old, new in zip(old_rows, new_rows, strict=True):
                kept = list(old)
                if table == "interview" and kept[6] is None:
                    kept[6] = "zh"  # m007: an interview keeps the profile's language of then
                assert list(new[: len(old)]) == kept, table  # new columns come after the old ones
    everything = store.interviews()
    assert [i.company for i in everything] == ["华为", "Acme", "टाटा"]
    assert everything[0].contacts[0].name == "王芳"
    assert [i.active for i in everything] == [True, False, False]  # m004 read the history
    assert all(len(i.uid) == 32 for i in everything)
    assert store.profile().name == "李伟"


def test_a_failing_migration_leaves_the_store_as_it_was(backend, open_store, monkeypatch):
    store = open_store()
    store.add(company="Acme", role="Dev", at=NOW, now=NOW)
    store.close()

    def broken(conn: sa.Connection) -> None:
        conn.exec_driver_sql("ALTER TABLE interview ADD COLUMN half_done TEXT")
        conn.exec_driver_sql("THIS IS NOT SQL")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, ("m999_broken", broken)])
    monkeypatch.setattr("followup.store.opening.MIGRATIONS", migrations.MIGRATIONS)
    with pytest.raises(StoreError):
        open_store()
    engine = sa.create_engine(backend.url)
    try:
        columns = [c["name"] for c in sa.inspect(engine).get_columns("interview")]
    finally:
        engine.dispose()
    assert columns and "half_done" not in columns
    assert backend.rows("select count(*) from interview") == [(1,)]
    assert ("m999_broken",) not in backend.rows("select name from migration")


def test_records_round_trip_through_the_store(open_store):
    from followup.records import Person

    store = open_store()
    added = store.add(
        company="Acme",
        role="Dev",
        at=NOW,
        now=NOW,
        contacts=[Person("Jane", "jane@acme.example"), Person("", "raj@acme.example")],
        recruiters=[Person("Ana", "ana@acme.example")],
    )
    assert store.get(added.id) == added
    assert added.at == NOW and added.at.tzinfo is not None
    store.record(added.id, "result", "invited", NOW, now=NOW)
    store.record(added.id, "done", "decline", NOW, now=NOW)
    closed = store.get(added.id)
    assert closed.result == "withdrawn"
    assert [(e.kind, e.name) for e in closed.events] == [
        ("result", "invited"),
        ("done", "decline"),
        ("result", "withdrawn"),
    ]
    assert store.interviews(open_only=True) == []


def test_an_action_recorded_once_is_refused_inside_the_write(open_store):
    from followup.errors import FollowupError

    store = open_store()
    added = store.add(company="Acme", role="Dev", at=NOW, now=NOW)
    store.record(added.id, "done", "thanks", NOW, now=NOW, once=True)
    with pytest.raises(FollowupError, match="thanks is already recorded for interview 1"):
        store.record(added.id, "done", "thanks", NOW, now=NOW, once=True)
    store.record(added.id, "done", "check", NOW, now=NOW)
    store.record(added.id, "done", "check", NOW, now=NOW)  # a check may be repeated
    assert [e.name for e in store.get(added.id).events] == ["thanks", "check", "check"]


@pytest.mark.sqlite_only
def test_m006_topic_for_upgrades_a_store_of_the_previous_version(tmp_path):
    """store-v4.db was written before m006: it opens with every interview, none with an
    interviewer's own topic, and takes one afterwards."""
    path = tmp_path / "followup.db"
    shutil.copy(FIXTURES / "store-v4.db", path)
    with sqlite3.connect(path) as conn:
        assert "m006_topic_for" not in {r[0] for r in conn.execute("select name from migration")}
        count = conn.execute("select count(*) from interview").fetchone()[0]
    store = Store.open(path)
    try:
        assert "m006_topic_for" in store.migrations()
        everything = store.interviews()
        assert len(everything) == count and all(i.topic_for == () for i in everything)
        first = everything[0]
        changed = store.edit(first.id, {"topic_for": [("a@x.cn", "排班")]}, now=NOW)
        assert changed.topic_for == (("a@x.cn", "排班"),)
        assert store.get(first.id).contacts == first.contacts
    finally:
        store.close()
