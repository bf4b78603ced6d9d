"""What the commands print beyond the core's tables (:mod:`followup.render`): the ``Error:``
line, an interview as JSON, an email as plain lines.

Messages go to stderr (:func:`followup.context.note`) so that stdout stays parseable.
"""

import sys
from typing import TYPE_CHECKING, Any, NoReturn

import typer

if TYPE_CHECKING:
    from followup import records
    from followup.context import Context


def fail(message: str, code: int = 1) -> NoReturn:
    """``Error: MESSAGE`` on stderr, and leave with CODE."""
    sys.stderr.write(f"Error: {message}\n")
    raise typer.Exit(code)


def emit_interview(ctx: "Context", item: "records.Interview") -> None:
    """An interview and what is due for it, as the JSON every writing command prints."""
    from followup import render

    render.emit_json(ctx.interview_json(item))


def plain_email(d: Any) -> str:
    """To:, Cc: and Subject: lines, then the body: for a pipe or a copy and paste."""
    from followup import drafts

    lines = [f"To: {', '.join(drafts.quoted(p) for p in d.to)}"]
    if d.cc:
        lines.append(f"Cc: {', '.join(drafts.quoted(p) for p in d.cc)}")
    lines += [f"Subject: {d.subject}", "", d.body]
    return "\n".join(lines)
