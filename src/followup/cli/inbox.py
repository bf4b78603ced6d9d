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

if TYPE_CHECKING:
    from followup.inbox import Proposal

app = typer.Typer()

CHOICES = ("heard", "invited", "offer", "rejected", "skip")


@app.command()
def inbox(
    from_: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="PATH",
            help="Read saved mail instead of the server: an .eml file, a folder of them, or an "
            "mbox file, e.g. --from ~/Downloads/replies.mbox.",
        ),
    ] = None,
    folder: Annotated[
        str | None,
        typer.Option(
            "--folder",
            help="The IMAP folder to read (INBOX unless given; not with --from), "
            "e.g. --folder Jobs.",
        ),
    ] = None,
    yes: Annotated[
        bool,
        typer.Option(
            "--yes",
            "-y",
            help="Record, without asking, only replies in the thread of an email followup "
            "wrote whose words name exactly one decision; leave the rest.",
        ),
    ] = False,
    json: JsonOpt = False,
) -> None:
    """Find the employers' replies and propose what to record.

    Reads the mailbox read-only (EXAMINE, BODY.PEEK: no flag changes, nothing moved or
    deleted), from the day of the oldest open interview. A reply is matched to its interview
    by the thread of an email followup sent or drafted, else by its sender (an interviewer or
    recruiter), else by the sender's domain. At a terminal you accept, change or skip each
    proposal; a message shown once is never proposed again. Set the server with
    `followup profile --imap-host ...`; the password comes from FOLLOWUP_IMAP_PASSWORD.

    Example: followup inbox
    """
    from followup import inbox as replies
    from followup import render

    if json and yes:
        raise UsageError("choose one of --json (record nothing) and --yes.")
    if from_ is not None and not from_.strip():
        raise UsageError("--from needs an .eml file, a folder of them, or an mbox file.")
    if from_ is not None and folder is not None:
        raise UsageError("--folder names an IMAP folder; it cannot be used with --from.")
    ctx = Context()
    interviews = [i for i in ctx.store.interviews(open_only=True) if ctx.assess(i).is_open]
    if not interviews:
        if json:
            render.emit_json([])
        else:
            note("No open interviews: there is no reply to look for.")
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
            f"{older} older than your oldest open interview" if older else "",
            f"{unread} without a sender or a date" if unread else "",
        ]
        why = "; ".join(part for part in left if part)
        note(
            f"No new replies among {len(parsed)} message{'s' if len(parsed) != 1 else ''} "
            f"read{f' ({why})' if why else ''}."
        )
        return
    if not (yes or prompt.interactive()):
        raise UsageError(
            f"{len(proposals)} repl{'ies' if len(proposals) != 1 else 'y'} found, nothing "
            "recorded: run `followup inbox` in a terminal to be asked, or add --yes (sure "
            "replies only) or --json (record nothing)."
        )
    recorded = 0
    for proposal in proposals:
        typer.echo(_shown(proposal, ctx))
        if yes:
            if not proposal.sure:
                why = (
                    "it is not in followup's thread"
                    if proposal.match != "thread"
                    else "its words name more than one decision"
                    if proposal.ambiguous
                    else "its words name no decision"
                )
                note(f"Left for you: {why}; run `followup inbox` in a terminal to decide.")
                continue
            choice = proposal.outcome
        else:
            choice = _ask(proposal)
        if choice == "skip":
            ctx.store.mark_seen(
                proposal.mail.message_id, proposal.interview.id, "skip", now=ctx.now
            )
            note("Skipped; it will not be proposed again.")
            continue
        recorded += _record(ctx, proposal, choice)
    note(f"Recorded {recorded} of {len(proposals)} replies.")


def replies_login(profile: Any) -> str:
    """The IMAP login when it is an address (the user's own messages are no replies)."""
    from followup import imap

    login = imap.account(profile).user
    return login if "@" in login else ""


def _shown(proposal: "Proposal", ctx: Context) -> str:
    item = proposal.interview
    how = {
        "thread": "a reply in the thread of an email followup wrote",
        "sender": "from a contact of the interview",
        "domain": "from the employer's domain",
    }[proposal.match]
    lines = [
        f"Interview {item.id} ({item.company}, {item.role}): {how}",
        f"  From:     {proposal.mail.sender}",
        f"  Date:     {dates.show(proposal.mail.at, ctx.tz)}",
        f"  Subject:  {proposal.mail.subject}",
    ]
    lines += [f"  | {line}" for line in (proposal.excerpt or "(no text)").split("\n")]
    doubt = " (its words name more than one decision)" if proposal.ambiguous else ""
    lines.append(f"  Proposed: {proposal.outcome}{doubt}")
    return "\n".join(lines)


def _ask(proposal: "Proposal") -> str:
    """Enter accepts the proposal; heard, invited, offer or rejected changes it; skip skips."""
    while True:
        answer = (
            str(
                typer.prompt(
                    "Record which? [heard, invited, offer, rejected, skip]"
                    if proposal.ambiguous
                    else f"Record {proposal.outcome}? "
                    "[Enter: yes; or heard, invited, offer, rejected, skip]",
                    default="",
                    show_default=False,
                    err=True,
                )
            )
            .strip()
            .lower()
        )
        if (not answer or answer in ("y", "yes")) and proposal.ambiguous:
            note("Its words name more than one decision: type the one it is, or skip.")
            continue
        if not answer or answer in ("y", "yes"):
            return proposal.outcome
        found = [c for c in CHOICES if c.startswith(answer)]
        if len(found) == 1:
            return found[0]
        note(f"Answer one of: {', '.join(CHOICES)} (or Enter).")


def _record(ctx: Context, proposal: "Proposal", choice: str) -> int:
    """Record the choice at the reply's time and mark the message seen; 1 if recorded."""
    item = proposal.interview
    moment = min(proposal.mail.at, ctx.now)
    kind = "done" if choice == "heard" else "result"
    if moment < item.at:
        note(f"Not recorded: the message came before interview {item.id} started.")
        return 0
    try:
        ctx.store.record(item.id, kind, choice, moment, now=ctx.now, once=kind == "result")
    except StoreError:  # the store itself failed (locked, unwritable): try again later
        raise
    except FollowupError as error:  # refused (already recorded): not proposed again
        ctx.store.mark_seen(proposal.mail.message_id, item.id, "refused", now=ctx.now)
        note(f"Not recorded: {error}")
        return 0
    ctx.store.mark_seen(proposal.mail.message_id, item.id, choice, now=ctx.now)
    note(f"Recorded {choice} for interview {item.id} ({item.company}, {item.role}).")
    if choice == "heard":
        note(
            "The status check now waits from this reply; if it names a decision date, record it: "
            f"followup edit {item.id} --decision-by YYYY-MM-DD"
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
