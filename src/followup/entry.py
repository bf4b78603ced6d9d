"""The console script. ``followup due`` (the command run every morning, and by scripts),
``list`` and ``show ID`` are answered here without importing Typer when their arguments are
plain; everything else, help and errors included, goes to the Typer app in
:mod:`followup.cli`.

Typer builds its parameter machinery (and imports pydantic) on every dispatch, which costs
more than the whole of ``due`` on a large store. The fast path accepts exactly the forms
``due [--json] [--all|-a] [--on WHEN] [--days N]`` (also ``--on=WHEN``, ``--days=N``),
``list [--all|-a] [--json]`` and ``show ID [--json]``; anything else, a malformed value
included, takes the ordinary way so its message is the usual one.
"""

from __future__ import annotations

import os
import sys


def _number(text: str) -> int | None:
    """A whole number written in ASCII digits, or None. ``str.isdigit`` also accepts ``²``
    and other digits that ``int`` refuses or reads differently from the Typer path."""
    return int(text) if text.isascii() and text.isdigit() else None


def _plain_due(args: list[str]) -> dict[str, object] | None:
    """The options of a plain ``due`` invocation, or None when Typer should handle it."""
    if not args or args[0] != "due":
        return None
    options: dict[str, object] = {"on": None, "days": 3, "json": False, "all_": False}
    rest = args[1:]
    while rest:
        word = rest.pop(0)
        name, equals, value = word.partition("=")
        if word == "--json":
            options["json"] = True
        elif word in ("--all", "-a"):
            options["all_"] = True
        elif name in ("--on", "--days"):
            if not equals:
                if not rest:
                    return None
                value = rest.pop(0)
            if name == "--on":
                options["on"] = value
            else:
                days = _number(value)
                if days is None or days > 3650:
                    return None
                options["days"] = days
        else:
            return None
    return options


def _plain(args: list[str]) -> tuple[str, dict[str, object]] | None:
    """A plain ``due``, ``list`` or ``show ID`` and its options, or None for Typer."""
    if not args:
        return None
    if args[0] == "due":
        options = _plain_due(args)
        return ("due", options) if options is not None else None
    flags = set(args[1:])
    if args[0] == "list" and flags <= {"--json", "--all", "-a"} and len(flags) == len(args) - 1:
        return "list", {"all_": bool(flags & {"--all", "-a"}), "json": "--json" in flags}
    if args[0] == "show" and 2 <= len(args) <= 3 and args[2:] in ([], ["--json"]):
        interview_id = _number(args[1])
        if interview_id is not None and 1 <= interview_id < 2**63:
            return "show", {"interview_id": interview_id, "json": "--json" in args[2:]}
    return None


def main() -> None:
    from followup.context import watch_stdout

    watch_stdout()
    plain = None
    if not any(name.endswith("_COMPLETE") for name in os.environ):
        plain = _plain(sys.argv[1:])
    if plain is None:
        from followup.cli import main as typer_main

        typer_main()
        return
    from followup import reading
    from followup.context import (
        cannot_write_output,
        close_stores,
        output_failed,
        stdout_closed,
        unexpected,
    )
    from followup.errors import FollowupError

    command, options = plain
    run = {"due": reading.due, "list": reading.list_interviews, "show": reading.show}[command]
    try:
        run(**options)  # type: ignore[operator]
        sys.stdout.flush()  # a reader that went away is noticed here, not at exit
    except FollowupError as error:
        sys.stderr.write(f"Error: {error}\n")
        sys.exit(error.exit_code)
    except BrokenPipeError:
        sys.exit(stdout_closed())
    except Exception as error:
        if isinstance(error, OSError) and output_failed(error):
            sys.exit(cannot_write_output(error))
        if os.environ.get("FOLLOWUP_DEBUG"):
            raise
        sys.stderr.write(f"Error: {unexpected(error)}\n")
        sys.exit(1)
    finally:
        close_stores()
