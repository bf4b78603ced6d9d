"""What `remind` keeps in the store: marks of what was sent per channel, its last run (m007)."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from followup import config, records
from followup.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc)


def mark(channel: str, kind: str, key: str, at: datetime = NOW) -> records.Sent:
    return records.Sent(channel, kind, key, "json://127.0.0.1/", "followup: 2 to do today", at)


def record(store: Store, *marks: records.Sent) -> None:
    """What `remind` does once a channel took the message: marks recorded under the lock."""
    for channel in dict.fromkeys(m.channel for m in marks):
        with store.marking(channel) as (_have, new):
            new.extend(m for m in marks if m.channel == channel)


def test_marks_round_trip_and_replace(backend):
    store = Store.open(config.store_path(), config.database_url())
    try:
        assert store.sent() == []
        record(store, mark("a", "daily", "2026-11-22"), mark("b", "prep", "uid1"))
        later = NOW + timedelta(hours=9)
        record(store, mark("a", "daily", "2026-11-22", later))
        found = store.sent()
        assert [(s.channel, s.kind, s.key) for s in found] == [
            ("b", "prep", "uid1"),
            ("a", "daily", "2026-11-22"),
        ]
        assert found[1].sent_at == later and found[1].sent_at.tzinfo is not None
        assert store.sent(since=(NOW + timedelta(hours=1)).isoformat()) == [found[1]]
        assert store.last_run() == ""
        store.set_last_run('{"at": "x"}')
        assert store.last_run() == '{"at": "x"}'
        assert store.profile() == records.Profile()  # the run is not part of the profile
    finally:
        store.close()


@pytest.mark.sqlite_only
def test_a_store_of_the_previous_version_gets_the_reminder_table(tmp_path, backend):
    path = tmp_path / "followup.db"
    shutil.copy(FIXTURES / "store-v5.db", path)
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
        assert "reminder" not in tables
        before = conn.execute("select count(*) from interview").fetchone()
    store = Store.open(path)
    try:
        assert "m007_reminders" in store.migrations()
        assert len(store.interviews()) == before[0] == 3
        record(store, mark("a", "daily", "2026-11-22"))
        assert [s.key for s in store.sent()] == ["2026-11-22"]
    finally:
        store.close()
