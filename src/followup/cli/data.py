"""Your data in and out: export, import, backup."""

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer

from followup.cli import files
from followup.cli.options import ExportFormat
from followup.context import Context, UsageError, note
from followup.errors import FollowupError
from followup.i18n import _

app = typer.Typer()


@app.command(
    help=_(
        "Export your history as JSON, CSV or iCalendar.\n"
        "\n"
        "JSON holds everything and imports back; CSV is one row per interview for "
        "spreadsheets;\n"
        "ICS puts every pending follow-up in your calendar.\n"
        "\n"
        "Example: followup export --format ics --output followup.ics"
    )
)
def export(
    format: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help=_("json (everything, the backup format), csv or ics.")),
    ] = ExportFormat.json,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help=_("Write to FILE instead of stdout, e.g. -o followup.json."),
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help=_("With --output: replace a file that exists."))
    ] = False,
) -> None:
    from followup import transfer

    path = (
        None
        if output is None
        else files.target("--output", output, force=force, example="-o followup.json")
    )
    ctx = Context()
    data: bytes | Iterable[str]
    if format is ExportFormat.ics:
        data = transfer.export_ics(
            ctx.store.interviews(open_only=True), ctx.now, ctx.tz, ctx.profile.settings
        )
    else:
        document = transfer.export_document(ctx.store.dump(), ctx.profile, ctx.now)
        if format is ExportFormat.json:
            data = transfer.export_json(document)
        else:
            statuses = {i.id: ctx.assess(i).status for i in ctx.store.interviews()}
            data = transfer.export_csv(document, statuses).encode()
    if path is None:
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.writelines(data)
        sys.stdout.flush()
        return
    files.write_private(path, data)
    note(f"Wrote {path}")


@app.command(
    "import",
    help=_(
        "Import a JSON export or a CSV spreadsheet.\n"
        "\n"
        "Every row is checked first: a file with a bad row imports nothing. Importing "
        "the same\n"
        "JSON export twice adds nothing the second time.\n"
        "\n"
        "Example: followup import interviews.csv --dry-run"
    ),
)
def import_(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help=_("A `followup export` JSON file, or a CSV with the columns company, role, at."),
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help=_("Check the file and say what would be imported."))
    ] = False,
) -> None:
    from followup import transfer

    handle = transfer.open_import(file)
    with handle:
        try:
            first = handle.read(1)
            while first.isspace():
                first = handle.read(1)
            handle.seek(0)
        except UnicodeDecodeError:
            raise FollowupError(
                _("{name} is not UTF-8 text; save it as UTF-8 (CSV UTF-8 in Excel).").format(
                    name=file
                )
            ) from None
        except OSError as error:  # a pipe cannot be read twice
            raise FollowupError(
                _("cannot read {path}: {reason}").format(path=file, reason=error.strerror or error)
            ) from None
        ctx = Context()  # the file is read as it is inserted, in one transaction
        if first == "{":
            document = transfer.read_json(handle, str(file))
            added, skipped = ctx.store.load(
                document.interviews(), profile=document.profile, same="uid", dry_run=dry_run
            )
        else:
            rows = transfer.read_csv(handle, now=ctx.now, tz=ctx.tz, name=str(file))
            added, skipped = ctx.store.load(rows, profile={}, same="key", dry_run=dry_run)
    verb = "Would import" if dry_run else "Imported"
    message = f"{verb} {added} interview{'s' if added != 1 else ''}"
    if skipped:
        message += f"; {skipped} already in the store {'would be' if dry_run else 'were'} skipped"
    note(message + ".")


@app.command(
    help=_(
        "Copy the store safely, even while it is in use.\n"
        "\n"
        "Example: followup backup ~/Dropbox/followup-backup.db"
    )
)
def backup(
    where: Annotated[
        str | None,
        typer.Argument(
            metavar="FILE",
            help=_(
                "Where to write the copy, a file or a folder, e.g. ~/backups/followup.db "
                "(default: a dated file beside the store)."
            ),
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=_("Replace a file that exists."))] = False,
) -> None:
    if where is not None and not where.strip():
        raise UsageError("FILE needs a name, e.g. followup backup ~/backups/followup.db.")
    file = None if where is None else Path(where).expanduser()
    if file is not None and not file.is_dir():
        files.target("FILE", where or "", force=force, example="~/backups/followup.db")
    ctx = Context()
    if ctx.store.path is None:
        raise FollowupError(
            _("backup copies an SQLite store; for another database use `followup export`.")
        )
    if file is None or file.is_dir():
        folder = ctx.store.path.parent if file is None else file
        stamp = ctx.now.astimezone(ctx.tz).strftime("%Y%m%d-%H%M%S")
        file = folder / f"followup-backup-{stamp}.db"
        number = 2
        while file.exists():  # two backups in the same second
            file = folder / f"followup-backup-{stamp}-{number}.db"
            number += 1
    with files.whole(file, replace=force) as partial:
        ctx.store.backup(partial, into_empty=True)
    ctx.store.note_backup(ctx.now)  # once the copy is in place
    typer.echo(str(file))
