"""Times people type with a zone, and each interview keeping the zone it was held in."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

pytestmark = pytest.mark.usefixtures("backend")  # every test runs on SQLite and on PostgreSQL

FIXTURES = Path(__file__).parent / "fixtures"
PROFILE = ["--name", "Li Wei", "--email", "li.wei@example.com"]


def add(ok, *extra: str) -> dict:
    return ok("add", "-c", "Acme", "-r", "Dev", "--json", *extra).json()


@pytest.fixture
def shanghai(ok):
    ok("profile", *PROFILE, "--timezone", "Asia/Shanghai")


def test_an_abbreviation_that_names_one_offset_is_honoured(ok, shanghai):
    item = add(ok, "--at", "20 Nov 2026 14:00 EST")
    assert item["at"] == "2026-11-21T03:00:00+08:00"  # 14:00 in New York, not in Shanghai
    assert item["zone"] == "-05:00"
    item = add(ok, "--at", "20 Nov 2026 14:00 PST")
    assert item["at"] == "2026-11-21T06:00:00+08:00"


@pytest.mark.parametrize("abbreviation", ["CST", "IST", "BST"])
def test_an_ambiguous_abbreviation_is_refused_with_what_to_give(ok, run, shanghai, abbreviation):
    result = run("add", "-c", "Acme", "-r", "Dev", "--at", f"20 Nov 2026 14:00 {abbreviation}")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: --at ") and len(result.stderr.splitlines()) == 1
    assert "ambiguous" in result.stderr and "IANA name" in result.stderr
    assert ok("list", "--all", "--json").json() == []


def test_cst_suggests_plus_eight(run, shanghai):
    result = run("add", "-c", "Acme", "-r", "Dev", "--at", "20 Nov 2026 14:00 CST")
    assert "+08:00" in result.stderr and "Asia/Shanghai" in result.stderr


def test_an_iana_name_in_at_sets_the_interviews_zone(ok, shanghai):
    item = add(ok, "--at", "2026-11-20 14:00 Asia/Kolkata")
    assert item["at"] == "2026-11-20T16:30:00+08:00" and item["zone"] == "Asia/Kolkata"
    shown = ok("show", str(item["id"])).stdout
    assert "Held in" in shown and "Asia/Kolkata: Fri 20 Nov 2026 14:00 +05:30" in shown
    assert "(Asia/Kolkata)" in ok("list").stdout
    assert "(Asia/Kolkata)" in ok("due", "--on", "2026-11-20 18:00").stdout


def test_add_timezone_reads_at_in_that_zone(ok, run, shanghai):
    item = add(ok, "--at", "2026-11-20 14:00", "--timezone", "Europe/London")
    assert item["at"] == "2026-11-20T22:00:00+08:00" and item["zone"] == "Europe/London"
    bad = run("add", "-c", "A", "-r", "B", "--timezone", "Mars/Olympus")
    assert bad.exit_code == 2 and bad.stderr.startswith("Error: --timezone ")


def test_an_interview_added_without_a_zone_keeps_the_profiles_of_then(ok, shanghai):
    item = add(ok, "--at", "2026-11-20 15:00")
    assert item["zone"] == "Asia/Shanghai"
    ok("profile", "--timezone", "Europe/London")
    again = ok("show", str(item["id"]), "--json").json()
    assert again["at"] == "2026-11-20T07:00:00+00:00"  # shown in the profile's zone now
    assert again["zone"] == "Asia/Shanghai"  # the past is not rewritten
    assert "Asia/Shanghai: Fri 20 Nov 2026 15:00 +08:00" in ok("show", str(item["id"])).stdout
    # the thank-you names the time it was where the interview was held
    body = ok("draft", "thanks", str(item["id"]), "--json").json()[0]["body"]
    assert "3:00 PM" in body and "7:00 AM" not in body
    # the deadline is two days later at 15:00 in Shanghai, shown in London
    pending = {a["action"]: a for a in again["pending"]}
    assert pending["thanks"]["deadline"] == "2026-11-22T07:00:00+00:00"


def test_deadlines_and_the_weekend_rule_follow_the_interviews_zone(ok):
    ok("profile", "--timezone", "America/New_York")
    # Saturday 09:00 in Tokyo is Friday 19:00 in New York: a week later is a Saturday
    # in Tokyo, so the check opens on Monday there, not on Friday in New York.
    item = add(ok, "--at", "2026-11-21 09:00 Asia/Tokyo")
    pending = {a["action"]: a for a in item["pending"]}
    assert pending["check"]["opens"] == "2026-11-29T10:00:00-05:00"  # Mon 30 Nov 00:00 Tokyo


def test_a_time_in_a_daylight_saving_gap_or_fold_is_refused(ok, run):
    ok("profile", "--timezone", "America/New_York")
    gap = run("add", "-c", "A", "-r", "B", "--at", "2026-03-08 02:30")
    assert gap.exit_code == 2 and "does not exist" in gap.stderr
    fold = run("add", "-c", "A", "-r", "B", "--at", "2026-11-01 01:30")
    assert fold.exit_code == 2 and "happens twice" in fold.stderr and "-04:00" in fold.stderr
    done = run("done", "thanks", "1", "--at", "2026-11-01 01:30")
    assert done.exit_code == 2
    assert ok("list", "--all", "--json").json() == []
    item = add(ok, "--at", "2026-11-01 01:30 -05:00")  # the second 01:30, said so
    assert item["at"] == "2026-11-01T01:30:00-05:00"


@pytest.mark.parametrize("name", ["EST", "PST8PDT", "MST"])
def test_profile_refuses_deprecated_fixed_offset_zones(ok, run, name):
    result = run("profile", "--timezone", name)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: --timezone ") and "America/" in result.stderr
    assert ok("profile", "--json").json()["timezone"] == ""


def test_due_on_answers_as_of_that_moment(ok):
    ok("profile", "--timezone", "UTC")
    ident = str(add(ok, "--at", "2026-11-20 10:00")["id"])
    ok("done", "thanks", ident, "--at", "2026-11-21 09:00")
    ok("result", ident, "rejected", "--at", "2026-11-25 09:00")
    before = {i["action"] for i in ok("due", "--on", "2026-11-20 12:00", "--json").json()}
    assert "thanks" in before  # sent later: still to do then
    after = {i["action"] for i in ok("due", "--on", "2026-11-22 12:00", "--json").json()}
    assert "thanks" not in after and after  # the rejection came later: still open then
    assert ok("due", "--on", "2026-11-26 12:00", "--json").json() == []
    assert ok("due", "--json").json() == []


def test_stats_on_counts_only_what_happened_by_then(ok):
    ok("profile", "--timezone", "UTC")
    ident = str(add(ok, "--at", "2026-11-20 10:00")["id"])
    ok("result", ident, "offer", "--at", "2026-11-25 09:00")
    early = ok("stats", "--on", "2026-11-23 12:00", "--json").json()
    assert early["funnel"][0]["offers"] == 0
    late = ok("stats", "--on", "2026-11-26 12:00", "--json").json()
    assert late["funnel"][0]["offers"] == 1


def test_the_language_is_kept_from_when_the_interview_was_added(ok):
    ok("profile", "--lang", "zh")
    first = add(ok, "--at", "2026-11-20 10:00")
    assert first["lang"] == "zh"
    ok("profile", "--lang", "en")
    assert ok("show", str(first["id"]), "--json").json()["lang"] == "zh"
    assert add(ok, "--at", "2026-11-21 10:00")["lang"] == "en"
    assert ok("draft", "thanks", str(first["id"]), "--json").json()[0]["lang"] == "zh"


def test_export_and_import_keep_each_interviews_zone(ok, shanghai, tmp_path, backend):
    add(ok, "--at", "2026-11-20 14:00 Asia/Kolkata")
    add(ok, "--at", "2026-11-20 14:00 EST")
    path = tmp_path / "all.json"
    ok("export", "-o", str(path))
    backend.use("fresh")
    ok("import", str(path))
    zones = [i["zone"] for i in ok("list", "--all", "--json").json()]
    assert sorted(zones) == ["-05:00", "Asia/Kolkata"]


@pytest.mark.sqlite_only
def test_upgrading_a_v5_store_records_the_profiles_zone_and_language(ok, home):
    home.mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURES / "store-v5.db", home / "followup.db")
    ok("profile", "--timezone", "Europe/London")  # opens (and upgrades) the store first
    with sqlite3.connect(home / "followup.db") as conn:
        rows = conn.execute("select id, zone, lang from interview order by id").fetchall()
    assert rows == [
        (1, "Asia/Shanghai", "zh"),
        (2, "Asia/Shanghai", "zh"),
        (3, "Asia/Shanghai", "hi"),
    ]
    shown = ok("show", "1", "--json").json()
    assert shown["zone"] == "Asia/Shanghai" and shown["at"].endswith("+00:00")
