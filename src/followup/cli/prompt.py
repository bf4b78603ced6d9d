"""Asking the person at the keyboard, and knowing whether there is one.

Tests replace :func:`interactive` and :func:`stdout_terminal`; the commands call them through
this module so that one replacement reaches every command.
"""

import sys

import typer

from followup.context import UsageError
from followup.i18n import _


def interactive() -> bool:
    """Whether a person is at the keyboard to answer a question."""
    return sys.stdin.isatty()


def stdout_terminal() -> bool:
    """Whether a person reads stdout (for the reflection form, both ends must be a terminal)."""
    return sys.stdout.isatty()


def ask(option: str, value: str | None, prompt: str) -> str:
    """VALUE when the option was given, else the answer to PROMPT, asked again while it is
    blank; without a terminal to ask in, a usage error naming the option."""
    if value is not None:
        return value
    if not interactive():
        raise UsageError(
            _("missing option {option} (give it, or run in a terminal to be asked).").format(
                option=option
            )
        )
    while True:
        try:
            answer = str(typer.prompt(prompt))
        except UnicodeDecodeError:
            raise UsageError(
                _(
                    "{option}: what was typed is not UTF-8 text; type it again in UTF-8 (check "
                    "your terminal's or locale's encoding). Nothing was changed."
                ).format(option=option)
            ) from None
        if answer.strip():
            return answer
