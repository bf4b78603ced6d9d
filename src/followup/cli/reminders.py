"""Reminders: ``remind`` sends the morning list on the profile's channels; ``--install`` runs
it every day where the system runs things."""

import sys
from typing import Annotated

import typer

from followup.cli.options import DaysOpt
from followup.context import Context, UsageError, note
from followup.i18n import _, pgettext

app = typer.Typer()


@app.command(
    help=_(
        "Send the morning list on your channels (profile --notify).\n"
        "\n"
        "Overdue, due now and coming up, as `due` shows them, each with its command; "
        "once a day\n"
        "per channel, and the evening before an interview. A channel that fails is named "
        "and the\n"
        "others are still tried.\n"
        "\n"
        "Example: followup remind --dry-run; followup remind --install --at 08:00"
    )
)
def remind(
    always: Annotated[
        bool,
        typer.Option(
            "--always", help=_("Send even when nothing is due ('nothing due'), e.g. a test.")
        ),
    ] = False,
    again: Annotated[
        bool,
        typer.Option("--again", help=_("Send even if today's digest went already, e.g. --again.")),
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help=_("Print what would go where; send and mark nothing.")),
    ] = False,
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            metavar="WHEN",
            help=_(
                "Answer as at another moment, e.g. --on 'tomorrow 08:00' --dry-run. Default: now."
            ),
        ),
    ] = None,
    days: DaysOpt = 3,
    install: Annotated[
        bool,
        typer.Option(
            "--install",
            help=_(
                "Run `followup remind` every day (systemd timer, cron, LaunchAgent or Task "
                "Scheduler), e.g. --install --at 07:30. Again: replaces it."
            ),
        ),
    ] = False,
    at: Annotated[
        str,
        typer.Option(
            "--at",
            metavar="HH:MM",
            help=_(
                "With --install: the morning time, local, e.g. --at 07:30 (default 08:00). "
                "It also runs at 18:00 for the evening before an interview."
            ),
        ),
    ] = "08:00",
    uninstall: Annotated[
        bool, typer.Option("--uninstall", help=_("Remove the daily run --install set up."))
    ] = False,
    status: Annotated[
        bool,
        typer.Option(
            "--status", help=_("Say what is installed, when it last ran and what it sent.")
        ),
    ] = False,
) -> None:
    chosen = [name for name, given in (("--install", install), ("--uninstall", uninstall),
                                       ("--status", status)) if given]  # fmt: skip
    if len(chosen) > 1:
        raise UsageError(
            _("{options} cannot go together; give one.").format(
                options=(" " + pgettext("list", "and") + " ").join(chosen)
            )
        )
    if chosen:
        from followup import timers

        if install:
            for line in timers.install(timers.daily_time(at)):
                note(line)
        elif uninstall:
            for line in timers.uninstall():
                note(line)
        else:
            _status(timers.installed())
        return
    _send(always=always, again=again, dry_run=dry_run, on=on, days=days)


def _send(*, always: bool, again: bool, dry_run: bool, on: str | None, days: int) -> None:
    from followup import remind as core

    ctx = Context()
    now = ctx.when("--on", on)
    outcome = core.run(ctx.store, ctx.profile, now, ctx.tz, days=days, again=again,
                       always=always, dry_run=dry_run)  # fmt: skip
    for channel, message in outcome.dry_run:
        typer.echo(f"To {channel}:\n{message.title}\n\n{message.body}")
    for channel, _kind, title in outcome.sent:
        note(_("Sent to {channel}: {title}").format(channel=channel, title=title))
    for channel, why in outcome.skipped:
        note(_("Nothing sent to {channel}: {why}.").format(channel=channel, why=why))
    for channel, error in outcome.failed:  # one `Error:` line per channel that failed
        sys.stderr.write(
            f"Error: cannot remind you on {channel}: {error.rstrip('.')}; nothing marked for it, "
            "the next run tries again.\n"
        )
    if outcome.failed:
        raise typer.Exit(1)


def _status(installed: list[str]) -> None:
    """What is installed, the channels, and the last run: when, what went, what failed."""
    import json

    from followup import channels, dates

    ctx = Context()
    lines = [f"Installed: {entry}" for entry in installed] or [
        "Installed: nothing (followup remind --install sets up the daily run)"
    ]
    shown = ", ".join(channels.mask(url) for url in ctx.profile.notify)
    lines.append(f"Channels: {shown or 'none (followup profile --notify URL)'}")
    text = ctx.store.last_run()
    if not text:
        lines.append("Last run: never")
    else:
        last = json.loads(text)
        from datetime import datetime

        when = dates.show(datetime.fromisoformat(last["at"]), ctx.tz)
        lines.append(f"Last run: {when}")
        lines += [f"  sent to {s['channel']}: {s['title']}" for s in last["sent"]]
        lines += [f"  failed on {f['channel']}: {f['error']}" for f in last["failed"]]
        lines += [f"  nothing sent to {s['channel']}: {s['why']}" for s in last["skipped"]]
    typer.echo("\n".join(lines))
