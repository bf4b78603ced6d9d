"""Reference for `--help` and completion: a bare Typer app with followup's commands and
options, configured as followup is, importing nothing else."""

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(help="Keep track of interview follow-ups.", rich_markup_mode=None,
                  no_args_is_help=True)
O = typer.Option


@app.command()
def add(company: Annotated[str | None, O(help="The employer.")] = None,
        role: Annotated[str | None, O(help="The position.")] = None,
        at: Annotated[str | None, O(help="When.")] = None,
        round: Annotated[int | None, O(help="Round.")] = None,
        contact: Annotated[list[str] | None, O(help="An interviewer.")] = None,
        recruiter: Annotated[str | None, O(help="The recruiter.")] = None,
        decision_by: Annotated[str | None, O(help="Decision date.")] = None,
        lang: Annotated[str | None, O(help="Language.")] = None,
        notes: Annotated[str | None, O(help="Notes.")] = None,
        topic: Annotated[str | None, O(help="Topic.")] = None,
        strength: Annotated[str | None, O(help="Strength.")] = None,
        idea: Annotated[str | None, O(help="Idea.")] = None,
        json: Annotated[bool, O(help="JSON.")] = False) -> None:
    """Record an interview."""


@app.command()
def edit(interview_id: int, role: Annotated[str | None, O(help="The position.")] = None) -> None:
    """Change an interview."""


@app.command("list")
def list_(all_: Annotated[bool, O("--all")] = False, json: bool = False) -> None:
    """List open interviews."""


@app.command()
def show(interview_id: int, json: bool = False) -> None:
    """Show one interview."""


@app.command()
def rm(interview_id: int, yes: bool = False) -> None:
    """Remove an interview."""


@app.command()
def due(on: Annotated[str | None, O(help="When.")] = None,
        days: Annotated[int, O(help="Days ahead.")] = 3, json: bool = False) -> None:
    """What to do now, most urgent first."""


@app.command()
def done(action: str, interview_id: int, at: str | None = None, json: bool = False) -> None:
    """Record that you did something."""


@app.command()
def result(interview_id: int, outcome: str, at: str | None = None, json: bool = False) -> None:
    """Record what the employer decided."""


@app.command()
def profile(name: str | None = None, email: str | None = None, phone: str | None = None,
            timezone: str | None = None, lang: str | None = None, json: bool = False) -> None:
    """Show or set your details and rules."""


@app.command()
def draft(kind: str, interview_id: int, lang: str | None = None, reason: str | None = None,
          plain: bool = False, json: bool = False, eml: str | None = None,
          mailto: bool = False) -> None:
    """Draft an email."""


@app.command()
def export(format: str = "json", output: Path | None = None) -> None:
    """Export your history."""


@app.command("import")
def import_(file: Path, dry_run: bool = False) -> None:
    """Import a JSON export or a CSV."""


@app.command()
def backup(file: Path | None = None) -> None:
    """Copy the store safely."""


@app.command()
def path() -> None:
    """Print where the store is."""


templates = typer.Typer(rich_markup_mode=None)
app.add_typer(templates, name="templates", help="See, copy and override the email templates.")


@templates.command("list")
def templates_list() -> None:
    """List the templates."""


if __name__ == "__main__":
    app(prog_name="followup")
