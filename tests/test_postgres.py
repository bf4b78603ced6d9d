"""The same commands against PostgreSQL, when a server is reachable.

Start one locally (Debian): `apt-get install postgresql && pg_ctlcluster 15 main start`, create
a role and a database, then run
`FOLLOWUP_TEST_POSTGRES_URL=postgresql+psycopg://USER:PASS@127.0.0.1/DB pytest tests/test_postgres.py`.
With FOLLOWUP_REQUIRE_POSTGRES=1 (as CI will set) a missing server fails instead of skipping.
Each test starts from an empty schema.
"""

from __future__ import annotations

import json
import os

import pytest

URL = os.environ.get("FOLLOWUP_TEST_POSTGRES_URL", "")


def _reachable() -> str | None:
    if not URL:
        return "FOLLOWUP_TEST_POSTGRES_URL is not set"
    try:
        import sqlalchemy as sa

        engine = sa.create_engine(URL)
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
        finally:
            engine.dispose()
    except Exception as error:  # no driver, no server, no database
        return f"no PostgreSQL at {URL}: {error}"
    return None


@pytest.fixture
def pg(monkeypatch):
    problem = _reachable()
    if problem:
        if os.environ.get("FOLLOWUP_REQUIRE_POSTGRES"):
            pytest.fail(problem)
        pytest.skip(problem)
    import sqlalchemy as sa

    engine = sa.create_engine(URL)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", URL)
    return URL


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
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", pg)
    ok("import", str(exported))
    again = json.loads(ok("export").stdout)
    first = json.loads(exported.read_text())
    for document in (first, again):
        document.pop("exported_at")
    assert again == first
    assert "0 interviews; 1 already" in ok("import", str(exported)).stderr
