"""Letters: draft an email, and send it over SMTP."""

from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from followup import dates, fields
from followup.cli import files, guards, output, prompt
from followup.cli.options import DraftLangOpt, IdArg, JsonOpt, Kind, Lang, ReasonOpt
from followup.context import Context, UsageError, check, note
from followup.errors import FollowupError, StoreError
from followup.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from followup import records

app = typer.Typer()


@app.command(
    help=_(
        "Draft an email: thanks, check or decline.\n"
        "\n"
        "Drafting records nothing: run `followup done KIND ID` once sent.\n"
        "\n"
        "Example: followup draft thanks 3 --lang zh"
    )
)
def draft(
    kind: Annotated[
        Kind,
        typer.Argument(
            metavar="KIND",
            help=_(
                "thanks (within 2 days), check (status follow-up; alias: followup) or "
                "decline (withdraw from a further round)."
            ),
        ),
    ],
    interview_id: IdArg,
    lang: DraftLangOpt = None,
    reason: ReasonOpt = None,
    plain: Annotated[
        bool,
        typer.Option("--plain", help=_("Plain To:/Cc:/Subject: lines and the body, for piping.")),
    ] = False,
    json: JsonOpt = False,
    eml: Annotated[
        str | None,
        typer.Option(
            "--eml",
            metavar="PATH",
            help=_(
                "Write .eml drafts that mail clients open: a file for one email, "
                "a folder for several."
            ),
        ),
    ] = None,
    mailto: Annotated[bool, typer.Option("--mailto", help=_("Print mailto: links."))] = False,
    force: Annotated[
        bool, typer.Option("--force", help=_("With --eml: replace .eml files that exist."))
    ] = False,
) -> None:
    from followup import drafts, render

    if sum((plain, json, eml is not None, mailto)) > 1:
        raise UsageError(_("choose one of --plain, --json, --eml and --mailto."))
    ctx, item, emails = _compose("draft", kind, interview_id, lang, reason, read_only=eml is None)
    if json:
        render.emit_json([d.as_json() for d in emails])
    elif mailto:
        typer.echo("\n".join(drafts.to_mailto(d) for d in emails))
    elif eml is not None:
        from followup import records

        sender = _sender(ctx.profile)
        written = []
        for target, message in _eml_targets(eml, item.id, emails, force=force):
            ident = drafts.message_id(sender)
            files.write_private(target, drafts.to_eml(message, sender, ident=ident))
            note(_("Wrote {path}").format(path=target))
            written.append(
                records.Message(item.id, message.kind, ident, _recipients(message), "eml", ctx.now)
            )
        # A reply to a draft sent from the mail client names this Message-ID, if the client
        # keeps it: `followup inbox` then knows what it answers.
        try:
            ctx.store.add_messages(written)
        except StoreError as error:  # a store opened to read only: the drafts are written
            warning = _(
                "the drafts' Message-IDs were not recorded ({error}); `followup inbox` will "
                "match a reply to them by its sender only."
            ).format(error=error)
            note(f"Warning: {warning}")
    elif plain or not render.terminal():
        typer.echo("\n\n".join(output.plain_email(d) for d in emails), nl=False)
    else:
        render.drafts_panels(emails, render.console(), item.id)


@app.command(
    help=_(
        "Send a drafted email over SMTP and record it.\n"
        "\n"
        "Shows the email and asks first (--yes skips the question). The action is "
        "recorded as\n"
        "done only once the server accepted every recipient. Set the server with\n"
        "`followup profile --smtp-host ...`; the password comes from "
        "FOLLOWUP_SMTP_PASSWORD.\n"
        "\n"
        "Example: followup send thanks 3"
    )
)
def send(
    kind: Annotated[
        Kind,
        typer.Argument(metavar="KIND", help=_("thanks, check (alias: followup) or decline.")),
    ],
    interview_id: IdArg,
    lang: DraftLangOpt = None,
    reason: ReasonOpt = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help=_("Send without asking."))] = False,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help=_(
                "Connect, log in and have the server accept every recipient; send nothing, "
                "record nothing, ask nothing."
            ),
        ),
    ] = False,
    early: Annotated[
        bool,
        typer.Option(
            "--early",
            help=_(
                "Send a status check before it is due to open (a week after the interview, "
                "and not before the decision date), e.g. when another offer will not wait."
            ),
        ),
    ] = False,
) -> None:
    from followup import records, render
    from followup import send as smtp

    action = "check" if kind in (Kind.check, Kind.followup) else kind.value

    def recordable(ctx: Context, item: "records.Interview") -> None:
        guards.check_done(
            ctx,
            item,
            action,
            ctx.now,
            given=False,
            refused=N_("nothing was sent"),
            early_note=False,
        )
        if action != "check":
            return
        opens = guards.check_opens(ctx, item)
        if opens is None:
            status = ctx.assess(item).status
            why = (
                _("it has a result ({result})").format(result=render.status(status))
                if status in ("invited", "offer", "rejected", "withdrawn")
                else _("two checks have gone already, and a third would press the recruiter")
            )
            raise FollowupError(
                _("no status check is due for interview {id}: {why}. Nothing was sent.").format(
                    id=item.id, why=why
                )
            )
        if ctx.now < opens and not early:
            raise UsageError(
                _(
                    "the status check opens {when}; asking earlier can disturb the recruiter. "
                    "Nothing was sent: wait, or send it now with --early."
                ).format(when=dates.show(opens, ctx.tz))
            )

    ctx, item, emails = _compose(
        "send", kind, interview_id, lang, reason, read_only=False, before=recordable
    )
    secret = smtp.password(ctx.profile)
    smtp.check_ready(emails, ctx.profile, secret, item.id)
    if not (yes or dry_run or prompt.interactive()):
        raise UsageError(_("not sent: confirm with --yes when there is no terminal to ask in."))
    render.drafts_panels(emails, render.console(stderr=True))
    count = len(emails)
    question = ngettext("Send {count} email?", "Send {count} emails?", count).format(count=count)
    if not (yes or dry_run or typer.confirm(question, err=True)):
        note(_("Nothing sent."))
        raise typer.Exit(1)
    seen = sum(1 for e in item.events if e.kind == "done" and e.name == action)
    sent_at = None
    with smtp.connect(ctx.profile, secret) as outbox:
        checked = outbox.check(emails)  # every recipient accepted before anything goes
        if dry_run:
            for line in checked:
                note(_("Would send: {email}").format(email=line))
            note(_("Dry run: the server accepted every recipient; nothing sent, nothing recorded."))
            return
        try:
            # The claim is held while the emails go (after the checks above), so a second
            # `send` of them (another terminal, another machine) waits, then finds them
            # recorded instead of sending them again; the store's write lock is taken only
            # to claim and to record, so a slow server keeps no other command waiting.
            with ctx.store.claim(
                item.id, "done", action, seen=seen, now=ctx.now, refused=N_("nothing was sent")
            ) as claim:
                moment = datetime.now(timezone.utc)
                for line in outbox.send(emails, sent_at=moment.astimezone(ctx.tz)):
                    note(_("Sent: {email}").format(email=line))
                claim.at = sent_at = moment
                claim.messages = [
                    records.Message(item.id, email.kind, ident, _recipients(email), "send", moment)
                    for email, ident, _raw in outbox.messages
                ]
        except FollowupError as error:
            if sent_at is None and isinstance(error, StoreError):  # the lock, before anything
                raise StoreError(_("{error} Nothing was sent.").format(error=error)) from None
            if sent_at is None:
                raise
            when = dates.iso(sent_at.replace(microsecond=0), ctx.tz)
            raise FollowupError(
                _(
                    "the email was sent, but recording it failed: {error} Do not send it again; "
                    "once the store is free, run: {command}"
                ).format(error=error, command=f"followup done {action} {item.id} --at '{when}'")
            ) from None
    note(
        _("Recorded {action} for interview {id} ({company}, {role}).").format(
            action=render.event_name(action), id=item.id, company=item.company, role=item.role
        )
    )
    if ctx.profile.imap_sent:
        _copy_to_sent(ctx.profile, [m[2] for m in outbox.messages])


def _copy_to_sent(profile: "records.Profile", messages: list[bytes]) -> None:
    """A copy of each email sent in the Sent folder (IMAP APPEND); a failure is a warning,
    since the emails have gone and are recorded."""
    from followup import imap

    try:
        imap.append_sent(profile, messages)
    except FollowupError as error:
        warning = _(
            "the emails were sent and recorded, but not copied to your Sent folder: {error}"
        ).format(error=error)
        note(f"Warning: {warning}")
        return
    note(_("Copied to {folder}.").format(folder=profile.imap_sent))


def _recipients(email: Any) -> str:
    return ", ".join(str(p) for p in (*email.to, *email.cc))


def _compose(
    command: str,
    kind: Kind,
    interview_id: int,
    lang: Lang | None,
    reason: str | None,
    *,
    read_only: bool,
    before: "Callable[[Context, records.Interview], None] | None" = None,
) -> "tuple[Context, records.Interview, list[Any]]":
    """What `draft` and `send` share: the emails of one kind, warnings printed on stderr.
    ``before`` may refuse the interview before anything is drafted or warned about."""
    from followup import config, drafts

    if reason is not None and kind is not Kind.decline:
        raise UsageError(_("--reason is for `{command} decline` only.").format(command=command))
    reason_text = check("--reason", lambda v: fields.text(v, limit=1000), reason or "")
    ctx = Context(read_only=read_only)
    item = ctx.store.get(interview_id)
    if before is not None:
        before(ctx, item)
    drafted = drafts.compose(
        kind.value,
        item,
        ctx.profile,
        tz=ctx.tz,
        now=ctx.now,
        user_dir=config.home() / "templates",
        lang=lang.value if lang else None,
        reason=reason_text,
    )
    for warning in drafted.warnings:
        note(f"Warning: {warning}")  # the warning in the interface language, the prefix not
    return ctx, item, drafted.drafts


def _sender(profile: "records.Profile") -> "records.Person | None":
    from followup import drafts

    return drafts.sender(profile) if profile.email else None


def _eml_targets(
    text: str, interview_id: int, emails: list[Any], *, force: bool
) -> list[tuple[Path, Any]]:
    """Where each .eml goes: PATH itself for one email, files in the folder PATH for several."""
    if not text.strip():
        raise UsageError("--eml needs a file (one email) or a folder (several).")
    path = Path(text).expanduser()
    if len(emails) == 1 and not path.is_dir():
        targets = [(path, emails[0])]
        if not path.parent.is_dir():
            problem = "is not a folder" if path.parent.exists() else "does not exist"
            raise FollowupError(f"cannot write {path}: {path.parent} {problem}.")
    else:
        if path.exists() and not path.is_dir():
            raise FollowupError(f"{path} is a file; {len(emails)} emails need a folder.")
        if not path.parent.is_dir():
            raise FollowupError(
                _("cannot create the folder {path}: {parent} is not a folder.").format(
                    path=path, parent=path.parent
                )
            )
        try:
            path.mkdir(mode=0o700, exist_ok=True)
        except OSError as error:
            raise FollowupError(
                _("cannot create the folder {path}: {reason}").format(
                    path=path, reason=error.strerror or error
                )
            ) from None
        targets = [
            (path / f"{interview_id}-{d.kind}-{n}.eml", d) for n, d in enumerate(emails, start=1)
        ]
    existing = [str(t) for t, _ in targets if t.exists()]
    if existing and not force:
        raise FollowupError(
            _("{path} exists already; add --force to replace it.").format(path=", ".join(existing))
        )
    return targets
