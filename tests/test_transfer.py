"""export, import and backup through the CLI, with the files read back by real parsers."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import timedelta

import pytest

pytestmark = pytest.mark.usefixtures("backend")  # every test runs on SQLite and on PostgreSQL

SEED = [
    [
        "profile",
        "--name",
        "李伟",
        "--email",
        "li.wei@example.com",
        "--phone",
        "+86 138 0000 0000",
        "--timezone",
        "Asia/Shanghai",
        "--lang",
        "zh",
        "--locale",
        "en_IN",
    ],
    [
        "add",
        "-c",
        "华为",
        "-r",
        "客服专员",
        "--at",
        "2026-11-02 10:00",
        "--contact",
        "王芳 <wang.fang@example.cn>",
        "--recruiter",
        "Zhang Min <hr@example.cn>",
        "--decision-by",
        "2026-11-10",
        "--lang",
        "zh",
        "--notes",
        "二面\n带作品集",
        "--topic",
        "投诉处理",
    ],
    [
        "add",
        "-c",
        "Acme",
        "-r",
        "Support Engineer",
        "--at",
        "2026-11-05 14:00",
        "--contact",
        "Jane Doe <jane@acme.example>",
        "--contact",
        "Raj Patel <raj@acme.example>",
        "--topic-for",
        "raj@acme.example=the on-call rota",
        "--recruiter",
        "Ana Ruiz <ana@acme.example>",
        "--recruiter",
        "Bo Chen <bo@acme.example>",
    ],
    ["add", "-c", "टाटा", "-r", "ग्राहक सेवा", "--at", "2026-11-06 09:30", "--lang", "hi"],
    ["done", "thanks", "1", "--at", "2026-11-03 09:00"],
    ["result", "2", "invited", "--at", "2026-11-10 12:00"],
    ["done", "decline", "2", "--at", "2026-11-10 15:00"],
    ["done", "check", "1", "--at", "2026-11-10 10:00"],
    ["result", "3", "rejected", "--at", "2026-11-20 08:00"],
    [
        "reflect",
        "1",
        "-q",
        "为什么选择客服？",
        "-a",
        "喜欢帮人",
        "-q",
        "Salary?",
        "-a",
        "",
        "--improve",
        "多举例子",
        "--idea",
        "常见问题库",
    ],
]


@pytest.fixture
def seeded(ok):
    for args in SEED:
        ok(*args)


def exported(ok, *args):
    return ok("export", *args).stdout


def without_stamp(text):
    document = json.loads(text)
    document.pop("exported_at")
    return document


def test_json_export_holds_everything(ok, seeded):
    document = json.loads(exported(ok))
    assert document["format"] == "followup-export" and document["version"] == 1
    assert (
        document["profile"]["name"] == "李伟" and document["profile"]["timezone"] == "Asia/Shanghai"
    )
    first = document["interviews"][0]
    assert first["company"] == "华为" and first["at"] == "2026-11-02T02:00:00+00:00"
    assert first["decision_by"] == "2026-11-10" and first["notes"] == "二面\n带作品集"
    assert first["contacts"] == [{"name": "王芳", "email": "wang.fang@example.cn"}]
    assert first["recruiters"] == [{"name": "Zhang Min", "email": "hr@example.cn"}]
    assert [(e["kind"], e["name"], e["at"]) for e in first["events"]][:2] == [
        ("done", "thanks", "2026-11-03T01:00:00+00:00"),
        ("done", "check", "2026-11-10T02:00:00+00:00"),
    ]
    assert document["interviews"][1]["result"] == "withdrawn"
    assert first["reflection"]["questions"] == [
        {"question": "为什么选择客服？", "answer": "喜欢帮人"},
        {"question": "Salary?", "answer": ""},
    ]
    assert first["reflection"]["improve"] == "多举例子"
    assert document["profile"]["reflect_days"] == 1 and document["profile"]["reflect"] is True
    assert document["profile"]["locale"] == "en_IN"  # the round trip below keeps it
    second = document["interviews"][1]
    assert second["topic_for"] == [{"email": "raj@acme.example", "topic": "the on-call rota"}]
    assert [p["name"] for p in second["recruiters"]] == ["Ana Ruiz", "Bo Chen"]
    assert first["topic_for"] == []
    assert len(first["uid"]) == 32


def test_json_round_trip_into_an_empty_store(ok, seeded, tmp_path, backend):
    first = tmp_path / "export.json"
    ok("export", "--output", str(first))
    backend.use("elsewhere")
    ok("import", str(first))
    assert without_stamp(exported(ok)) == without_stamp(first.read_text())


def test_importing_the_same_export_twice_adds_nothing_the_second_time(ok, seeded, tmp_path):
    path = tmp_path / "export.json"
    ok("export", "-o", str(path))
    result = ok("import", str(path))
    assert "Imported 0 interviews; 3 already in the store were skipped." in result.stderr
    assert len(ok("list", "--all", "--json").json()) == 3


def test_csv_export_is_excel_friendly_and_inert(ok, tmp_path):
    ok(
        "add",
        "-c",
        '=HYPERLINK("http://evil.example")',
        "-r",
        "+1 Dev",
        "--at",
        "2026-11-02 10:00",
        "--notes",
        "line one\nline two, with a comma",
    )
    ok("add", "-c", "@SUM(A1)", "-r", "-2", "--at", "2026-11-03 10:00", "--notes", "=1+1")
    ok("export", "--format", "csv", "--output", str(tmp_path / "out.csv"))
    data = (tmp_path / "out.csv").read_bytes().decode("utf-8")
    assert data.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(data.removeprefix("\ufeff"), newline="")))
    assert [r["company"] for r in rows] == ['\'=HYPERLINK("http://evil.example")', "'@SUM(A1)"]
    assert [r["role"] for r in rows] == ["'+1 Dev", "'-2"]
    assert rows[0]["notes"] == "line one\nline two, with a comma"
    assert rows[1]["notes"] == "'=1+1"
    assert rows[0]["status"] == "awaiting"
    assert data.count("\r\n") == 3  # RFC 4180 record ends; the note's own line break stays inside


def test_csv_export_imports_back(ok, seeded, tmp_path, backend):
    path = tmp_path / "out.csv"
    ok("export", "-f", "csv", "-o", str(path))
    backend.use("other")
    ok("profile", "--timezone", "Asia/Shanghai")
    ok("import", str(path))
    back = {i["company"]: i for i in ok("list", "--all", "--json").json()}
    assert back["华为"]["notes"] == "二面\n带作品集" and back["华为"]["contacts"] == [
        "王芳 <wang.fang@example.cn>"
    ]
    assert back["Acme"]["status"] == "withdrawn"
    assert back["华为"]["events"][0]["name"] == "thanks"


def test_csv_import_with_any_header_case_and_optional_columns(ok, tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(
        "Company,ROLE,At,round,Contact,recruiter,Decision_By,lang,notes,result,result_at,thanks_at\n"
        "Acme,Dev,2026-11-02 10:00,2,Jane <jane@acme.example>; raj@acme.example,,2026-11-09,hi,"
        '"multi\nline",,,2026-11-02 18:00\n'
        "Globex,Ops,2026-11-04 09:00,,,,,,,offer,2026-11-08 10:00,\n",
        encoding="utf-8",
    )
    result = ok("import", str(path))
    assert "Imported 2 interviews." in result.stderr
    acme, globex = ok("list", "--all", "--json").json()
    assert acme["round"] == 2 and acme["lang"] == "hi" and acme["notes"] == "multi\nline"
    assert acme["contacts"] == ["Jane <jane@acme.example>", "raj@acme.example"]
    assert acme["decision_by"] == "2026-11-09"
    assert [p["action"] for p in acme["pending"]] == ["reflect", "check"]  # thanks done on import
    assert globex["status"] == "offer" and globex["pending"] == []  # closed by its result
    again = ok("import", str(path))
    assert "2 already in the store were skipped" in again.stderr


def test_csv_with_bad_rows_imports_nothing_and_names_each(ok, run, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "company,role,at,contact,lang,round\n"
        "Acme,Dev,2026-11-02 10:00,,,\n"
        '"Two\nlines",Dev,2026-11-02 10:00,,,\n'  # row 3 spans two lines: still row 3
        ",Dev,2026-11-02 10:00,,,\n"
        "Globex,Ops,not a date,,,\n"
        "Initech,QA,2026-11-02 10:00,Jane <jane>,fr,zero\n"
        "Hooli,QA,11/12/2026,,,0\n",
        encoding="utf-8",
    )
    result = run("import", str(path))
    assert result.exit_code == 1
    message = result.stderr
    assert message.startswith("Error: nothing was imported")
    assert "row 3, company: must be one line" in message
    assert "row 4, company: must not be empty" in message
    assert "row 5, at: 'not a date' is not a date" in message
    assert "row 6, lang:" in message and "row 6, round:" in message
    assert "row 7, round:" in message and "row 7, at: '11/12/2026' is ambiguous" in message
    assert "row 2" not in message
    assert ok("list", "--all", "--json").json() == []


@pytest.mark.parametrize(
    "rows, message",
    [
        (
            "company,role,at,result_at\nA,B,2026-11-02 10:00,2026-11-05 10:00\n",
            "row 2, result_at: there is no result to date",
        ),
        (
            "company,role,at,result,result_at\nA,B,2026-11-02 10:00,offer,2026-11-01 10:00\n",
            "row 2, result_at: '2026-11-01 10:00' is before the interview",
        ),
        (
            "company,role,at,thanks_at\nA,B,2026-11-02 10:00,2026-10-01 10:00\n",
            "row 2, thanks_at: '2026-10-01 10:00' is before the interview",
        ),
        (
            "company,role,at,Role\nA,B,2026-11-02 10:00,C\n",
            "row 1: the column role appears more than once",
        ),
        ("company;role;at\nA;B;2026-11-02\n", "separated by ';'"),
    ],
)
def test_csv_rows_that_contradict_themselves_are_refused(ok, run, tmp_path, rows, message):
    path = tmp_path / "in.csv"
    path.write_text(rows, encoding="utf-8")
    result = run("import", str(path))
    assert result.exit_code == 1 and message in result.stderr, result.stderr
    assert ok("list", "--all", "--json").json() == []


def test_dry_run_reports_and_changes_nothing(ok, seeded, tmp_path, backend):
    path = tmp_path / "export.json"
    ok("export", "-o", str(path))
    backend.use("empty")
    result = ok("import", str(path), "--dry-run")
    assert "Would import 3 interviews." in result.stderr
    assert ok("list", "--all", "--json").json() == []
    assert ok("profile", "--json").json()["name"] == ""


@pytest.mark.parametrize(
    "content, message",
    [
        (b"{not json", "not valid JSON"),
        (b'{"format": "something-else"}', "format"),
        (b"\xff\xfe\x00garbage", "is not UTF-8"),
        (b"", "the file is empty"),
        (b"name,title\nA,B\n", "row 1: the header has no column company, role, at"),
        (b"company,role,at,salary\nA,B,2026-01-01,1\n", "row 1: unknown column salary"),
    ],
)
def test_unreadable_files_are_refused(ok, run, tmp_path, content, message):
    path = tmp_path / "in.file"
    path.write_bytes(content)
    result = run("import", str(path))
    assert result.exit_code == 1 and message in result.stderr, result
    assert ok("list", "--all", "--json").json() == []


def test_a_json_export_with_a_bad_interview_imports_nothing(ok, run, seeded, tmp_path, backend):
    document = json.loads(exported(ok))
    document["interviews"][1]["company"] = "Bad\nName"
    document["interviews"][2]["at"] = "yesterday"
    document["interviews"][0]["uid"] = "11111111-1111-1111-1111-111111111111"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))
    backend.use("empty")
    result = run("import", str(path))
    assert result.exit_code == 1
    assert "interviews.1.company: must be one line" in result.stderr
    assert "interviews.2.at" in result.stderr
    assert (
        "interviews.0.uid: '11111111-1111-1111-1111-111111111111' is not a followup uid "
        "(32 hexadecimal digits)" in result.stderr
    )
    assert ok("list", "--all", "--json").json() == []


def test_import_of_a_missing_file(run, tmp_path):
    result = run("import", str(tmp_path / "nope.json"))
    assert result.exit_code == 1 and result.stderr.startswith("Error: cannot read")


def test_ics_has_an_event_per_pending_action_with_stable_uids(ok):
    from icalendar import Calendar

    ok("profile", "--timezone", "America/New_York")
    ok("add", "-c", "Acme", "-r", "Dev", "--at", "2026-11-20 10:00")
    ok("reflect", "1", "--improve", "x")
    ok("add", "-c", "Globex", "-r", "Ops", "--at", "2026-11-18 10:00")
    ok("done", "thanks", "2", "--at", "2026-11-18 12:00")
    ok("reflect", "2", "--improve", "y")
    ok("add", "-c", "Closed", "-r", "X", "--at", "2026-11-10 10:00")
    ok("result", "3", "rejected", "--at", "2026-11-12 10:00")

    def events():
        calendar = Calendar.from_ical(ok("export", "--format", "ics").stdout)
        return {str(e["uid"]): e for e in calendar.walk("VEVENT")}

    first = events()
    summaries = sorted(str(e["summary"]) for e in first.values())
    assert summaries == [
        "Ask for news: Acme, Dev",
        "Ask for news: Globex, Ops",
        "Send a thank-you: Acme, Dev",
    ]
    thanks = next(e for e in first.values() if "thank-you" in str(e["summary"]))
    assert thanks.decoded("dtstart").isoformat() == "2026-11-22"
    assert thanks.walk("VALARM")[0].decoded("trigger") == timedelta(hours=-15)  # the day before
    ok("edit", "1", "--role", "Developer", "--notes", "edited")
    assert set(events()) == set(first)
    ok("add", "-c", "Fresh", "-r", "Z", "--at", "2026-11-21 10:00")
    summaries = [str(e["summary"]) for e in events().values()]
    assert "Reflect on the interview: Fresh, Z" in summaries


@pytest.mark.sqlite_only
def test_backup_writes_a_consistent_copy_beside_the_store(ok, seeded, home):
    path = ok("backup").stdout.strip()
    assert path.startswith(str(home / "followup-backup-")) and path.endswith(".db")
    with sqlite3.connect(path) as copy:
        assert copy.execute("pragma integrity_check").fetchone() == ("ok",)
        assert copy.execute("select count(*) from interview").fetchone() == (3,)


@pytest.mark.sqlite_only
def test_backup_while_another_program_is_writing(ok, seeded, home, tmp_path):
    writer = sqlite3.connect(home / "followup.db", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE interview SET company = 'uncommitted' WHERE id = 1")
    try:
        target = tmp_path / "copy.db"
        assert ok("backup", str(target)).stdout.strip() == str(target)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    with sqlite3.connect(target) as copy:
        assert copy.execute("select company from interview where id = 1").fetchone() == ("华为",)


@pytest.mark.sqlite_only
def test_backup_into_a_folder_twice_in_a_second(ok, seeded, tmp_path):
    first = ok("backup", str(tmp_path)).stdout.strip()
    second = ok("backup", str(tmp_path)).stdout.strip()
    assert first != second and all(
        p.startswith(str(tmp_path / "followup-backup-")) for p in (first, second)
    )


@pytest.mark.sqlite_only
def test_backup_never_overwrites_and_reports_an_unwritable_place(ok, run, seeded, tmp_path):
    target = tmp_path / "copy.db"
    target.write_text("keep me")
    result = run("backup", str(target))
    assert result.exit_code == 1 and "exists already" in result.stderr
    assert target.read_text() == "keep me"
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run("backup", str(blocker / "copy.db"))
    assert result.exit_code == 1 and result.stderr.startswith("Error: cannot write")


# -- big files: read as they are inserted, in batches, still all or nothing -----------------


@pytest.fixture
def small_pieces(monkeypatch):
    """Batches of two interviews and a JSON buffer of 7 characters: every boundary is met."""
    from followup.store import dump
    from followup.transfer import stream

    monkeypatch.setattr(dump, "BATCH", 2)
    monkeypatch.setattr(stream, "CHUNK", 7)


def test_a_json_export_read_in_pieces_and_batches_imports_back_unchanged(
    ok, seeded, tmp_path, backend, small_pieces
):
    before = without_stamp(exported(ok))
    path = tmp_path / "all.json"
    path.write_text(exported(ok), encoding="utf-8")
    backend.use("copy")
    assert ok("import", str(path)).stderr == f"Imported {len(before['interviews'])} interviews.\n"
    assert without_stamp(exported(ok)) == before


def test_a_bad_interview_after_several_batches_imports_nothing_and_is_named(
    ok, run, tmp_path, backend, small_pieces
):
    for n in range(7):
        ok("add", "-c", f"Firm {n}", "-r", "Dev", "--at", f"2026-11-{10 + n} 10:00")
    document = json.loads(exported(ok))
    document["interviews"][6]["round"] = 0  # the last one, after three batches went in
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    backend.use("empty")
    result = run("import", str(path))
    assert result.exit_code == 1, result
    assert "nothing was imported" in result.stderr and "interviews.6.round" in result.stderr
    assert ok("list", "--all", "--json").json() == []
    assert ok("profile", "--json").json()["name"] == ""


def test_a_bad_csv_row_after_several_batches_imports_nothing_and_is_named(
    ok, run, tmp_path, backend, small_pieces
):
    rows = [f"Firm {n},Dev,2026-11-{10 + n} 10:00" for n in range(7)] + ["Late,Dev,not a date"]
    path = tmp_path / "bad.csv"
    path.write_text("company,role,at\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = run("import", str(path))
    assert result.exit_code == 1, result
    assert "row 9, at:" in result.stderr
    assert ok("list", "--all", "--json").json() == []


def test_json_broken_late_in_the_file_imports_nothing(ok, run, seeded, tmp_path, backend):
    text = exported(ok)
    path = tmp_path / "cut.json"
    path.write_text(text[: len(text) - 40], encoding="utf-8")  # cut in the last interview
    backend.use("empty")
    result = run("import", str(path))
    assert result.exit_code == 1 and "not valid JSON" in result.stderr, result
    assert ok("list", "--all", "--json").json() == []


def test_text_that_stops_being_utf8_late_in_the_file_imports_nothing(ok, run, tmp_path):
    rows = "".join(f"Firm {n},Dev,2026-11-{10 + n % 20} 10:00\n" for n in range(3000))
    path = tmp_path / "late.csv"
    path.write_bytes(b"company,role,at\n" + rows.encode() + b"Bad\xff,Dev,2026-11-20 10:00\n")
    result = run("import", str(path))
    assert result.exit_code == 1 and "is not UTF-8 text" in result.stderr, result
    assert ok("list", "--all", "--json").json() == []


@pytest.mark.parametrize(
    "text",
    [
        '{"interviews": [], "format": "followup-export", "version": 1,'
        ' "exported_at": "2026-11-20T10:00:00+00:00", "profile": {"name": "Li Wei"}}',
    ],
)
def test_a_json_export_in_any_member_order_is_read(ok, tmp_path, text):
    path = tmp_path / "order.json"
    path.write_text(text, encoding="utf-8")
    ok("import", str(path))
    assert ok("profile", "--json").json()["name"] == "Li Wei"
