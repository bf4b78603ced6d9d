"""Replies: `followup inbox` reads the mailbox (or saved mail) and proposes what to record."""

from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from followup import dates
from followup.cli import prompt
from followup.cli.options import JsonOpt
from followup.context import Context, UsageError, note
from followup.errors import FollowupError, StoreError
from followup.i18n import _, ngettext

if TYPE_CHECKING:
    from followup.inbox import Proposal

app = typer.Typer()

CHOICES = ("heard", "invited", "offer", "rejected", "skip")


@app.command(
    help=_(
        "Find the employers' replies and propose what to record.\n"
        "\n"
        "Reads the mailbox read-only (EXAMINE, BODY.PEEK: no flag changes, nothing moved "
        "or\n"
        "deleted), from the day of the oldest open interview. A reply is matched to its "
        "interview\n"
        "by the thread of an email followup sent or drafted, else by its sender (an "
        "interviewer or\n"
        "recruiter), else by the sender's domain. At a terminal you accept, change or "
        "skip each\n"
        "proposal; a message shown once is never proposed again. Set the server with\n"
        "`followup profile --imap-host ...`; the password comes from "
        "FOLLOWUP_IMAP_PASSWORD.\n"
        "\n"
        "Example: followup inbox"
    )
)
def inbox(
    from_: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="PATH",
            help=_(
                "Read saved mail instead of the server: an .eml file, a folder of them, or an "
                "mbox file, e.g. --from ~/Downloads/replies.mbox."
            ),
        ),
    ] = None,
    folder: Annotated[
        str | None,
        typer.Option(
            "--folder",
            help=_(
                "The IMAP folder to read (INBOX unless given; not with --from), e.g. --folder Jobs."
            ),
        ),
    ] = None,
    yes: Annotated[
        bool,
        typer.Option(
            "--yes",
            "-y",
            help=_(
                "Record, without asking, only replies in the thread of an email followup "
                "wrote whose words name exactly one decision; leave the rest."
            ),
        ),
    ] = False,
    json: JsonOpt = False,
) -> None:
    from followup import inbox as replies
    from followup import render

    if json and yes:
        raise UsageError(_("choose one of --json (record nothing) and --yes."))
    if from_ is not None and not from_.strip():
        raise UsageError(_("--from needs an .eml file, a folder of them, or an mbox file."))
    if from_ is not None and folder is not None:
        raise UsageError(_("--folder names an IMAP folder; it cannot be used with --from."))
    ctx = Context()
    interviews = [i for i in ctx.store.interviews(open_only=True) if ctx.assess(i).is_open]
    if not interviews:
        if json:
            render.emit_json([])
        else:
            note(_("No open interviews: there is no reply to look for."))
        return
    oldest = min(i.at for i in interviews)
    if from_ is not None:
        raw = replies.read_saved(Path(from_).expanduser())
    else:
        from followup import imap

        since = oldest.astimezone(ctx.tz).date() - timedelta(days=1)  # SINCE is the server's day
        raw = imap.fetch(ctx.profile, folder or "INBOX", since)
    parsed = [replies.parse(data) for data in raw]
    mails = [m for m in parsed if m is not None and m.at >= oldest]
    unread = sum(1 for m in parsed if m is None)
    older = len(parsed) - unread - len(mails)
    own = [ctx.profile.email, replies_login(ctx.profile)]
    proposals = replies.propose(
        mails,
        interviews,
        ctx.store.messages(),
        seen=ctx.store.seen(m.message_id for m in mails),
        own=own,
    )
    if json:
        render.emit_json([_json(p, ctx) for p in proposals])
        return
    if not proposals:
        left = [
            _("{count} older than your oldest open interview").format(count=older) if older else "",
            _("{count} without a sender or a date").format(count=unread) if unread else "",
        ]
        why = "; ".join(part for part in left if part)
        none_new = ngettext(
            "No new replies among {count} message read",
            "No new replies among {count} messages read",
            len(parsed),
        ).format(count=len(parsed))
        note(f"{none_new} ({why})." if why else f"{none_new}.")
        return
    if not (yes or prompt.interactive()):
        raise UsageError(
            ngettext(
                "{count} reply found, nothing recorded: run `followup inbox` in a terminal to "
                "be asked, or add --yes (sure replies only) or --json (record nothing).",
                "{count} replies found, nothing recorded: run `followup inbox` in a terminal "
                "to be asked, or add --yes (sure replies only) or --json (record nothing).",
                len(proposals),
            ).format(count=len(proposals))
        )
    recorded = 0
    for proposal in proposals:
        typer.echo(_shown(proposal, ctx))
        if yes:
            if not proposal.sure:
                why = (
                    _("it is not in followup's thread")
                    if proposal.match != "thread"
                    else _("its words name more than one decision")
                    if proposal.ambiguous
                    else _("its words name no decision")
                )
                note(
                    _("Left for you: {why}; run `followup inbox` in a terminal to decide.").format(
                        why=why
                    )
                )
                continue
            choice = proposal.outcome
        else:
            choice = _ask(proposal)
        if choice == "skip":
            ctx.store.mark_seen(
                proposal.mail.message_id, proposal.interview.id, "skip", now=ctx.now
            )
            note(_("Skipped; it will not be proposed again."))
            continue
        recorded += _record(ctx, proposal, choice)
    note(
        ngettext(
            "Recorded {recorded} of {count} reply.",
            "Recorded {recorded} of {count} replies.",
            len(proposals),
        ).format(recorded=recorded, count=len(proposals))
    )


def replies_login(profile: Any) -> str:
    """The IMAP login when it is an address (the user's own messages are no replies)."""
    from followup import imap

    login = imap.account(profile).user
    return login if "@" in login else ""


def _shown(proposal: "Proposal", ctx: Context) -> str:
    from followup import render

    item = proposal.interview
    how = {
        "thread": _("a reply in the thread of an email followup wrote"),
        "sender": _("from a contact of the interview"),
        "domain": _("from the employer's domain"),
    }[proposal.match]
    labels = [_("From:"), _("Date:"), _("Subject:")]
    wide = max(render.width(label) for label in labels) + 2
    shown = [label + " " * (wide - render.width(label)) for label in labels]
    lines = [
        _("Interview {id} ({company}, {role}): {how}").format(
            id=item.id, company=item.company, role=item.role, how=how
        ),
        f"  {shown[0]}{proposal.mail.sender}",
        f"  {shown[1]}{dates.show(proposal.mail.at, ctx.tz)}",
        f"  {shown[2]}{proposal.mail.subject}",
    ]
    lines += [f"  | {line}" for line in (proposal.excerpt or _("(no text)")).split("\n")]
    proposed = (
        _("Proposed: {outcome} (its words name more than one decision)")
        if proposal.ambiguous
        else _("Proposed: {outcome}")
    )
    lines.append("  " + proposed.format(outcome=proposal.outcome))
    return "\n".join(lines)


def _ask(proposal: "Proposal") -> str:
    """Enter accepts the proposal; heard, invited, offer or rejected changes it; skip skips."""
    while True:
        answer = (
            str(
                typer.prompt(
                    _("Record which? [heard, invited, offer, rejected, skip]")
                    if proposal.ambiguous
                    else _(
                        "Record {outcome}? [Enter: yes; or heard, invited, offer, rejected, skip]"
                    ).format(outcome=proposal.outcome),
                    default="",
                    show_default=False,
                    err=True,
                )
            )
            .strip()
            .lower()
        )
        if (not answer or answer in ("y", "yes")) and proposal.ambiguous:
            note(_("Its words name more than one decision: type the one it is, or skip."))
            continue
        if not answer or answer in ("y", "yes"):
            return proposal.outcome
        found = [c for c in CHOICES if c.startswith(answer)]
        if len(found) == 1:
            return found[0]
        note(_("Answer one of: {choices} (or Enter).").format(choices=", ".join(CHOICES)))


def _record(ctx: Context, proposal: "Proposal", choice: str) -> int:
    """Record the choice at the reply's time and mark the message seen; 1 if recorded."""
    from followup import render

    item = proposal.interview
    moment = min(proposal.mail.at, ctx.now)
    kind = "done" if choice == "heard" else "result"
    if moment < item.at:
        note(_("Not recorded: the message came before interview {id} started.").format(id=item.id))
        return 0
    try:
        ctx.store.record(item.id, kind, choice, moment, now=ctx.now, once=kind == "result")
    except StoreError:  # the store itself failed (locked, unwritable): try again later
        raise
    except FollowupError as error:  # refused (already recorded): not proposed again
        ctx.store.mark_seen(proposal.mail.message_id, item.id, "refused", now=ctx.now)
        note(_("Not recorded: {error}").format(error=error))
        return 0
    ctx.store.mark_seen(proposal.mail.message_id, item.id, choice, now=ctx.now)
    note(
        _("Recorded {action} for interview {id} ({company}, {role}).").format(
            action=render.event_name(choice), id=item.id, company=item.company, role=item.role
        )
    )
    if choice == "heard":
        note(
            _(
                "The status check now waits from this reply; if it names a decision date, "
                "record it: {command}"
            ).format(command=f"followup edit {item.id} --decision-by YYYY-MM-DD")
        )
    return 1


def _json(proposal: "Proposal", ctx: Context) -> dict[str, Any]:
    mail = proposal.mail
    return {
        "message_id": mail.message_id,
        "interview": proposal.interview.id,
        "company": proposal.interview.company,
        "role": proposal.interview.role,
        "match": proposal.match,
        "from": str(mail.sender),
        "at": dates.iso(mail.at, ctx.tz),
        "subject": mail.subject,
        "excerpt": proposal.excerpt,
        "proposed": proposal.outcome,
        "ambiguous": proposal.ambiguous,
        "sure": proposal.sure,
    }
