"""Every backup restores: what the store takes, an export writes and an import reads back."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta, timezone
from string import ascii_lowercase

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup import config, fields, records
from followup.errors import StoreError
from followup.store import Store

pytestmark = pytest.mark.usefixtures("backend")  # every test runs on SQLite and on PostgreSQL

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc)


def exported(ok, *args: str) -> dict:
    return json.loads(ok("export", *args).stdout)


def one_interview(ok) -> dict:
    ok("profile", "--timezone", "UTC")
    ok("add", "-c", "Acme", "-r", "Dev", "--at", "2026-11-20 10:00", "--contact", "a@b.example")
    ok("done", "thanks", "1", "--at", "2026-11-21 10:00")
    return exported(ok)


@pytest.mark.parametrize(
    "field, value",
    [
        ("at", "0999-06-01T00:00:00+00:00"),
        ("at", "9999-12-31T23:59:59+00:00"),
        ("decision_by", "9999-01-01"),
        ("decision_by", "0999-01-01"),
        ("result_at", "9999-06-01T00:00:00+00:00"),
        ("created_at", "1899-12-31T23:00:00+00:00"),
        ("events.0.at", "9999-06-01T00:00:00+00:00"),
        ("events.0.created_at", "0001-01-01T00:00:00+00:00"),
    ],
)
def test_an_import_with_a_date_outside_the_accepted_years_is_refused_naming_it(
    ok, run, tmp_path, backend, field, value
):
    document = one_interview(ok)
    item = document["interviews"][0]
    if field == "result_at":
        item["result"] = "offer"
    *path, last = field.split(".")
    target = item
    for part in path:
        target = target[int(part)] if part.isdigit() else target[part]
    target[last] = value
    file = tmp_path / "far.json"
    file.write_text(json.dumps(document))
    backend.use("empty")
    result = run("import", str(file))
    assert result.exit_code == 1, result
    assert f"interviews.0.{field}: {value!r} is not between the years 1900 and 2200" in (
        result.stderr
    )
    assert ok("list", "--all", "--json").json() == []


def test_a_csv_import_with_a_far_date_is_refused_naming_row_and_column(ok, run, tmp_path):
    file = tmp_path / "far.csv"
    file.write_text("company,role,at,decision_by\nAcme,Dev,2026-11-20 10:00,9999-01-01\n")
    result = run("import", str(file))
    assert result.exit_code == 1
    assert "row 2, decision_by: '9999-01-01' is not between the years 1900 and 2200" in (
        result.stderr
    )


def test_the_cli_refuses_the_last_hours_of_the_range_that_fall_past_it_in_utc(ok, run):
    ok("profile", "--timezone", "America/New_York")
    result = run("add", "-c", "A", "-r", "B", "--at", "2200-12-31 23:00")
    assert result.exit_code == 2
    assert "is not between the years 1900 and 2200" in result.stderr


@pytest.mark.parametrize(
    "change",
    [
        {"at": datetime(9999, 1, 1, tzinfo=timezone.utc)},
        {"at": datetime(999, 1, 1, tzinfo=timezone.utc)},
        {"decision_by": date(9999, 1, 1)},
        {"result_at": datetime(2201, 1, 1, tzinfo=timezone.utc)},
    ],
)
def test_the_store_itself_refuses_a_date_outside_the_accepted_years(change):
    store = Store.open(config.store_path(), config.database_url())
    try:
        item = store.add(company="Acme", role="Dev", at=NOW, now=NOW)
        with pytest.raises(StoreError, match="is not between the years 1900 and 2200"):
            store.edit(item.id, change, now=NOW)
        if "result_at" not in change:
            with pytest.raises(StoreError, match="is not between the years 1900 and 2200"):
                store.add(company="Acme", role="Dev", **{"at": NOW, **change}, now=NOW)
        with pytest.raises(StoreError, match="interview at"):
            store.add(
                company="Acme", role="Dev", at=datetime(1, 1, 1, tzinfo=timezone.utc), now=NOW
            )
        with pytest.raises(StoreError, match="event at"):
            store.record(
                item.id, "done", "thanks", datetime(9999, 1, 1, tzinfo=timezone.utc), now=NOW
            )
        far = {
            "company": "Far", "role": "Dev", "at": NOW, "contacts": [], "recruiters": [],
            "events": [], "created_at": NOW, "updated_at": NOW, **change,
        }  # fmt: skip
        with pytest.raises(StoreError, match="is not between the years 1900 and 2200"):
            store.load([far], profile={})  # what an import hands over, past its checks
        assert store.get(item.id).at == NOW
        assert len(store.interviews()) == 1
    finally:
        store.close()


# -- the property: random valid stores, exported and imported back, identical -----------------


def valid(check, raw: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Values as a command stores them: RAW put through the command's own check."""

    def cleaned(text: str) -> str | None:
        try:
            return check(text)
        except ValueError:
            return None

    return raw.map(cleaned).filter(lambda v: v is not None)  # type: ignore[return-value]


# Text with what trips spreadsheets and parsers up: tabs, quotes, ; and formula characters.
_RAW = st.text(
    alphabet=st.one_of(
        st.sampled_from("\t'\"=+-@;,<> \r\nAé李\u00a0"),
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
    ),
    max_size=12,
)
ONE_LINE = valid(fields.one_line, _RAW)
NAME = valid(lambda v: fields.one_line(v, required=False), _RAW)
TEXT = valid(lambda v: fields.text(v, limit=1000), _RAW)
MAIL = st.sampled_from(["a@b.example", "x.y+z@example.cn", "=1@e.xample", "ü@δ.example"])
PERSON = st.tuples(valid(lambda v: fields.address(v + " <a@b.example>")[0], _RAW), MAIL).map(
    lambda pair: records.Person(*pair)
)
LATER = st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=400))
MOMENT = st.datetimes(  # an event up to LATER after it still falls before 2201
    min_value=datetime(1900, 1, 2),
    max_value=datetime(2200, 12, 30) - timedelta(days=401),
    timezones=st.just(timezone.utc),
)
INTERVIEW = st.fixed_dictionaries(
    {
        "company": ONE_LINE,
        "role": ONE_LINE,
        "at": MOMENT,
        "round": st.integers(1, 99),
        "decision_by": st.none() | st.dates(date(1900, 1, 1), date(2200, 12, 31)),
        "lang": st.sampled_from([None, "en", "zh", "hi"]),
        "notes": TEXT,
        "topic": TEXT,
        "strength": TEXT,
        "idea": TEXT,
        "zone": st.sampled_from([None, "UTC", "Asia/Kolkata", "+05:30"]),
        "contacts": st.lists(PERSON, max_size=2),
        "recruiters": st.lists(PERSON, max_size=2),
    }
)
HAPPENED = st.lists(
    st.tuples(
        st.sampled_from(
            [("done", "thanks"), ("done", "check"), ("result", "invited"), ("result", "offer")]
        ),
        LATER,
    ),
    max_size=3,
    unique_by=lambda pair: pair[0],
)
STORES = st.lists(
    st.tuples(INTERVIEW, HAPPENED, st.none() | st.tuples(TEXT, TEXT, TEXT)), max_size=3
)
PROFILE = st.fixed_dictionaries({"name": NAME, "smtp_host": NAME, "smtp_user": NAME})


def build(items, profile) -> None:
    store = Store.open(config.store_path(), config.database_url())
    try:
        store.set_profile(profile)
        for fields_, happened, review in items:
            item = store.add(**fields_, now=NOW)
            for (kind, name), after in happened:
                store.record(item.id, kind, name, item.at + after, now=NOW)
            if review:
                went_well, question, answer = review
                questions = [(question, answer)] if question else []
                store.reflect(
                    item.id, questions=questions, fields={"went_well": went_well or None}, now=NOW
                )
    finally:
        store.close()


def csv_rows(text: str) -> list[dict[str, str]]:
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    return [{k: v for k, v in row.items() if k not in ("id", "status")} for row in rows]


_stores = iter(f"store_{a}{b}{c}" for a in ascii_lowercase for b in ascii_lowercase for c in "xyz")


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(items=STORES, profile=PROFILE)
def test_any_store_exports_and_imports_back_identical(ok, backend, tmp_path, items, profile):
    from conftest import run_sql

    if backend.name == "postgresql":  # one example's schemas at a time: few locks to drop them
        run_sql(backend.server, *(f"DROP SCHEMA IF EXISTS {s} CASCADE" for s in backend.schemas))
        backend.schemas.clear()
    backend.use(next(_stores))
    build(items, profile)
    first = tmp_path / "first.json"
    ok("export", "-o", str(first), "--force")
    table = ok("export", "-f", "csv").stdout
    backend.use(next(_stores))
    ok("import", str(first))
    again = json.loads(ok("export").stdout)
    original = json.loads(first.read_text(encoding="utf-8"))
    for document in (original, again):
        document.pop("exported_at")
    assert again == original
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(table, encoding="utf-8")
    backend.use(next(_stores))
    ok("profile", "--timezone", "UTC")
    ok("import", str(sheet))
    assert csv_rows(ok("export", "-f", "csv").stdout) == csv_rows(table)


def test_a_tab_that_add_and_profile_accept_imports_back(ok, tmp_path, backend):
    ok("profile", "--name", "Li\tWei", "--timezone", "UTC")
    ok(
        "add",
        "-c",
        "Ac\tme",
        "-r",
        "Dev",
        "--at",
        "2026-11-20 10:00",
        "--contact",
        "A\tB <a@b.example>",
    )
    file = tmp_path / "tab.json"
    ok("export", "-o", str(file))
    backend.use("empty")
    ok("import", str(file))
    assert ok("profile", "--json").json()["name"] == "Li\tWei"
    item = ok("list", "--all", "--json").json()[0]
    assert item["company"] == "Ac\tme"
    assert item["contacts"] == ["A\tB <a@b.example>"]


def test_apostrophes_formulas_and_semicolons_survive_a_csv_round_trip(ok, tmp_path, backend):
    ok("profile", "--timezone", "UTC")
    ok(
        "add", "-c", "'=1+1", "-r", "=SUM(A1)", "--at", "2026-11-20 10:00",
        "--notes", "''-x", "--topic", "'plain",
        "--contact", "Smith; John <j@acme.example>", "--contact", "a@b.example",
    )  # fmt: skip
    table = ok("export", "-f", "csv").stdout
    assert "''=1+1" in table and "'=SUM(A1)" in table
    file = tmp_path / "sheet.csv"
    file.write_text(table, encoding="utf-8")
    backend.use("empty")
    ok("profile", "--timezone", "UTC")
    ok("import", str(file))
    item = ok("list", "--all", "--json").json()[0]
    assert (item["company"], item["role"]) == ("'=1+1", "=SUM(A1)")
    assert item["contacts"] == ["Smith; John <j@acme.example>", "a@b.example"]
    shown = ok("show", str(item["id"]), "--json").json()
    assert (shown["notes"], shown["topic"]) == ("''-x", "'plain")


def test_interviews_without_a_uid_are_each_their_own(ok, tmp_path, backend):
    document = one_interview(ok)
    item = document["interviews"][0]
    del item["uid"], item["id"]
    other = {**item, "company": "Other"}
    document["interviews"] = [item, dict(item), other]
    file = tmp_path / "no-uid.json"
    file.write_text(json.dumps(document))
    backend.use("empty")
    assert "Imported 3 interviews." in ok("import", str(file)).stderr
    listed = ok("list", "--all", "--json").json()
    assert sorted(i["company"] for i in listed) == ["Acme", "Acme", "Other"]


def test_two_interviews_sharing_a_uid_in_one_file_are_refused_naming_both(
    ok, run, tmp_path, backend
):
    document = one_interview(ok)
    item = document["interviews"][0]
    document["interviews"] = [item, {**item, "id": 2, "company": "Other"}]
    file = tmp_path / "twice.json"
    file.write_text(json.dumps(document))
    backend.use("empty")
    result = run("import", str(file))
    assert result.exit_code == 1
    assert f"interviews.1.uid: {item['uid']} is the uid of interviews.0 too" in result.stderr
    assert ok("list", "--all", "--json").json() == []


def test_a_huge_imported_id_costs_no_memory_in_proportion(ok, run, tmp_path, backend):
    import tracemalloc

    document = one_interview(ok)
    document["interviews"][0]["id"] = 50_000_000
    del document["interviews"][0]["uid"]
    file = tmp_path / "huge.json"
    file.write_text(json.dumps(document))
    backend.use("empty")
    ok("import", str(file))
    ok("rm", "50000000", "--yes")
    document["interviews"][0].update(id=7, company="Next")
    file.write_text(json.dumps(document))
    tracemalloc.start()
    try:
        ok("import", str(file))  # below the last id issued: it gets a new one
        ok("import", str(file))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 30_000_000  # a set of every id below 50,000,000 takes over a gigabyte
    assert sorted(i["id"] for i in ok("list", "--all", "--json").json()) == [50_000_001, 50_000_002]
    document["interviews"][0]["id"] = 2**31
    file.write_text(json.dumps(document))
    result = run("import", str(file))
    assert result.exit_code == 1
    assert (
        "interviews.0.id: 2147483648 is past the largest id a store holds (2147483647)"
        in result.stderr
    )


def test_a_csv_row_with_fewer_cells_than_the_header_is_named(ok, run, tmp_path):
    file = tmp_path / "short.csv"
    file.write_text("company,role,at,notes\nAcme,Dev,2026-11-20 10:00,x\nBeta,Ops\nGamma\n")
    result = run("import", str(file))
    assert result.exit_code == 1
    assert "row 3: 2 cells for 4 columns" in result.stderr
    assert "row 4: 1 cells for 4 columns" in result.stderr
    assert ok("list", "--all", "--json").json() == []


@pytest.mark.sqlite_only
def test_import_of_dev_zero_is_refused_in_bounded_memory(run):
    import tracemalloc

    tracemalloc.start()
    try:
        result = run("import", "/dev/zero")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: /dev/zero is not UTF-8 text (it holds NUL bytes)")
    assert peak < 20_000_000


@pytest.mark.sqlite_only
def test_a_file_past_the_documented_size_is_refused(ok, run, tmp_path, monkeypatch):
    from followup.transfer import read

    assert read.MAX_BYTES == 200 * 1024 * 1024  # docs/json.md says so
    monkeypatch.setattr(read, "MAX_BYTES", 3 * 1024 * 1024)
    monkeypatch.setattr(read, "_CHUNK", 1024 * 1024)
    file = tmp_path / "big.csv"
    file.write_text("company,role,at\n" + "Acme,Dev,2026-11-20 10:00\n" * 200_000)
    result = run("import", str(file))
    assert result.exit_code == 1
    assert "is larger than 3 MiB, the most import reads; split it" in result.stderr
    assert ok("list", "--all", "--json").json() == []


# -- files written whole: exclusively, privately, renamed into place, cleaned up --------------


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_a_planted_partial_symlink_is_never_followed_by_export(ok, tmp_path):
    ok("add", "-c", "Acme", "-r", "Dev", "--at", "2026-11-20 10:00")
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    victim.chmod(0o644)
    target = tmp_path / "all.json"
    (tmp_path / ".all.json.partial").symlink_to(victim)
    ok("export", "-o", str(target))
    assert victim.read_text() == "precious" and victim.stat().st_mode & 0o777 == 0o644
    assert target.stat().st_mode & 0o777 == 0o600 and not target.is_symlink()
    assert '"followup-export"' in target.read_text()
    assert leftovers(tmp_path) == [".all.json.partial"]  # the planted link, untouched


def test_export_with_force_over_a_symlink_replaces_the_link_not_its_target(ok, tmp_path):
    ok("add", "-c", "Acme", "-r", "Dev", "--at", "2026-11-20 10:00")
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    target = tmp_path / "all.json"
    target.symlink_to(victim)
    ok("export", "-o", str(target), "--force")
    assert victim.read_text() == "precious"
    assert not target.is_symlink() and target.stat().st_mode & 0o777 == 0o600


def test_an_export_that_fails_midway_leaves_nothing(ok, run, tmp_path, monkeypatch):
    from followup import transfer

    ok("add", "-c", "Acme", "-r", "Dev", "--at", "2026-11-20 10:00")

    def broken(document):
        yield "{\n"
        raise KeyboardInterrupt

    monkeypatch.setattr(transfer, "export_json", broken)
    out = tmp_path / "out"
    out.mkdir()
    result = run("export", "-o", str(out / "all.json"))
    assert result.exit_code == 130
    assert list(out.iterdir()) == []


@pytest.mark.sqlite_only
def test_a_backup_never_shows_at_its_target_until_whole(ok, run, tmp_path, monkeypatch):
    from followup.store import dump

    ok("add", "-c", "Acme", "-r", "Dev", "--at", "2026-11-20 10:00")
    target = tmp_path / "copy.db"
    seen = []
    real = dump.Dump.backup

    def interrupted(self, partial, **kwargs):
        real(self, partial, **kwargs)
        seen.append((target.exists(), partial.stat().st_mode & 0o777, partial.stat().st_size))
        raise KeyboardInterrupt  # Ctrl-C, after the copy but before it is in place

    monkeypatch.setattr(dump.Dump, "backup", interrupted)
    result = run("backup", str(target))
    assert result.exit_code == 130
    assert seen and seen[0][:2] == (False, 0o600) and seen[0][2] > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]
    monkeypatch.setattr(dump.Dump, "backup", real)
    assert ok("backup", str(target)).stdout.strip() == str(target)  # not "exists already"
    assert target.stat().st_mode & 0o777 == 0o600


@pytest.mark.sqlite_only
def test_a_backup_ended_by_sigterm_leaves_no_file_behind(ok, home, tmp_path):
    import os
    import subprocess
    import sys

    ok("add", "-c", "Acme", "-r", "Dev", "--at", "2026-11-20 10:00")
    target = tmp_path / "copy.db"
    script = (
        "import os, signal, sys\n"
        "from followup.store import dump\n"
        "real = dump.Dump.backup\n"
        "def killed(self, partial, **kw):\n"
        "    real(self, partial, **kw)\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "dump.Dump.backup = killed\n"
        "from followup.entry import main\n"
        f"sys.argv = ['followup', 'backup', {str(target)!r}]\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], env={**os.environ}, capture_output=True, text=True
    )
    assert done.returncode in (143, -15), done
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]


# -- export of a damaged store: one Error line -------------------------------------------------


@pytest.mark.parametrize("table", ["reflection", "event", "contact"])
@pytest.mark.parametrize("kind", ["json", "csv", "ics"])
def test_export_of_a_store_with_a_table_missing_is_one_error_line(ok, run, backend, table, kind):
    ok("add", "-c", "Acme", "-r", "Dev", "--at", "2026-11-20 10:00", "--contact", "a@b.example")
    from conftest import run_sql

    run_sql(backend.url, f"DROP TABLE {table}" + (" CASCADE" if backend.name != "sqlite" else ""))
    result = run("export", "-f", kind)
    assert result.exit_code == 1, result
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "unexpected" not in result.stderr and table in result.stderr


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE interview SET at = 'garbage'",
        "UPDATE interview SET at = '999-06-01 00:00:00.000000'",
        "UPDATE interview SET decision_by = 'zz'",
        "UPDATE event SET at = '9999-12-31 23:59:59.000000'",
        "UPDATE interview SET result_at = 'x', result = 'offer'",
    ],
)
@pytest.mark.parametrize("kind", ["json", "csv", "ics"])
def test_export_of_a_store_with_damaged_values_is_one_error_line(ok, run, home, sql, kind):
    import sqlite3

    ok("add", "-c", "Acme", "-r", "Dev", "--at", "2026-11-20 10:00")
    ok("done", "thanks", "1", "--at", "2026-11-21 10:00")
    with sqlite3.connect(home / "followup.db") as conn:
        conn.execute(sql)
    conn.close()
    result = run("export", "-f", kind)
    if kind == "ics" and "event" in sql:
        assert result.exit_code == 0  # a calendar of what is pending reads no past event
        return
    assert result.exit_code == 1, result
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "unexpected" not in result.stderr and "damaged" in result.stderr
    assert result.stdout == ""


def test_two_alike_rows_of_one_sheet_are_two_interviews(ok, tmp_path):
    file = tmp_path / "sheet.csv"
    file.write_text("company,role,at\nAcme,Dev,2026-11-20 10:00\nAcme,Dev,2026-11-20 10:00\n")
    assert "Imported 2 interviews." in ok("import", str(file)).stderr
    again = ok("import", str(file)).stderr
    assert "Imported 0 interviews; 2 already in the store were skipped." in again
    assert len(ok("list", "--all", "--json").json()) == 2


@pytest.mark.sqlite_only
def test_a_backup_given_to_import_says_how_to_restore_it_and_that_way_restores(
    ok, run, tmp_path, monkeypatch
):
    ok("add", "-c", "Acme", "-r", "Dev", "--at", "2026-11-20 10:00", "--contact", "a@b.example")
    ok("done", "thanks", "1", "--at", "2026-11-21 10:00")
    copy = tmp_path / "copy.db"
    ok("backup", str(copy))
    before = exported(ok)["interviews"]
    refused = run("import", str(copy))
    assert refused.exit_code == 1
    assert refused.stderr.startswith(
        f"Error: {copy} is an SQLite file, such as a `followup backup`"
    )
    assert f"FOLLOWUP_DATABASE_URL=sqlite:///{copy.resolve()} followup export" in refused.stderr
    # The way the message gives, into a store that lost everything:
    ok("rm", "1", "--yes")
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", f"sqlite:///{copy}")
    saved = tmp_path / "backup.json"
    ok("export", "-o", str(saved))
    monkeypatch.delenv("FOLLOWUP_DATABASE_URL")
    assert ok("import", str(saved)).stderr == "Imported 1 interview.\n"
    (restored,) = exported(ok)["interviews"]
    assert restored["id"] == 2  # ids are never reused; all else comes back as it was
    assert {**restored, "id": 1} == before[0]
