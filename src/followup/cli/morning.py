"""The morning list and what happened since: due, list, show, done, result.

A plain `due`, `list` or `show ID` is usually answered by :mod:`followup.entry` without
Typer; these commands are the same answers for every other form of the command line.
"""

from typing import Annotated

import typer

from followup import dates, render
from followup.cli import guards, output
from followup.cli.options import DaysOpt, DoneAction, IdArg, JsonOpt, Outcome, SkipOpt
from followup.context import Context, UsageError, note
from followup.errors import FollowupError
from followup.i18n import _

app = typer.Typer()


@app.command(
    help=_(
        "What to do now, most urgent first.\n"
        "\n"
        "Lists overdue, due and coming-up follow-ups with the command to run next. In a\n"
        "terminal it shows the most urgent that fit the window and says how many more "
        "there\n"
        "are; piped or with --json it prints every one.\n"
        "\n"
        "Example: followup due --days 7"
    )
)
def due(
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            metavar="WHEN",
            help=_("Answer for another moment, e.g. --on 'tomorrow 9am'. Default: now."),
        ),
    ] = None,
    days: DaysOpt = 3,
    all_: Annotated[
        bool,
        typer.Option(
            "--all", "-a", help=_("In a terminal, every row (default: the most urgent that fit).")
        ),
    ] = False,
    json: JsonOpt = False,
) -> None:
    from followup import reading

    reading.due(on=on, days=days, json=json, all_=all_)


@app.command(
    "list",
    help=_("List open interviews (--all: every one).\n\nExample: followup list --all --json"),
)
def list_(
    all_: Annotated[
        bool, typer.Option("--all", "-a", help=_("Include closed interviews."))
    ] = False,
    json: JsonOpt = False,
) -> None:
    from followup import reading

    reading.list_interviews(all_=all_, json=json)


@app.command(
    help=_(
        "Show one interview and its timeline.\n"
        "\n"
        "What was done and what is pending, with deadlines.\n"
        "\n"
        "Example: followup show 3"
    )
)
def show(interview_id: IdArg, json: JsonOpt = False) -> None:
    from followup import reading

    reading.show(interview_id, json=json)


@app.command(
    help=_(
        "Record that you did something.\n"
        "\n"
        "`done decline` also closes the interview as withdrawn; `done reflect ID --skip` "
        "stops\n"
        "asking for this interview's reflection. `done heard` records that the employer "
        "answered\n"
        "without a decision: the status check waits again from that reply (a decision "
        "date it\n"
        "names goes in with `followup edit ID --decision-by ...`).\n"
        "\n"
        "Example: followup done thanks 3 --at 'yesterday 18:00'"
    )
)
def done(
    action: Annotated[
        DoneAction,
        typer.Argument(
            metavar="ACTION",
            help=_(
                "What you did: thanks, check, reply (accepted), decline, heard (the "
                "employer answered without a decision), or reflect (with --skip: no "
                "reflection for this interview)."
            ),
        ),
    ],
    interview_id: IdArg,
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar="WHEN",
            help=_("When you did it, e.g. --at 'yesterday 18:00'. Default: now."),
        ),
    ] = None,
    skip: SkipOpt = False,
    json: JsonOpt = False,
) -> None:
    if skip and action is not DoneAction.reflect:
        raise UsageError(
            _("--skip goes with `done reflect`, not with `done {action}`.").format(
                action=action.value
            )
        )
    ctx = Context(writes=True)
    moment = ctx.when("--at", at)
    item = ctx.store.get(interview_id)
    guards.not_in_the_future(ctx, moment)
    guards.check_done(ctx, item, action.value, moment, given=at is not None)
    item = ctx.store.record(
        interview_id,
        "done",
        action.value,
        moment,
        now=ctx.now,
        once=action.value not in ("check", "heard"),
    )
    if json:
        output.emit_interview(ctx, item)
        return
    note(
        _("Recorded {action} for interview {id} ({company}, {role}) at {when}.").format(
            action=render.event_name(action.value),
            id=item.id,
            company=item.company,
            role=item.role,
            when=dates.show(moment, ctx.tz),
        )
    )
    if action is DoneAction.decline:
        note(_("The interview is closed as withdrawn."))
    if action is DoneAction.reflect:
        note(_("Reflections are still asked for your other interviews."))


@app.command(help=_("Record what the employer decided.\n\nExample: followup result 3 invited"))
def result(
    interview_id: IdArg,
    outcome: Annotated[
        Outcome,
        typer.Argument(
            metavar="OUTCOME", help=_("invited (to a further round), offer, rejected or withdrawn.")
        ),
    ],
    at: Annotated[
        str | None,
        typer.Option(
            "--at", metavar="WHEN", help=_("When you heard, e.g. --at 'today 11:00'. Default: now.")
        ),
    ] = None,
    json: JsonOpt = False,
) -> None:
    ctx = Context(writes=True)
    moment = ctx.when("--at", at)
    item = ctx.store.get(interview_id)
    guards.not_in_the_future(ctx, moment)
    if outcome is not Outcome.withdrawn and moment < item.at:
        raise UsageError(
            _(
                "--at {when} is before interview {id} starts ({start}); an employer answers "
                "after the interview."
            ).format(when=dates.show(moment, ctx.tz), id=item.id, start=dates.show(item.at, ctx.tz))
        )
    same = [e.at for e in item.events if e.kind == "result" and e.name == outcome.value]
    if same:
        raise FollowupError(
            _(
                "{result} is already recorded for interview {id} ({when}); nothing was added. "
                "`followup log {id}` lists what is recorded."
            ).format(
                result=render.event_name(outcome.value),
                id=item.id,
                when=dates.show(same[0], ctx.tz),
            )
        )
    item = ctx.store.record(interview_id, "result", outcome.value, moment, now=ctx.now, once=True)
    if json:
        output.emit_interview(ctx, item)
        return
    note(
        _("Recorded {result} for interview {id} ({company}, {role}).").format(
            result=render.event_name(outcome.value),
            id=item.id,
            company=item.company,
            role=item.role,
        )
    )
    reply = next((a for a in ctx.assess(item).pending if a.action == "reply"), None)
    if reply and reply.deadline:
        note(
            _(
                "Answer by {when}: accept with `followup done reply {id}` (then add the next "
                "round), or decline with `followup done decline {id}`."
            ).format(when=dates.show(reply.deadline, ctx.tz), id=item.id)
        )
