"""What `done`, `result` and `send` refuse to record, shared so both ways agree."""

from datetime import datetime
from typing import TYPE_CHECKING

from followup import dates
from followup.context import Context, UsageError, note
from followup.errors import FollowupError
from followup.i18n import N_, _

if TYPE_CHECKING:
    from followup import records


def not_in_the_future(ctx: Context, moment: datetime) -> None:
    """What is recorded as done or decided has happened: a time ahead of now is a mistake."""
    if (moment - ctx.now).total_seconds() > 300:
        raise UsageError(
            _("--at {when} is in the future; record it once it has happened.").format(
                when=dates.show(moment, ctx.tz)
            )
        )


def check_done(
    ctx: Context,
    item: "records.Interview",
    action: str,
    moment: datetime,
    *,
    given: bool,
    refused: str = N_("nothing was added"),
    early_note: bool = True,
) -> None:
    """Refuse what `done` (and `send`) must not record: a thank-you or a check before the
    interview, an action already recorded (a check may be repeated), a reply without an
    invitation. Note a check that comes before it was due to open."""
    from followup import render

    if action in ("thanks", "check", "reflect", "heard") and moment < item.at:
        message = (
            _(
                "--at {when} is before interview {id} starts ({start}); {action} can only be "
                "recorded after it."
            )
            if given
            else _(
                "interview {id} has not started yet (it starts {start}); {action} can only be "
                "recorded after it."
            )
        )
        raise UsageError(
            message.format(
                when=dates.show(moment, ctx.tz),
                id=item.id,
                start=dates.show(item.at, ctx.tz),
                action=render.event_name(action),
            )
        )
    earlier = [e.at for e in item.events if e.kind == "done" and e.name == action]
    if earlier and action not in ("check", "heard"):
        raise FollowupError(
            _("{action} is already recorded for interview {id} ({when}); {refused}.").format(
                action=render.event_name(action),
                id=item.id,
                when=dates.show(earlier[0], ctx.tz),
                refused=_(refused),
            )
        )
    if action == "reply" and not any(
        e.kind == "result" and e.name == "invited" for e in item.events
    ):
        raise FollowupError(
            _(
                "interview {id} has no invitation to reply to; record one first with "
                "`followup result {id} invited`."
            ).format(id=item.id)
        )
    opens = check_opens(ctx, item) if early_note and action == "check" else None
    if opens and moment < opens:
        note(
            _(
                "Note: this check came before {when}, when it was due to open; asking earlier "
                "can disturb the recruiter."
            ).format(when=dates.show(opens, ctx.tz))
        )


def check_opens(ctx: Context, item: "records.Interview") -> datetime | None:
    """When the interview's pending status check opens, if one is pending."""
    return next((a.opens for a in ctx.assess(item).pending if a.action == "check"), None)
