"""The morning list the store keeps ready (m013, ``store/pending.py``) must always say what
the rules say over every open interview: after any write, by followup or by another program,
after a change of settings or zone, at any moment (daylight-saving changes included); and a
store that cannot bring it up to date is answered by the rules, never wrongly."""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup import entry, reading, records, rules, zones
from followup.errors import FollowupError
from followup.store import Store, sqlite_reader

pytestmark = pytest.mark.sqlite_only

FIXTURES = Path(__file__).parent / "fixtures"
UTC = timezone.utc
NEW_YORK = "America/New_York"  # its clocks fall back on 2026-11-01 at 02:00


def by_rules(path: Path, now: datetime, days: int) -> list[tuple[rules.Item, records.Interview]]:
    """What ``due`` says at ``now`` when it runs the rules over every open interview."""
    reader = sqlite_reader.Reader.open(path)
    assert reader is not None
    try:
        profile = reader.profile()
        tz = zones.zone(profile.timezone or None)
        return reading.due_items(
            reader.interviews(open_only=True, people=False), now, tz, profile.settings, days
        )
    finally:
        reader.close()


def kept(path: Path, now: datetime, days: int, limit: int | None = None) -> records.Morning:
    """What ``due`` says at ``now`` from the list the store keeps."""
    reader = sqlite_reader.Reader.open(path)
    assert reader is not None
    try:
        profile = reader.profile()
        tz = zones.zone(profile.timezone or None)
        found = reader.morning(now, tz, profile.settings, days, limit)
        assert found is not None, "the kept list could not be brought up to date"
        return found
    finally:
        reader.close()


def agree(path: Path, now: datetime, days: int = 3) -> None:
    """The kept list, whole and its first rows, says what the rules say: each row, its state
    and order, the counts, and what it shows of each interview."""
    expected = records.Morning.of(by_rules(path, now, days))
    found = kept(path, now, days)
    assert found.rows == expected.rows
    assert found.totals == expected.totals
    head = kept(path, now, days, limit=4)
    assert head.first() == expected.first(4)
    assert head.totals == expected.totals
    assert {ident for _state, (ident, *_rest) in head.first()} <= head.named.keys()
    store = Store.open(path)
    try:
        for _state, (ident, *_rest) in found.first():
            whole = store.get(ident)
            assert found.named[ident] == (whole.company, whole.role, whole.zone)
    finally:
        store.close()


def dirty(path: Path) -> set[int]:
    with sqlite3.connect(path) as conn:
        return {row[0] for row in conn.execute("SELECT interview_id FROM pending_dirty")}


SCENARIO = [
    ["profile", "--name", "Li Wei", "--timezone", NEW_YORK],
    ["add", "-c", "Acme", "-r", "Dev", "--at", "2026-10-29 10:00", "--decision-by", "2026-11-06"],
    ["add", "-c", "Globex", "-r", "Ops", "--at", "2026-10-31 23:30"],  # thanks across DST
    ["add", "-c", "Initech", "-r", "QA", "--at", "2026-10-20 09:00", "--round", "2"],
    ["done", "thanks", "3", "--at", "2026-10-20 18:00"],
    ["done", "check", "3", "--at", "2026-10-28 09:00"],
    ["add", "-c", "Umbrella", "-r", "Lead", "--at", "2026-10-26 11:00"],
    ["result", "4", "invited", "--at", "2026-10-30 16:00"],
    ["add", "-c", "Closed", "-r", "X", "--at", "2026-10-01 10:00"],
    ["result", "5", "rejected", "--at", "2026-10-05 10:00"],
    ["add", "-c", "Future", "-r", "Y", "--at", "2026-11-20 09:30"],
    ["add", "-c", "华为", "-r", "客服", "--at", "2026-10-30 14:00 Asia/Kolkata", "--lang", "zh"],
    ["done", "heard", "7", "--at", "2026-11-02 10:00"],
    ["add", "-c", "Declined", "-r", "Z", "--at", "2026-10-27 10:00"],
    ["done", "decline", "8", "--at", "2026-10-28 10:00"],
]


@pytest.fixture
def scenario(ok, home):
    for args in SCENARIO:
        ok(*args)
    return home / "followup.db"


def test_the_kept_list_is_what_the_rules_say_at_every_moment(scenario):
    """Every six hours over five weeks that hold New York's fall-back night, and every
    horizon: each row, its state, its order and the counts agree."""
    start = datetime(2026, 10, 15, tzinfo=UTC)
    for step in range(0, 35 * 4):
        now = start + timedelta(hours=6 * step, minutes=7)
        for days in (0, 3, 10):
            agree(scenario, now, days)


def test_a_moment_on_a_deadline_is_as_the_rules_say(scenario):
    """The states change at an instant: one microsecond either side of every opening and
    deadline the kept list holds."""
    morning = kept(scenario, datetime(2026, 10, 15, tzinfo=UTC), 3650)
    moments = {m for _s, (*_a, opens, late) in morning.first() for m in (opens, late) if m}
    assert len(moments) > 10
    tick = timedelta(microseconds=1)
    for moment in sorted(moments):
        for now in (
            records.instant(moment) - tick,
            records.instant(moment),
            records.instant(moment) + tick,
        ):
            agree(scenario, now, 1)


def test_every_write_is_seen_by_the_next_due(scenario, ok, tmp_path):
    """After each command, the kept list is brought up to date before it is read."""
    now = datetime(2026, 11, 3, 12, tzinfo=UTC)
    agree(scenario, now)
    more = tmp_path / "more.csv"
    more.write_text(
        "company,role,at,thanks_at\nImported,Ops,2026-11-01 10:00,2026-11-01 18:00\n"
        "Imported 2,Ops,2026-11-02 11:00,\n",
        encoding="utf-8",
    )
    for args in (
        ["import", str(more)],
        ["done", "thanks", "1", "--at", "2026-10-29 18:00"],
        ["edit", "2", "--at", "2026-11-01 09:00"],
        ["result", "7", "offer", "--at", "2026-11-03 10:00"],
        ["done", "reply", "4", "--at", "2026-10-31 10:00"],
        ["rm", "1", "--yes"],
        ["undo"],
        ["undo"],
        ["add", "-c", "Later", "-r", "L", "--at", "2026-11-02 16:00 Asia/Tokyo"],
        ["done", "check", "2", "--at", "2026-11-03 09:00"],
        ["reflect", "2", "--went-well", "calm"],
    ):
        ok(*args)
        assert dirty(scenario), args  # the write marked what it changed...
        agree(scenario, now)  # ...and due planned it again
        assert not dirty(scenario)


def test_a_write_by_another_program_is_seen(scenario):
    now = datetime(2026, 11, 3, 12, tzinfo=UTC)
    agree(scenario, now)
    with sqlite3.connect(scenario) as conn:
        conn.execute(
            "INSERT INTO event (interview_id, kind, name, at, created_at) "
            "VALUES (2, 'done', 'thanks', '2026-11-01 10:00:00.000000', "
            "'2026-11-01 10:00:00.000000')"
        )
        conn.execute("UPDATE interview SET at = '2026-11-02 15:00:00.000000' WHERE id = 6")
        conn.execute("DELETE FROM event WHERE interview_id = 3")
    assert dirty(scenario) == {2, 3, 6}
    agree(scenario, now)


@pytest.mark.parametrize(
    "replacing",
    [
        # a new id for interview 4, through its uid: the old row goes without a DELETE
        "INSERT OR REPLACE INTO interview (id, company, role, at, round, created_at, "
        "updated_at, uid, active, zone) SELECT 9, company, role, at, round, created_at, "
        "updated_at, uid, active, zone FROM interview WHERE id = 4",
        # interview 3's thank-you moved to interview 2, under the same event id
        "INSERT OR REPLACE INTO event (id, interview_id, kind, name, at, created_at) "
        "SELECT id, 2, kind, name, at, created_at FROM event "
        "WHERE interview_id = 3 AND name = 'thanks'",
        "UPDATE OR REPLACE event SET id = (SELECT min(id) FROM event WHERE interview_id = 3) "
        "WHERE id = (SELECT max(id) FROM event WHERE interview_id = 7)",
    ],
)
def test_a_row_replaced_by_another_program_is_seen(scenario, replacing):
    """INSERT OR REPLACE deletes the row it replaces without firing a DELETE trigger: the
    triggers before an insert or an update mark it."""
    now = datetime(2026, 11, 3, 12, tzinfo=UTC)
    agree(scenario, now)
    with sqlite3.connect(scenario) as conn:
        before = conn.total_changes
        conn.execute(replacing)
        assert conn.total_changes > before
    agree(scenario, now)
    agree(scenario, now + timedelta(days=4))


def test_a_plan_of_an_interview_gone_past_the_triggers_is_not_shown(scenario):
    """With the triggers bypassed (dropped, then put back), a plan of a removed interview is
    left: due notices it, answers by the rules, and plans everything again next time."""
    now = datetime(2026, 11, 3, 12, tzinfo=UTC)
    agree(scenario, now)
    with sqlite3.connect(scenario) as conn:
        triggers = conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'interview'"
        ).fetchall()
        names = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'interview'"
        ).fetchall()
        for (name,) in names:
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("DELETE FROM interview WHERE id = 2")
        for (sql,) in triggers:
            conn.execute(sql)
    assert 2 not in dirty(scenario)
    reader = sqlite_reader.Reader.open(scenario)
    assert reader is not None
    profile = reader.profile()
    tz = zones.zone(profile.timezone)
    assert reader.morning(now, tz, profile.settings, 30) is None
    reader.close()
    agree(scenario, now, 30)  # planned again from scratch


def test_changed_settings_or_zone_plan_everything_again(scenario, ok, monkeypatch):
    now = datetime(2026, 11, 1, 12, tzinfo=UTC)
    agree(scenario, now)
    ok("profile", "--thanks-days", "4", "--check-days", "10", "--no-reflect")
    agree(scenario, now)
    ok("profile", "--timezone", "Asia/Kolkata")  # interviews without a zone of their own
    with sqlite3.connect(scenario) as conn:
        conn.execute("UPDATE interview SET zone = NULL WHERE id IN (1, 2)")
    agree(scenario, now)
    ok("profile", "--timezone", "")  # the system's zone: the TZ variable
    for zone in ("Europe/Berlin", "EST5EDT,M3.2.0,M11.1.0", "UTC"):
        monkeypatch.setenv("TZ", zone)
        agree(scenario, now)


def test_a_store_missing_a_trigger_is_answered_by_the_rules(scenario):
    """Without its triggers (dropped by hand, a damaged copy) the kept list could miss a
    write: it is not trusted, and due runs the rules."""
    now = datetime(2026, 11, 3, 12, tzinfo=UTC)
    agree(scenario, now)
    with sqlite3.connect(scenario) as conn:
        conn.execute("DROP TRIGGER pending_event_insert")
        conn.execute(
            "INSERT INTO event (interview_id, kind, name, at, created_at) VALUES "
            "(2, 'done', 'thanks', '2026-11-01 10:00:00.000000', '2026-11-01 10:00:00.000000')"
        )
    reader = sqlite_reader.Reader.open(scenario)
    assert reader is not None
    profile = reader.profile()
    assert reader.morning(now, zones.zone(profile.timezone), profile.settings, 3) is None
    reader.close()
    thanks = [i for i, _interview in by_rules(scenario, now, 3) if i.interview_id == 2]
    assert all(i.action.action != "thanks" for i in thanks)


def test_a_zone_without_a_name_is_never_kept():
    from dateutil import tz

    assert sqlite_reader.pending.basis(rules.Settings(), tz.tzlocal()) is None
    assert sqlite_reader.pending.basis(rules.Settings(), zones.zone("Asia/Kolkata"))


def without_relative(text: str) -> list[dict[str, object]]:
    """``due --json`` rows without ``relative``, which two runs a second apart may word
    differently ("in 5 h", "in 4 h")."""
    return [{k: v for k, v in row.items() if k != "relative"} for row in json.loads(text)]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_store_that_cannot_be_written_is_answered_by_the_rules(scenario, monkeypatch, capsys):
    """Opened read-only (a folder it may not write in), the list is not brought up to date:
    due runs the rules, answers right, and the file is not touched."""
    ok_now = datetime(2026, 11, 3, 12, tzinfo=UTC)
    with sqlite3.connect(scenario) as conn:
        conn.execute("UPDATE interview SET company = 'Acme Ltd' WHERE id = 1")
    before = digest(scenario)
    monkeypatch.setattr(sqlite_reader, "writable", lambda path: False)
    reader = sqlite_reader.Reader.open(scenario)
    assert reader is not None
    profile = reader.profile()
    tz = zones.zone(profile.timezone)
    assert reader.morning(ok_now, tz, profile.settings, 3) is None
    reader.close()
    monkeypatch.setattr(sys, "argv", ["followup", "due", "--json", "--days", "30"])
    entry.main()
    assert "Acme Ltd" in capsys.readouterr().out
    assert digest(scenario) == before


def test_a_store_locked_by_a_writer_is_answered_by_the_rules(scenario, monkeypatch):
    """Another program holds the write lock: due does not wait on it to keep its list, it
    runs the rules and answers what is stored."""
    due = [sys.executable, "-m", "followup", "due", "--json", "--days", "30"]
    subprocess.run(due, capture_output=True, check=True)
    assert not dirty(scenario)
    with sqlite3.connect(scenario) as conn:
        conn.execute("UPDATE interview SET company = 'Acme Ltd' WHERE id = 1")
    expected = subprocess.run([*due, "--on", "now"], capture_output=True, text=True).stdout
    assert "Acme Ltd" in expected
    holder = sqlite3.connect(scenario, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        monkeypatch.setenv("FOLLOWUP_BUSY_TIMEOUT", "600")  # a writer's wait: not a reader's
        result = subprocess.run(due, capture_output=True, text=True, timeout=60)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 0, result.stderr
    assert without_relative(result.stdout) == without_relative(expected)
    assert dirty(scenario) == {1}  # left for the next due


def test_a_store_of_the_previous_version_plans_every_open_interview(tmp_path):
    """store-v12.db was written before m013 (store-v5.db opened by the version before):
    opening it marks every open interview, the first due plans them, and no row is lost."""
    path = tmp_path / "followup.db"
    shutil.copy(FIXTURES / "store-v12.db", path)
    with sqlite3.connect(path) as conn:
        counts = [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES]
        active = {row[0] for row in conn.execute("SELECT id FROM interview WHERE active = 1")}
    Store.open(path).close()
    assert dirty(path) == active == {1}
    for day in range(20):
        agree(path, datetime(2026, 11, 1, 8, tzinfo=UTC) + timedelta(days=day, hours=day))
    with sqlite3.connect(path) as conn:
        assert [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES] == counts


TABLES = ("interview", "event", "contact", "setting", "journal")


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_a_store_to_upgrade_while_another_program_holds_it_is_one_error_line(
    home, monkeypatch, journal
):
    """The first due after an upgrade must migrate: a lock held by another program is the
    usual Error line (whatever journal the old store used), and nothing is changed."""
    path = home / "followup.db"
    home.mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURES / "store-v12.db", path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute(f"PRAGMA journal_mode = {journal}")
    holder.execute("BEGIN IMMEDIATE")
    monkeypatch.setenv("FOLLOWUP_BUSY_TIMEOUT", "0.5")
    try:
        result = subprocess.run(
            [sys.executable, "-m", "followup", "due"], capture_output=True, text=True, timeout=60
        )
    finally:
        holder.execute("ROLLBACK")
    assert result.returncode == 1
    assert (
        result.stderr
        == f"Error: the store at {path} is locked by another program; try again in a moment.\n"
    )
    names = {row[0] for row in holder.execute("SELECT name FROM migration")}
    holder.close()
    assert "m013_pending" not in names


def test_an_export_leaves_the_kept_list_out(scenario, ok, tmp_path):
    ok("due")
    out = tmp_path / "all.json"
    ok("export", "-o", str(out))
    assert "pending" not in out.read_text()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from(["add", "done", "result", "edit", "remove", "undo", "due"]),
            st.integers(0, 10),
            st.integers(-30 * 24, 30 * 24),
            st.sampled_from(list(rules.DONE_ACTIONS) + list(rules.OUTCOMES)),
        ),
        min_size=1,
        max_size=25,
    ),
    zone=st.sampled_from([None, "Asia/Kolkata", NEW_YORK, "+05:45"]),
)
def test_any_sequence_of_writes_keeps_the_list_right(tmp_path_factory, steps, zone):
    """Random writes through the store, each followed (or not) by a due: the kept list always
    agrees with the rules, at moments around the writes."""
    path = tmp_path_factory.mktemp("random") / "followup.db"
    base = datetime(2026, 10, 25, 12, tzinfo=UTC)
    store = Store.open(path)
    store.set_profile({"timezone": NEW_YORK})
    try:
        for action, pick, hours, name in steps:
            ids = [i.id for i in store.interviews()]
            at = base + timedelta(hours=hours)
            now = base + timedelta(days=pick)
            with contextlib.suppress(FollowupError):  # a write the store refuses
                write(store, action, ids, pick, at, now, name, zone)
            if action == "due":
                agree(path, now)
        for offset in (-3, 0, 2, 9, 20):
            agree(path, base + timedelta(days=offset, hours=offset))
    finally:
        store.close()


def write(
    store: Store,
    action: str,
    ids: list[int],
    pick: int,
    at: datetime,
    now: datetime,
    name: str,
    zone: str | None,
) -> None:
    """One write of the random sequence."""
    target = ids[pick % len(ids)] if ids else 0
    if action == "add" or not ids:
        store.add(company=f"C{pick}", role="R", at=at, zone=zone, now=now)
    elif action == "done" and name in rules.DONE_ACTIONS:
        store.record(target, "done", name, at, now=now)
    elif action == "result" and name in rules.OUTCOMES:
        store.record(target, "result", name, at, now=now)
    elif action == "edit":
        store.edit(target, {"at": at, "decision_by": date(2026, 11, 5)}, now=now)
    elif action == "remove":
        store.remove(target, now=now)
    elif action == "undo":
        store.undo(now=now)
