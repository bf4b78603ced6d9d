"""docs/commands.md is the real --help of every command, found by walking the Typer app, so a
new command cannot be left out; and every command and parameter has help text.

Regenerate the reference with: FOLLOWUP_UPDATE_DOCS=1 pytest tests/test_docs.py
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from followup.cli import app

COMMANDS_MD = Path(__file__).resolve().parents[1] / "docs" / "commands.md"
UPDATE = "FOLLOWUP_UPDATE_DOCS"


def walk(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every visible command under ``command``, itself first, in the order --help lists them."""
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        if not sub.hidden:
            yield from walk(sub, (*path, name))


COMMANDS = list(walk(typer.main.get_command(app)))
IDS = [" ".join(("followup", *path)) for path, _ in COMMANDS]


def help_text(path: tuple[str, ...]) -> str:
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "90"}, prog_name="followup")
    assert result.exit_code == 0, result.output
    return "\n".join(line.rstrip() for line in result.stdout.strip("\n").splitlines())


def anchor(title: str) -> str:
    """GitHub's anchor for a heading made of the title in backticks."""
    return title.replace(" ", "-")


def reference() -> str:
    parts = [
        "# Command reference\n\n"
        "The `--help` of every command, generated from the program by `tests/test_docs.py`, "
        "which fails\nwhen this file is out of date. Do not edit it by hand; regenerate it with\n"
        f"`{UPDATE}=1 pytest tests/test_docs.py`.\n\n"
        + "".join(f"- [`{title}`](#{anchor(title)})\n" for title in IDS)
    ]
    for title, (path, _) in zip(IDS, COMMANDS, strict=True):
        parts.append(f"## `{title}`\n\n```text\n{help_text(path)}\n```\n")
    return "\n".join(parts)


def test_commands_md_is_the_help_of_every_command():
    fresh = reference()
    if os.environ.get(UPDATE):
        COMMANDS_MD.parent.mkdir(exist_ok=True)
        COMMANDS_MD.write_bytes(fresh.encode("utf-8"))
    assert COMMANDS_MD.is_file(), f"run: {UPDATE}=1 pytest tests/test_docs.py"
    assert COMMANDS_MD.read_bytes().decode("utf-8") == fresh, (
        f"docs/commands.md is out of date; run: {UPDATE}=1 pytest tests/test_docs.py"
    )


def test_the_walk_finds_subcommands():
    assert ("templates", "copy") in [path for path, _ in COMMANDS]
    assert len(COMMANDS) == len(set(IDS))


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_command_has_help(path, command):
    assert (command.help or "").strip(), f"`followup {' '.join(path)}` has no help text"


def no_help(command: Any, kind: str) -> list[str]:
    """The visible parameters of ``command`` of ``kind`` ("option" or "argument") without help."""
    return [
        "/".join(param.opts) or param.name
        for param in command.params
        if param.param_type_name == kind
        and not getattr(param, "hidden", False)
        and not (getattr(param, "help", None) or "").strip()
    ]


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_every_option_has_help(path, command):
    missing = no_help(command, "option")
    assert not missing, f"`followup {' '.join(path)}`: no help for {', '.join(missing)}"


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_every_argument_has_help(path, command):
    missing = no_help(command, "argument")
    assert not missing, f"`followup {' '.join(path)}`: no help for {', '.join(missing)}"


@pytest.mark.parametrize(("path", "command"), COMMANDS[1:], ids=IDS[1:])
def test_every_command_and_subcommand_has_help_with_an_example(path, command):
    assert "Example:" in help_text(path)
