"""Every backup restores: what the store takes, an export writes and an import reads back."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest

from followup import config
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
        assert store.get(item.id).at == NOW
        assert len(store.interviews()) == 1
    finally:
        store.close()
