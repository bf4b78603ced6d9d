"""The console script. ``followup due`` (the command run every morning, and by scripts) is
answered here without importing Typer when its arguments are plain; everything else, help
and errors included, goes to the Typer app in :mod:`followup.cli`.

Typer builds its parameter machinery (and imports pydantic) on every dispatch, which costs
more than the whole of ``due`` on a large store. The fast path accepts exactly the forms
``due [--json] [--on WHEN] [--days N]`` (also ``--on=WHEN``, ``--days=N``); anything else,
a malformed value included, takes the ordinary way so its message is the usual one.
"""

from __future__ import annotations

import os
import sys


def _plain_due(args: list[str]) -> dict[str, object] | None:
    """The options of a plain ``due`` invocation, or None when Typer should handle it."""
    if not args or args[0] != "due":
        return None
    options: dict[str, object] = {"on": None, "days": 3, "json": False}
    rest = args[1:]
    while rest:
        word = rest.pop(0)
        name, equals, value = word.partition("=")
        if word == "--json":
            options["json"] = True
        elif name in ("--on", "--days"):
            if not equals:
                if not rest:
                    return None
                value = rest.pop(0)
            if name == "--on":
                options["on"] = value
            elif value.isdigit() and int(value) <= 3650:
                options["days"] = int(value)
            else:
                return None
        else:
            return None
    return options


def main() -> None:
    options = None
    if not any(name.endswith("_COMPLETE") for name in os.environ):
        options = _plain_due(sys.argv[1:])
    if options is None:
        from followup.cli import main as typer_main

        typer_main()
        return
    from followup.context import close_stores, unexpected
    from followup.errors import FollowupError
    from followup.morning import due

    try:
        due(on=options["on"], days=options["days"], json=options["json"])  # type: ignore[arg-type]
    except FollowupError as error:
        sys.stderr.write(f"Error: {error}\n")
        sys.exit(error.exit_code)
    except Exception as error:
        if os.environ.get("FOLLOWUP_DEBUG"):
            raise
        sys.stderr.write(f"Error: {unexpected(error)}\n")
        sys.exit(1)
    finally:
        close_stores()
