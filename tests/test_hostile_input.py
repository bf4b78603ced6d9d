"""What people (and scripts) type that is not what a command expects: each ends in one
``Error:`` line and a documented exit code, through the real entry point, never a traceback
or an "unexpected" error, and nothing is stored."""

from __future__ import annotations

import os
import subprocess
import sys

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


def refused(out: subprocess.CompletedProcess[bytes], code: int) -> str:
    """The one ``Error:`` line of a refused command, checked to be just that."""
    err = out.stderr.decode("utf-8", "replace")
    assert out.returncode == code, err
    assert "Traceback" not in err and "unexpected" not in err and "report" not in err, err
    lines = err.strip().splitlines()
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
