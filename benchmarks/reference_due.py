"""Reference for `followup due`: Typer, a Rich table and sqlite3, printing the same rows.

It reads the same indexed open interviews and computes the thank-you deadline and the
status-check opening in the simplest way, so it does the work `followup due` must do.

    python reference_due.py due STORE.db
"""

import sqlite3
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(rich_markup_mode=None)


@app.command()
def due(store: str, days: int = 3) -> None:
    tz = ZoneInfo("America/New_York")
    now = datetime.now(timezone.utc)
    conn = sqlite3.connect(store)
    rows = conn.execute(
        "SELECT id, company, role, at FROM interview WHERE active = 1 ORDER BY at, id"
    ).fetchall()
    ids = [r[0] for r in rows]
    marks = ",".join("?" * len(ids))
    done = {
        (i, n) for i, n in conn.execute(
            f"SELECT interview_id, name FROM event WHERE kind = 'done' AND interview_id IN ({marks})", ids
        )
    }
    table = Table("ID", "Interview", "Action", "Due", "Next")
    horizon = now + timedelta(days=days)
    for ident, company, role, at in rows:
        start = datetime.fromisoformat(at).replace(tzinfo=timezone.utc).astimezone(tz)
        actions = []
        if (ident, "thanks") not in done:
            actions.append(("thank-you", start + timedelta(days=2)))
        if (ident, "check") not in done:
            opens = datetime.combine(start.date() + timedelta(days=7), datetime.min.time(), tz)
            actions.append(("status check", opens))
        for label, when in actions:
            if when <= horizon:
                table.add_row(str(ident), f"{company}\n{role}", label, f"{when:%a %d %b %H:%M}",
                              f"followup draft thanks {ident}")
    Console().print(table)


@app.command()
def other() -> None:
    """A second command, so Typer dispatches as it does for followup."""


if __name__ == "__main__":
    app()
