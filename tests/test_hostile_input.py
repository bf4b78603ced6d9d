"""What people (and scripts) type that is not what a command expects: each ends in one
``Error:`` line and a documented exit code, through the real entry point, never a traceback
or an "unexpected" error, and nothing is stored."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ENTRY = "import sys\nfrom followup.entry import main\nsys.argv[0] = 'followup'\nmain()\n"


def cli(
    *args: str | bytes, env: dict[str, str] | None = None, stdout: object = subprocess.PIPE
) -> subprocess.CompletedProcess[bytes]:
    """``followup ARGS`` in a process of its own, as a shell runs it (bytes allowed)."""
    environ = {k: v for k, v in os.environ.items() if k != "FOLLOWUP_DEBUG"}
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, "-c", ENTRY, *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=environ,
        timeout=60,
        check=False,
    )


def refused(out: subprocess.CompletedProcess[bytes], code: int, *, notes: bool = False) -> str:
    """The one ``Error:`` line of a refused command, checked to be just that (after the
    warnings a draft gives, with ``notes``)."""
    err = out.stderr.decode("utf-8", "replace")
    assert out.returncode == code, err
    assert "Traceback" not in err and "report this" not in err.lower(), err
    assert not re.search(r"unexpected \w+(Error|Exception|Warning)\b", err), err
    lines = err.strip().splitlines()
    if notes:
        lines = [line for line in lines if not line.startswith("Warning: ")]
    assert len(lines) == 1 and lines[0].startswith("Error: "), err
    return lines[0]


@pytest.fixture
def one(ok) -> None:
    ok("add", "-c", "Acme", "-r", "Dev", "--at", "2026-11-20 14:00", "--contact", "A <a@x.example>")


# -- numbers ----------------------------------------------------------------------------

NOT_ASCII_DIGITS = ["²", "١", "３", "½", "2²"]


@pytest.mark.parametrize("digit", NOT_ASCII_DIGITS)
@pytest.mark.parametrize(
    "args",
    [
        ["show", "{}"],
        ["show", "{}", "--json"],
        ["due", "--days", "{}"],
        ["due", "--days={}"],
        ["due", "--json", "--days", "{}"],
    ],
)
def test_a_number_in_other_digits_is_a_usage_error_on_the_fast_path(one, args, digit):
    line = refused(cli(*(a.format(digit) for a in args)), 2)
    assert "whole number" in line


@pytest.mark.parametrize("digit", ["²", "١"])
@pytest.mark.parametrize(
    "args",
    [
        ["show", "{}"],  # the Typer commands the fast path hands over to
        ["due", "--days", "{}"],
        ["done", "thanks", "{}"],
        ["draft", "thanks", "{}"],
        ["send", "thanks", "{}", "--dry-run"],
        ["rm", "{}"],
        ["edit", "{}", "-c", "X"],
        ["edit", "1", "--round", "{}"],
        ["result", "{}", "offer"],
        ["log", "{}"],
        ["forget", "{}"],
        ["prep", "{}"],
        ["reflect", "{}", "--improve", "x"],
        ["remind", "--days", "{}", "--dry-run"],
        ["profile", "--thanks-days", "{}"],
        ["profile", "--smtp-port", "{}"],
    ],
)
def test_a_number_in_other_digits_is_a_usage_error(one, run, args, digit):
    result = run(*(a.format(digit) for a in args))
    assert result.exit_code == 2, result
    assert result.stderr.startswith("Error: ") and len(result.stderr.splitlines()) == 1, result
    assert "whole number" in result.stderr, result
    assert run("list", "--json").json()[0]["id"] == 1  # nothing added, nothing removed


def test_the_fast_path_reads_only_ascii_digits():
    from followup import entry

    assert entry._plain(["show", "²"]) is None
    assert entry._plain(["show", "١"]) is None
    assert entry._plain(["due", "--days=²"]) is None
    assert entry._plain(["due", "--days", "７"]) is None
    assert entry._plain(["show", "12"]) == ("show", {"interview_id": 12, "json": False})


# -- bytes that are not UTF-8 -----------------------------------------------------------


@pytest.mark.parametrize("locale", ["C.UTF-8", "C"])
@pytest.mark.parametrize(
    ("args", "option"),
    [
        ([b"add", b"-c", b"Caf\xe9", b"-r", b"Dev"], "--company"),
        ([b"add", b"--company=Caf\xe9", b"-r", b"Dev"], "--company"),
        ([b"add", b"-c", b"Acme", b"-r", b"D\xffv"], "--role"),
        (
            [b"add", b"-c", b"Acme", b"-r", b"Dev", b"--contact", b"Jos\xe9 <j@x.example>"],
            "--contact",
        ),
        ([b"edit", b"1", b"--topic", b"caf\xe9"], "--topic"),
        ([b"profile", b"--name", b"Jos\xe9"], "--name"),
        ([b"draft", b"decline", b"1", b"--reason", b"caf\xe9"], "--reason"),
        ([b"show", b"\xff"], "ID"),
    ],
)
def test_an_argument_that_is_not_utf8_is_refused_naming_it(one, run, args, option, locale):
    line = refused(cli(*args, env={"LANG": locale, "LC_ALL": locale}), 2)
    assert line.startswith(f"Error: {option}: ") and "not UTF-8" in line, line
    stored = run("export").stdout
    assert stored.count('"uid"') == 1 and "Caf" not in stored and "\\udc" not in stored
    assert "Jos" not in stored


def test_a_file_name_may_be_any_bytes(one, tmp_path):
    target = os.fsencode(tmp_path) + b"/export-\xff.json"
    out = cli(b"export", b"-o", target)
    assert out.returncode == 0, out.stderr
    assert os.path.exists(target)


# -- the TZ variable --------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["UTC+99", "EST99EDT,M3.2.0,M11.1.0", "foo/bar", "../../etc/passwd", "zone.tab", "A"]
)
@pytest.mark.parametrize("args", [["due"], ["list", "--json"], ["add", "-c", "A", "-r", "B"]])
def test_a_tz_that_is_no_zone_is_one_error_line(value, args):
    line = refused(cli(*args, env={"TZ": value}), 1)
    assert f"the TZ variable {value!r} is not a time zone" in line


@pytest.mark.parametrize("args", [["due"], ["show", "1"]])
def test_a_tz_that_is_no_zone_is_one_error_line_on_either_path(ok, run, monkeypatch, args):
    ok("add", "-c", "Acme", "-r", "Dev", "--at", "2026-11-20 14:00")
    monkeypatch.setenv("TZ", "UTC+99")
    result = run(*args)
    assert result.exit_code == 1 and "the TZ variable 'UTC+99'" in result.stderr, result


POSIX_NEW_YORK = "EST5EDT,M3.2.0,M11.1.0"


@pytest.mark.parametrize(
    "at",
    [
        "2026-03-06 02:30",  # the thank-you deadline two days later falls in the gap
        "2026-03-08",  # midnight exists; the evening before does too
        "2026-03-07 02:30",
        "2026-03-08 02:30",  # in the gap itself: refused alike
        "2026-11-01 01:30",  # twice: refused alike
        "2026-11-01 01:30 -04:00",
    ],
)
def test_a_posix_tz_rule_answers_as_the_zone_name(run, monkeypatch, at):
    """A POSIX rule resolves a wall-clock time the clocks skip forward, as zoneinfo does for
    America/New_York; dateutil alone moved such a deadline an hour back."""
    answers = []
    for tz in ("America/New_York", POSIX_NEW_YORK):
        monkeypatch.setenv("TZ", tz)
        monkeypatch.setenv("FOLLOWUP_HOME", str(Path(os.environ["FOLLOWUP_HOME"]) / tz[:7]))
        result = run("add", "-c", "Acme", "-r", "Dev", "--at", at, "--json")
        if result.exit_code:
            where = "America/New_York" if tz.startswith("America") else "your time zone"
            answers.append((result.exit_code, result.stderr.replace(where, "ZONE")))
        else:
            shown = result.json()
            answers.append(
                (0, [shown["at"], *((a["opens"], a["deadline"]) for a in shown["pending"])])
            )
    assert answers[0] == answers[1]


def test_a_posix_rule_with_a_midnight_change_resolves_forward():
    from datetime import datetime, timezone
    from zoneinfo import ZoneInfo

    from followup import dates, zones

    now = datetime(2018, 10, 1, tzinfo=timezone.utc)
    posix = zones.posix_zone("BRT3BRST,M11.1.0/0,M2.3.0/0")  # Sao Paulo's rule in 2018
    assert posix is not None
    named = ZoneInfo("America/Sao_Paulo")
    for text in ("2018-11-04", "2018-11-04 01:30", "2018-11-03 23:59", "2019-02-16 23:30 -02:00"):
        assert dates.parse(text, now=now, tz=posix) == dates.parse(text, now=now, tz=named)
    midnight = dates.parse("2018-11-04", now=now, tz=posix)
    assert midnight.astimezone(timezone.utc) == datetime(2018, 11, 4, 3, tzinfo=timezone.utc)


@pytest.mark.parametrize("rule", ["UTC+3", "UTC-05:30", "EST5EDT", "CET-1CEST,M3.5.0,M10.5.0/3"])
def test_posix_offsets_count_west_as_the_c_library_does(rule):
    from datetime import datetime, timezone

    from followup import zones

    zone = zones.posix_zone(rule)
    assert zone is not None
    winter = datetime(2026, 1, 15, 12, tzinfo=timezone.utc).astimezone(zone)
    expected = subprocess.run(
        ["date", "-d", "@" + str(int(winter.timestamp())), "+%z"],
        env={"TZ": rule},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert winter.strftime("%z") == expected


# -- a full disk under stdout -----------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["due"],  # the fast path
        ["due", "--json"],
        ["due", "--days=7", "--on", "tomorrow"],
        ["list"],
        ["list", "--all", "--json"],
        ["show", "1"],
        ["show", "1", "--json"],
        ["list", "--json", "--json"],  # not a fast-path form: the Typer commands
        ["show", "1", "--json", "--json"],
        ["draft", "thanks", "1"],
        ["draft", "thanks", "1", "--plain"],
        ["draft", "thanks", "1", "--json"],
        ["export"],
        ["export", "-f", "csv"],
        ["export", "-f", "ics"],
        ["stats", "--json"],
        ["path"],
        ["templates", "show", "thanks"],
        ["--help"],
    ],
)
def test_stdout_on_a_full_disk_is_one_error_line(one, args):
    with open("/dev/full", "w") as full:
        out = cli(*args, stdout=full)
    line = refused(out, 1, notes=args[0] == "draft")
    assert line == "Error: cannot write the output: No space left on device"


@pytest.mark.parametrize("args", [["due"], ["due", "--json"], ["list"], ["show", "1"]])
def test_stdout_on_a_full_disk_is_one_error_line_on_the_typer_path(one, args):
    """The same commands through Typer (the fast path stands aside during completion)."""
    with open("/dev/full", "w") as full:
        out = cli(*args, stdout=full, env={"SOME_OTHER_COMPLETE": "1"})
    assert refused(out, 1) == "Error: cannot write the output: No space left on device"


def test_a_write_that_fails_elsewhere_is_not_blamed_on_stdout(one, tmp_path):
    """Only stdout's own failure reads as 'cannot write the output'."""
    out = cli("export", "-o", str(tmp_path / "file" / "under" / "nothing.json"))
    line = refused(out, 1)
    assert "cannot write the output" not in line and "nothing.json" in line


# -- template syntax in what the user typed ---------------------------------------------

BRACES = {
    "company": "Acme {{ 7*7 }}",
    "role": "Dev {% if %}",
    "topic": "the {# queue",
    "strength": "ten {{ years",
    "idea": "a {% raw %} FAQ",
    "name": "Li }} {#",
    "contact": "Ann {% <ann@x.example>",
    "recruiter": "Ra {{ j <raj@x.example>",
    "reason": "I {{ took }} another {% offer",
}


@pytest.mark.parametrize("lang", ["en", "zh", "hi"])
@pytest.mark.parametrize("kind", ["thanks", "check", "decline"])
def test_template_syntax_typed_by_the_user_is_written_literally(ok, lang, kind):
    ok("profile", "--name", BRACES["name"], "--email", "li@x.example")
    ok(
        "add", "-c", BRACES["company"], "-r", BRACES["role"], "--at", "2026-11-20 14:00",
        "--topic", BRACES["topic"], "--strength", BRACES["strength"], "--idea", BRACES["idea"],
        "--contact", BRACES["contact"], "--recruiter", BRACES["recruiter"], "--lang", lang,
    )  # fmt: skip
    reason = ["--reason", BRACES["reason"]] if kind == "decline" else []
    mails = ok("draft", kind, "1", "--json", *reason).json()
    text = "\n".join(m["subject"] + "\n" + m["body"] for m in mails)
    for key in ("company", "name"):
        assert BRACES[key] in text, (key, text)
    assert "Dev {% if %}" in text  # the role, as a phrase
    if kind == "decline":
        assert "I {{ took }} another {% offer" in text
    plain = ok("draft", kind, "1", "--plain", *reason).stdout
    assert "{{ 7*7 }}" in plain and "49" not in plain


@pytest.mark.parametrize("kind", ["thanks", "check", "decline"])
def test_template_syntax_typed_by_the_user_is_sent_literally_through_the_entry_point(ok, kind):
    ok("add", "-c", "Acme {{ x }}", "-r", "Dev {%", "--at", "2026-11-20 14:00",
       "--contact", "Ann {# <a@x.example>", "--topic", "t {{")  # fmt: skip
    reason = ["--reason", "I {{ took }} another"] if kind == "decline" else []
    out = cli("draft", kind, "1", "--plain", *reason)
    assert out.returncode == 0, out.stderr
    assert "Acme {{ x }}" in out.stdout.decode()


def test_a_broken_user_template_is_still_named(ok, home):
    ok("add", "-c", "Acme {{", "-r", "Dev", "--at", "2026-11-20 14:00", "--contact", "a@x.example")
    user = Path(ok("templates", "copy", "thanks", "--lang", "en").stdout.strip())
    user.write_text(user.read_text(encoding="utf-8") + "\n{{ company\n", encoding="utf-8")
    line = refused(cli("draft", "thanks", "1"), 1, notes=True)
    assert line.startswith(f"Error: template {user}, line "), line
    user.write_text("Subject: Hi\n\n{{ '{{' }} left over\n", encoding="utf-8")
    line = refused(cli("draft", "thanks", "1"), 1, notes=True)
    assert line == f"Error: template {user}: template syntax '{{{{' is left in the email", line


def test_a_template_error_caused_by_the_users_text_names_the_field(ok, home):
    ok("add", "-c", "Acme", "-r", "Dev", "--at", "2026-11-20 14:00", "--contact", "a@x.example",
       "--topic", "a 100% {{ pass")  # fmt: skip
    user = home / "templates" / "en" / "thanks.txt"
    user.parent.mkdir(parents=True)
    user.write_text("Subject: Hi\n\nAbout {{ topic|format }}.\n", encoding="utf-8")
    line = refused(cli("draft", "thanks", "1"), 1, notes=True)
    assert line.startswith(f"Error: template {user}, line 3 cannot take your topic (--topic"), line
    assert line.endswith("Change that text, or the template"), line


# -- line breaks other than CR and LF ---------------------------------------------------

BREAKS = ["\u2028", "\u2029", "\x85", "\v", "\f", "\x1c", "\x1d", "\x1e", "\r", "\n"]


@pytest.mark.parametrize("brk", BREAKS, ids=[hex(ord(b)) for b in BREAKS])
@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["add", "-c", "A{}B", "-r", "Dev"], "--company"),
        (["add", "-c", "Acme", "-r", "D{}v"], "--role"),
        (["add", "-c", "Acme", "-r", "Dev", "--contact", "Ann{}Lee <a@x.example>"], "--contact"),
        (["add", "-c", "Acme", "-r", "Dev", "--recruiter", "Ann <a{}b@x.example>"], "--recruiter"),
        (["edit", "1", "--contact", "Ann{} <a@x.example>"], "--contact"),
        (["profile", "--name", "Li{}Wei"], "--name"),
        (["profile", "--email", "li{}@x.example"], "--email"),
    ],
)
def test_every_line_break_is_refused_in_names_and_addresses(one, run, args, option, brk):
    result = run(*(a.replace("{}", brk) for a in args))
    assert result.exit_code == 2, result
    assert result.stderr.startswith(f"Error: {option} must be one line"), result
    assert len(run("list", "--json").json()) == 1
    assert brk not in run("export").stdout.replace("\n", "").replace("\r", "") or brk in "\r\n"


@pytest.mark.parametrize("mark", ["\u202e", "\u202d", "\u2066", "\u2069"])
def test_a_bidirectional_override_is_refused_in_names_and_on_import(one, run, tmp_path, mark):
    result = run("add", "-c", f"A{mark}B", "-r", "Dev")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: --company must not contain control characters\n",
    ), result
    document = run("export").json()
    document["interviews"][0]["company"] = f"A{mark}B"
    file = tmp_path / "bidi.json"
    file.write_text(json.dumps(document), encoding="utf-8")
    refused = run("import", str(file))
    assert refused.exit_code == 1 and "interviews.0.company" in refused.stderr, refused
    assert len(run("list", "--json").json()) == 1


@pytest.mark.parametrize("brk", ["\u2028", "\u2029", "\x85"])
def test_a_line_break_in_an_import_is_refused_naming_the_row(ok, run, tmp_path, brk):
    import json

    ok("add", "-c", "Acme", "-r", "Dev", "--contact", "Ann <a@x.example>")
    exported = json.loads(ok("export").stdout)
    exported["interviews"][0]["uid"] = "f" * 32
    exported["interviews"][0]["contacts"][0]["name"] = f"Ann{brk}Lee"
    path = tmp_path / "in.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    result = run("import", str(path))
    assert result.exit_code != 0 and "line" in result.stderr, result
    assert len(run("list", "--json").json()) == 1


@pytest.mark.parametrize("brk", ["\u2028", "\u2029", "\x85"])
def test_a_line_break_in_free_text_is_a_space_in_the_letter(ok, brk):
    ok("add", "-c", "Acme", "-r", "Dev", "--at", "2026-11-20 14:00",
       "--contact", "Ann <a@x.example>", "--topic", f"the{brk}queue")  # fmt: skip
    (mail,) = ok("draft", "thanks", "1", "--json").json()
    assert "the queue" in mail["body"] and brk not in mail["body"]


def stored_with_a_break(ok, home, brk: str) -> None:
    """An older store that let a line break into a name."""
    import sqlite3

    ok("profile", "--name", "Li Wei", "--email", "li@x.example")
    ok("add", "-c", "Acme", "-r", "Dev", "--at", "2026-11-20 14:00",
       "--contact", "Ann Lee <a@x.example>", "--recruiter", "Raj <r@x.example>")  # fmt: skip
    with sqlite3.connect(home / "followup.db") as db:
        db.execute("UPDATE contact SET name = replace(name, ' ', ?)", (brk,))
        db.execute("UPDATE setting SET value = replace(value, 'Li Wei', ?)", (f"Li{brk}Wei",))
    db.close()


@pytest.mark.parametrize("brk", ["\u2028", "\u2029", "\x85"])
@pytest.mark.parametrize("kind", ["thanks", "decline"])
def test_a_line_break_already_stored_reaches_no_header_or_to_line(ok, home, brk, kind):
    from email import message_from_bytes, policy

    stored_with_a_break(ok, home, brk)
    plain = ok("draft", kind, "1", "--plain").stdout
    head = plain.split("\n\n", 1)[0]
    assert brk not in plain and head.splitlines()[0] == "To: Ann Lee <a@x.example>", plain
    assert len(head.splitlines()) == len(head.split("\n")) == (3 if kind == "decline" else 2)
    (mail,) = ok("draft", kind, "1", "--json").json()
    assert mail["to"] == ["Ann Lee <a@x.example>"]
    assert all(brk not in value for value in (mail["subject"], mail["body"], *mail["to"]))
    eml = home / "out.eml"
    ok("draft", kind, "1", "--eml", str(eml))
    message = message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert str(message["To"]) == "Ann Lee <a@x.example>"
    assert str(message["From"]) == "Li Wei <li@x.example>"
    assert brk not in message.get_content()


# -- offsets written after UTC or GMT ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("2026-11-20 14:00 UTC+05", "+05:00"),
        ("2026-11-20 14:00 UTC+5:30", "+05:30"),
        ("2026-11-20 14:00 UTC +5", "+05:00"),
        ("2026-11-20 14:00 utc+0530", "+05:30"),
        ("2026-11-20 14:00 GMT-3", "-03:00"),
        ("2026-11-20 14:00 +05:30", "+05:30"),
    ],
)
def test_an_offset_after_utc_means_ahead_of_utc(text, offset):
    """dateutil reads "UTC+5" the POSIX way (five hours behind), and dropped "UTC +5"."""
    from datetime import datetime, timezone

    from followup import dates, zones

    now = datetime(2026, 11, 1, tzinfo=timezone.utc)
    moment = dates.parse(text, now=now, tz=timezone.utc)
    assert moment.hour == 14 and zones.offset_text(moment.utcoffset()) == offset


@pytest.mark.parametrize("text", ["14:00 UTC+99", "14:00 +99:00", "14:00 GMT-25", "14:00 UTC+5:75"])
def test_an_offset_of_a_day_or_more_is_a_usage_error(run, text):
    result = run("add", "-c", "Acme", "-r", "Dev", "--at", text)
    assert result.exit_code == 2, result
    assert result.stderr.startswith(f"Error: --at {text!r}: UTC offsets run from"), result


def test_an_answer_at_a_prompt_that_is_not_utf8_is_refused_naming_the_option(run, monkeypatch):
    from typer.testing import CliRunner

    from followup.cli import app, prompt

    monkeypatch.setattr(prompt, "interactive", lambda: True)
    result = CliRunner().invoke(app, ["add"], input=b"Caf\xe9\nDev\n\n")
    assert result.exit_code == 2, result.stderr
    assert result.stderr.startswith("Error: --company: what was typed is not UTF-8 text")
    assert run("list", "--all", "--json").stdout.strip() == "[]"


@pytest.mark.parametrize(
    "args",
    [
        ["export", "-o", "x" * 300],
        ["backup", "x" * 300],
        ["draft", "thanks", "1", "--eml", "x" * 300],
        ["export", "-o", "loop/out.json"],
    ],
)
def test_a_file_name_the_system_refuses_is_one_error_line(one, run, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    result = run(*args)
    assert result.exit_code == 1, result
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1, result
    assert "Too many levels of symbolic links" in errors[0] or "too long" in errors[0], result


# -- anything else typed: a little fuzzing ----------------------------------------------

# Valid invocations; a "~" marks a value the fuzzer may replace with something odd.
FORMS = [
    ["add", "-c", "~Acme", "-r", "~Dev", "--at", "~2026-11-21 10:00", "--contact", "~b@x.example"],
    ["add", "-c", "Acme", "-r", "Dev", "--timezone", "~Asia/Kolkata", "--round", "~2",
     "--decision-by", "~2026-11-30", "--topic-for", "~a@x.example=queues"],
    ["edit", "~1", "--at", "~2026-11-20 15:00", "--recruiter", "~R <r@x.example>",
     "--topic", "~queues", "--strength", "~support", "--idea", "~a FAQ"],
    ["due", "--on", "~tomorrow", "--days", "~7"],
    ["show", "~1"],
    ["done", "~thanks", "~1", "--at", "~2026-11-21 09:00"],
    ["result", "~1", "~invited", "--at", "~2026-11-22 09:00"],
    ["draft", "~thanks", "~1", "--lang", "~zh"],
    ["draft", "decline", "1", "--reason", "~I accepted another offer", "--plain"],
    ["reflect", "1", "--question", "~Why?", "--answer", "~Because"],
    ["stats", "--since", "~2026-01-01"],
    ["prep", "--role", "~Dev"],
    ["profile", "--name", "~Li Wei", "--email", "~li@x.example", "--phone", "~+1 555 0100",
     "--timezone", "~Asia/Shanghai"],
    ["profile", "--thanks-days", "~3", "--smtp-host", "~smtp.example", "--notify", "~email"],
    ["remind", "--dry-run", "--on", "~tomorrow"],
    ["export", "-f", "~csv", "-o", "~out.csv"],
    ["log", "~1"],
]  # fmt: skip
ODD = [
    "", " ", "²", "١", "-1", "0", "99999999999999999999999", "{{", "{% if %}", "\u2028", "\x85",
    "\t", "a\x00b", "Caf\udce9", "2026-02-30", "9999-12-31", "0001-01-01", "14:00 UTC+05",
    "+99:00", "x" * 300, "=1+1", "a@b.co=", "A <a@b.co>", "<>", "é@x.co", "a@é.com", "%s",
    "IST", "Etc/GMT+14", "Factory", "posixrules", "../../etc/passwd", "tomorrow 9am", "thanks",
]  # fmt: skip


def test_no_input_ends_in_an_unexpected_error(ok, run, tmp_path, monkeypatch):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    monkeypatch.chdir(tmp_path)  # whatever a file name turns out to be, it lands here
    ok("add", "-c", "Acme", "-r", "Dev", "--at", "2026-11-20 14:00", "--contact", "a@x.example")

    @settings(
        max_examples=150,
        deadline=None,
        derandomize=True,  # the same inputs every run; explore with derandomize=False
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.sampled_from(FORMS), st.data())
    def typed(form, data):
        odd = st.one_of(st.sampled_from(ODD), st.sampled_from(ODD), st.text(max_size=12))
        args = []
        for part in form:
            if part.startswith("~"):
                part = data.draw(odd) if data.draw(st.booleans()) else part[1:]
            args.append(part)
        result = run(*args)  # FOLLOWUP_DEBUG is set: an unforeseen exception fails here
        assert result.exit_code in (0, 1, 2), (args, result)
        if result.exit_code:
            errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
            assert len(errors) == 1, (args, result)

    typed()
