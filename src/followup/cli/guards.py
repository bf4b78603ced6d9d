"""What `done`, `result` and `send` refuse to record, shared so both ways agree."""

from datetime import datetime
from typing import TYPE_CHECKING

from followup import dates
from followup.context import Context, UsageError, note
from followup.errors import FollowupError

if TYPE_CHECKING:
    from followup import records


def not_in_the_future(ctx: Context, moment: datetime) -> None:
    """What is recorded as done or decided has happened: a time ahead of now is a mistake."""
    if (moment - ctx.now).total_seconds() > 300:
        raise UsageError(
            f"--at {dates.show(moment, ctx.tz)} is in the future; record it once it has happened."
        )


def check_done(
    ctx: Context,
    item: "records.Interview",
    action: str,
    moment: datetime,
    *,
    given: bool,
    refused: str = "nothing was added",
    early_note: bool = True,
) -> None:
    """Refuse what `done` (and `send`) must not record: a thank-you or a check before the
    interview, an action already recorded (a check may be repeated), a reply without an
    invitation. Note a check that comes before it was due to open."""
    if action in ("thanks", "check", "reflect", "heard") and moment < item.at:
        starts = dates.show(item.at, ctx.tz)
        raise UsageError(
            f"--at {dates.show(moment, ctx.tz)} is before interview {item.id} starts "
            f"({starts}); a {action} can only be recorded after it."
            if given
            else f"interview {item.id} has not started yet (it starts {starts}); "
            f"a {action} can only be recorded after it."
        )
    earlier = [e.at for e in item.events if e.kind == "done" and e.name == action]
    if earlier and action not in ("check", "heard"):
        raise FollowupError(
            f"{action} is already recorded for interview {item.id} "
            f"({dates.show(earlier[0], ctx.tz)}); {refused}."
        )
    if action == "reply" and not any(
        e.kind == "result" and e.name == "invited" for e in item.events
    ):
        raise FollowupError(
            f"interview {item.id} has no invitation to reply to; record one first with "
            f"`followup result {item.id} invited`."
        )
    opens = check_opens(ctx, item) if early_note and action == "check" else None
    if opens and moment < opens:
        note(
            f"Note: this check came before {dates.show(opens, ctx.tz)}, when it was due to "
            "open; asking earlier can disturb the recruiter."
        )


def check_opens(ctx: Context, item: "records.Interview") -> datetime | None:
    """When the interview's pending status check opens, if one is pending."""
    return next((a.opens for a in ctx.assess(item).pending if a.action == "check"), None)
