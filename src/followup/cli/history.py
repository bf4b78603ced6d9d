"""Mistakes undone: undo, log, forget."""

from typing import Annotated

import typer

from followup import dates
from followup.cli.options import IdArg, JsonOpt
from followup.context import Context, note
from followup.i18n import _

app = typer.Typer()


@app.command(
    help=_(
        "Reverse the last change recorded, and say what it was.\n"
        "\n"
        "An action done, a result, a reflection, an edit, an add or a removal (rm): each "
        "`undo`\n"
        "reverses one more, newest first. A removed interview can be brought back for 30 "
        "days,\n"
        "and in any case until the next `followup backup`.\n"
        "\n"
        "Example: followup undo"
    )
)
def undo() -> None:
    ctx = Context()
    summary = ctx.store.undo(now=ctx.now)
    note(_("Undone: {summary}.").format(summary=summary))


@app.command(
    help=_(
        "List an interview's recorded events with their ids, oldest first.\n"
        "\n"
        "Give an id to `followup forget` to remove one event recorded by mistake.\n"
        "\n"
        "Example: followup log 3"
    )
)
def log(interview_id: IdArg, json: JsonOpt = False) -> None:
    from followup import render

    ctx = Context()
    item = ctx.store.get(interview_id)
    found = ctx.store.log(interview_id)
    rows = [
        {
            "event": e.id,
            "kind": e.kind,
            "name": e.name,
            "at": dates.iso(e.at, ctx.tz),
            "recorded_at": dates.iso(e.created_at, ctx.tz),
        }
        for e in found
    ]
    if json:
        render.emit_json(rows)
        return
    if not rows:
        note(
            _("Nothing recorded yet for interview {id} ({company}, {role}).").format(
                id=item.id, company=item.company, role=item.role
            )
        )
        return
    table = [
        [
            str(e.id),
            dates.show(e.at, ctx.tz),
            _("{action} done").format(action=render.event_name(e.name))
            if e.kind == "done"
            else _("result: {result}").format(result=render.event_name(e.name)),
        ]
        for e in found
    ]
    typer.echo(
        _("Interview {id}: {company}, {role}").format(
            id=item.id, company=item.company, role=item.role
        )
    )
    typer.echo(render.plain_table([_("Event"), _("When"), _("What")], table), nl=False)
    typer.echo(
        _("Remove one with `followup forget EVENT`, e.g. {command}").format(
            command=f"followup forget {found[-1].id}"
        )
    )


@app.command(
    help=_(
        "Remove one event recorded by mistake; the deadlines recompute without it.\n"
        "\n"
        "Nothing else changes; `followup undo` puts it back.\n"
        "\n"
        "Example: followup forget 12"
    )
)
def forget(
    event_id: Annotated[
        int,
        typer.Argument(
            metavar="EVENT",
            min=1,
            help=_("The event's id, as `followup log ID` shows it, e.g. 12."),
        ),
    ],
) -> None:
    from followup import render

    ctx = Context()
    gone = ctx.store.forget(event_id, now=ctx.now)
    what = (
        _("{action} done").format(action=render.event_name(gone.name))
        if gone.kind == "done"
        else _("result: {result}").format(result=render.event_name(gone.name))
    )
    note(
        _("Forgot event {event} of interview {id}: {what} at {when}.").format(
            event=gone.id, id=gone.interview_id, what=what, when=dates.show(gone.at, ctx.tz)
        )
    )
