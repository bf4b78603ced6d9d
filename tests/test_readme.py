"""README.md's command reference is the real --help output; this test keeps them in sync.

Regenerate it with: FOLLOWUP_UPDATE_README=1 pytest tests/test_readme.py
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from typer.testing import CliRunner

from followup.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- commands:start -->", "<!-- commands:end -->"
COMMANDS = [
    [],
    ["add"],
    ["due"],
    ["draft"],
    ["send"],
    ["done"],
    ["result"],
    ["list"],
    ["show"],
    ["edit"],
    ["rm"],
    ["profile"],
    ["path"],
    ["templates"],
    ["templates", "list"],
    ["templates", "show"],
    ["templates", "copy"],
    ["templates", "path"],
]


def reference() -> str:
    parts = []
    for command in COMMANDS:
        result = CliRunner().invoke(
            app, [*command, "--help"], env={"COLUMNS": "90"}, prog_name="followup"
        )
        assert result.exit_code == 0, result.output
        title = " ".join(["followup", *command])
        text = "\n".join(line.rstrip() for line in result.stdout.strip("\n").splitlines())
        parts.append(f"### `{title}`\n\n```text\n{text}\n```\n")
    return "\n".join(parts)


def test_readme_command_reference_matches_help():
    text = README.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(START) + r"\n.*?" + re.escape(END), re.S)
    fresh = f"{START}\n{reference()}{END}"
    if os.environ.get("FOLLOWUP_UPDATE_README"):
        README.write_text(pattern.sub(lambda _: fresh, text), encoding="utf-8")
    match = pattern.search(README.read_text(encoding="utf-8"))
    assert match, f"README.md has no {START} ... {END} section"
    assert match.group(0) == fresh, "run: FOLLOWUP_UPDATE_README=1 pytest tests/test_readme.py"


def test_every_command_and_subcommand_has_help_with_an_example():
    for command in COMMANDS[1:]:
        if command == ["templates"]:
            continue
        result = CliRunner().invoke(app, [*command, "--help"])
        assert "Example:" in result.stdout, command
