"""Nothing damaged, nothing refused that could be served: errors, help and written files."""

from __future__ import annotations

import pytest

from followup.cli import prompt

pytestmark = pytest.mark.usefixtures("backend")  # every test runs on SQLite and on PostgreSQL


def add(ok, *extra: str) -> str:
    ok("profile", "--timezone", "UTC")
    return str(ok("add", "-c", "Acme", "-r", "Dev", "--json", *extra).json()["id"])


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    "args, words",
    [
        (["done"], "missing ACTION: one of thanks, check, reply, decline"),
        (["done", "bogus", "1"], "ACTION: 'bogus' is not one of"),
        (["add", "-c", "A", "-r", "B", "--round", "x"], "--round: it should be a whole number"),
        (["profile", "--lang", "fr"], "--lang: 'fr' is not one of 'en', 'zh', 'hi'"),
        (["show", "1", "--bogus"], "No such option: --bogus"),
        (["bogus"], "No such command 'bogus'"),
    ],
)
def test_every_click_error_is_one_error_line(run, args, words):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert words in lines[0]
    assert "Value error" not in lines[0] and "Input should be" not in lines[0]


@pytest.mark.parametrize("args", [["add"], ["rm", "1"]])
def test_ctrl_d_or_ctrl_c_at_a_prompt_is_one_line_and_exit_130(ok, run, monkeypatch, args):
    add(ok, "--at", "2026-11-20 10:00")
    monkeypatch.setattr(prompt, "interactive", lambda: True)
    result = run(*args, input="")  # end of input at the prompt, as Ctrl-D gives
    assert result.exit_code == 130
    assert "Aborted" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert errors == ["Error: interrupted; nothing more was recorded."]
    assert len(ok("list", "--all", "--json").json()) == 1


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    "command",
    [
        "add",
        "edit",
        "rm",
        "due",
        "done",
        "result",
        "draft",
        "reflect",
        "prep",
        "backup",
        "log",
        "forget",
        "undo",
        "export",
        "profile",
        "stats",
        "templates copy",
    ],
)
def test_help_names_no_python_types_and_no_doubled_brackets(ok, command):
    text = ok(*command.split(), "--help").stdout
    for bad in ("<int", "<str>", "<list", "<path", "<float", "[[", "<bool", "<en|", "<thanks"):
        assert bad not in text, (bad, text)


@pytest.mark.sqlite_only
def test_edit_at_does_not_claim_a_default_of_now(ok):
    text = " ".join(ok("edit", "--help").stdout.split())
    assert "Default: now" not in text
    assert "Default: now" in " ".join(ok("add", "--help").stdout.split())


def test_export_to_an_empty_path_is_a_usage_error_and_an_existing_file_needs_force(
    ok, run, tmp_path
):
    add(ok, "--at", "2026-11-20 10:00")
    empty = run("export", "-o", "")
    assert empty.exit_code == 2 and empty.stderr.startswith("Error: --output needs a file name")
    target = tmp_path / "all.json"
    target.write_text("precious")
    refused = run("export", "-o", str(target))
    assert refused.exit_code == 1 and "add --force" in refused.stderr
    assert target.read_text() == "precious"
    ok("export", "-o", str(target), "--force")
    assert '"followup-export"' in target.read_text()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []


@pytest.mark.sqlite_only
def test_backup_to_an_empty_path_is_a_usage_error_and_an_existing_file_needs_force(
    ok, run, tmp_path, monkeypatch
):
    add(ok, "--at", "2026-11-20 10:00")
    monkeypatch.chdir(tmp_path)
    empty = run("backup", "")
    assert empty.exit_code == 2 and empty.stderr.startswith("Error: ")
    assert [p.name for p in tmp_path.iterdir()] == ["home"]  # nothing written here
    target = tmp_path / "copy.db"
    target.write_text("precious")
    refused = run("backup", str(target))
    assert refused.exit_code == 1 and "add --force" in refused.stderr
    assert target.read_text() == "precious"
    ok("backup", str(target), "--force")
    assert target.read_bytes().startswith(b"SQLite format 3")


def test_a_thank_you_drafted_before_the_interview_is_warned_about(ok):
    ident = add(ok, "--at", "2099-11-20 10:00")
    result = ok("draft", "thanks", ident, "--json")
    assert "has not happened yet" in result.stderr


# -- drafts: copy-friendly, quoted names, internationalized addresses ---------------------


def _draft(to, cc=()):
    from followup import drafts, records

    return drafts.Draft(
        "thanks",
        "en",
        tuple(records.Person(*p) for p in to),
        tuple(records.Person(*p) for p in cc),
        "Thank you",
        "Dear Eve,\n\nThank you.\n",
    )


@pytest.mark.sqlite_only
def test_a_draft_in_a_terminal_has_no_box_and_ends_with_the_command_to_record_it():
    from rich.console import Console

    from followup import render

    out = Console(record=True, width=50, color_system=None)
    render.drafts_panels([_draft([("Eve, Jr.", "eve@x.example")])], out, 3)
    text = out.export_text()
    assert not set("│╭╮╰╯─┃━") & set(text), text
    assert 'To: "Eve, Jr." <eve@x.example>' in text
    assert text.rstrip().splitlines()[-1] == "Once sent: followup done thanks 3"


@pytest.mark.sqlite_only
def test_plain_quotes_display_names_as_the_eml_does():
    import email
    from email import policy

    from followup import drafts
    from followup.cli import output

    draft = _draft([("Eve, Jr.", "eve@x.example"), ("Raj", "raj@x.example")])
    plain = output.plain_email(draft)
    assert plain.splitlines()[0] == 'To: "Eve, Jr." <eve@x.example>, Raj <raj@x.example>'
    parsed = email.message_from_bytes(drafts.to_eml(draft, None), policy=policy.default)
    assert [a.display_name for a in parsed["To"].addresses] == ["Eve, Jr.", "Raj"]


@pytest.mark.sqlite_only
def test_an_internationalized_domain_is_written_in_idna_and_a_non_ascii_user_refused():
    import email
    from email import policy

    from followup import drafts
    from followup.errors import FollowupError

    raw = drafts.to_eml(_draft([("Wang", "wang@例子.中国")]), None)
    raw.decode("ascii")  # every header 7-bit
    parsed = email.message_from_bytes(raw, policy=policy.default)
    assert parsed["To"].addresses[0].domain == "xn--fsqu00a.xn--fiqs8s"
    with pytest.raises(FollowupError, match="before the @"):
        drafts.to_eml(_draft([("Wang", "王@例子.中国")]), None)


# -- a damaged store is never written to ---------------------------------------------------


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    "damage",
    [
        "DELETE FROM migration WHERE name = 'm001_initial'",
        "INSERT INTO migration (name, applied_at) VALUES ('m999_other_program', '2026-01-01')",
        "ALTER TABLE interview DROP COLUMN zone",
        "DROP TABLE journal",
    ],
)
def test_a_store_that_does_not_match_its_migration_log_is_left_byte_for_byte(ok, run, home, damage):
    import sqlite3

    add(ok, "--at", "2026-11-20 10:00")
    path = home / "followup.db"
    with sqlite3.connect(path) as conn:
        conn.execute(damage)
    conn.close()
    before = path.read_bytes()
    for args in (["add", "-c", "B", "-r", "C"], ["done", "thanks", "1"], ["undo"]):
        result = run(*args)
        assert result.exit_code == 1, result
        assert result.stderr.startswith("Error: the store at ")
        assert "damaged" in result.stderr and "followup backup" in result.stderr
        assert ".recover" in result.stderr and len(result.stderr.splitlines()) == 1
        assert path.read_bytes() == before
    run("list")  # a read may answer or fail, but writes nothing
    assert path.read_bytes() == before


@pytest.mark.sqlite_only
def test_a_damaged_page_is_found_before_any_write(ok, run, home):
    add(ok, "--at", "2026-11-20 10:00")
    path = home / "followup.db"
    data = bytearray(path.read_bytes())
    page = 4096
    for number in (1, 2, 3):  # the type byte of pages of tables and indexes
        data[page * number] = 0xFF
    path.write_bytes(bytes(data))
    for name in ("followup.db-wal", "followup.db-shm"):
        (home / name).unlink(missing_ok=True)
    before = path.read_bytes()
    result = run("add", "-c", "B", "-r", "C")
    assert result.exit_code == 1 and result.stderr.startswith("Error: ")
    assert path.read_bytes() == before


# -- a store that may be read but not written ----------------------------------------------


@pytest.mark.sqlite_only
def test_a_read_only_store_serves_every_read_and_only_a_write_says_it_cannot(
    ok, run, home, monkeypatch
):
    ident = add(ok, "--at", "2026-11-20 10:00")
    ok("done", "thanks", ident, "--at", "2026-11-21 09:00")
    path = home / "followup.db"
    before = path.read_bytes()
    # as a read-only file or folder would be (the tests may run as root, who may write anyway)
    monkeypatch.setattr("followup.store.sqlite_reader.writable", lambda p: False)
    monkeypatch.setattr("followup.store.opening.writable", lambda p: False)
    for args in (
        ["list", "--all"],
        ["show", ident],
        ["due", "--on", "2026-11-20 12:00"],
        ["log", ident],
        ["export"],
        ["lessons"],
        ["stats", "--json"],
        ["draft", "check", ident, "--plain"],
        ["profile", "--json"],
    ):
        ok(*args)
    refused = run("add", "-c", "B", "-r", "C")
    assert refused.exit_code == 1
    assert refused.stderr.startswith("Error: cannot write to the store at ")
    assert len(refused.stderr.splitlines()) == 1
    assert run("undo").exit_code == 1
    assert path.read_bytes() == before


# -- narrow terminals ------------------------------------------------------------------------


@pytest.mark.sqlite_only
@pytest.mark.parametrize("width", [60, 50, 72, 80])
def test_a_narrow_terminal_shows_the_interview_and_the_whole_next_command(width, monkeypatch):
    from datetime import datetime, timezone

    from rich.console import Console

    from followup import records, render, render_screen, rules

    now = datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc)
    item = records.Interview(
        id=12,
        company="Globex International Holdings",
        role="Senior Customer Support Engineer",
        at=datetime(2026, 11, 21, 15, 0, tzinfo=timezone.utc),
    )
    items = rules.due([(item.id, item.facts())], now, timezone.utc)
    monkeypatch.setenv("COLUMNS", str(width))
    monkeypatch.setenv("LINES", "40")
    monkeypatch.setenv("NO_COLOR", "1")
    morning = records.Morning.of([(i, item) for i in items])
    text = render_screen.screen(morning, timezone.utc, now)
    lines = text.splitlines()
    assert "…" not in text
    assert all(render_screen.width(line) <= width for line in lines), text  # folded, not cut
    words = text.split()  # a table folds the cell among the others' lines, whole words
    assert all(w in words for w in ["Globex", "International", "Holdings", "Senior", "Support"]), (
        text
    )
    assert any(line.strip().endswith("followup draft thanks 12") for line in lines), text
    if width >= render.NARROW:
        return  # below: `list` too stacks its cells
    listing = [
        render.interview_json(
            item, rules.assess(item.facts(), now, timezone.utc), now, timezone.utc
        )
    ]
    listing[0]["next"] = "thank-you in 1 day"
    out = Console(record=True, width=width, color_system=None)
    render.interviews_table(listing, timezone.utc, now, out)
    text = out.export_text()
    assert "…" not in text and "Senior Customer Support Engineer" in text
