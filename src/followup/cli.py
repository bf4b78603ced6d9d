"""The ``followup`` command line: parse arguments, call the core, render the answer.

No SQL and no date arithmetic here. Heavy modules (the store, Rich) are imported inside the
commands that need them, so ``--help`` and shell completion start fast.
"""

import contextlib
import os
import sys
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer
from typer._completion_shared import _completion_scripts
from typer.core import TyperGroup

from followup import __version__, dates, fields
from followup.context import (
    Context,
    UsageError,
    check,
    close_stores,
    note,
    stdout_closed,
    unexpected,
)
from followup.errors import FollowupError, StoreError

if TYPE_CHECKING:
    from followup import records

T = TypeVar("T")


class _Group(TyperGroup):
    """The one place where a :class:`FollowupError` becomes ``Error: ...`` and an exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except FollowupError as error:
            fail(str(error), error.exit_code)
        except BrokenPipeError:
            raise typer.Exit(stdout_closed()) from None
        except Exception as error:  # a bug: say so plainly; FOLLOWUP_DEBUG=1 shows the traceback
            if os.environ.get("FOLLOWUP_DEBUG") or isinstance(
                error, (typer.Exit, typer.Abort, typer.TyperException)
            ):
                raise
            fail(unexpected(error))
        finally:
            close_stores()


def fail(message: str, code: int = 1) -> NoReturn:
    sys.stderr.write(f"Error: {message}\n")
    raise typer.Exit(code)


app = typer.Typer(
    name="followup",
    help=(
        "Keep track of interview follow-ups: a thank-you within two days, a status check after "
        "a week, a prompt reply to an invitation.\n\n"
        "Daily use: `followup add` after an interview, `followup due` each morning, "
        "`followup done thanks ID` once sent."
    ),
    cls=_Group,
    rich_markup_mode=None,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


# Typer's zsh script only calls `compdef`. `--install-completion` puts it in ~/.zfunc, where
# zsh autoloads it as the completer on the first Tab, so that Tab completed nothing. This one
# (same protocol) also completes at once when the completion system itself runs it.
_completion_scripts["zsh"] = """
#compdef %(prog_name)s

%(complete_func)s() {
  eval $(env _TYPER_COMPLETE_ARGS="${words[1,$CURRENT]}" %(autocomplete_var)s=complete_zsh \
%(prog_name)s)
}

compdef %(complete_func)s %(prog_name)s
if [[ -n ${compstate[context]-} ]]; then
  %(complete_func)s "$@"
fi
"""


class Lang(str, Enum):
    en = "en"
    zh = "zh"
    hi = "hi"


class DoneAction(str, Enum):
    thanks = "thanks"
    check = "check"
    reply = "reply"
    decline = "decline"


class Security(str, Enum):
    starttls = "starttls"
    ssl = "ssl"
    none = "none"


class Kind(str, Enum):
    thanks = "thanks"
    check = "check"
    followup = "followup"  # an alias of check
    decline = "decline"


class TemplateKind(str, Enum):
    thanks = "thanks"
    check = "check"
    decline = "decline"


class Outcome(str, Enum):
    invited = "invited"
    offer = "offer"
    rejected = "rejected"
    withdrawn = "withdrawn"


# -- shared plumbing ---------------------------------------------------------------------


def people(option: str, values: list[str] | None) -> "list[records.Person] | None":
    """Parse repeated ``"Name <email>"`` values; a single empty value clears the list."""
    from followup import records

    if values is None:
        return None
    if values == [""]:
        return []
    return [records.Person(*check(option, fields.address, v)) for v in values]


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"followup {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=version_callback,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """Keep track of interview follow-ups."""


# -- options shared by add and edit ------------------------------------------------------

CompanyOpt = Annotated[
    str | None, typer.Option("--company", "-c", help="The employer, e.g. --company 'Acme Ltd'.")
]
RoleOpt = Annotated[
    str | None, typer.Option("--role", "-r", help="The position, e.g. --role 'Support Engineer'.")
]
AtOpt = Annotated[
    str | None,
    typer.Option(
        "--at",
        metavar="WHEN",
        help="When the interview started, e.g. --at 'yesterday 15:00' or '2026-11-20 14:00'. "
        "Default: now.",
    ),
]
RoundOpt = Annotated[
    int | None, typer.Option("--round", min=1, max=99, help="Interview round, e.g. --round 2.")
]
ContactOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--contact",
        metavar='"NAME <EMAIL>"',
        help="An interviewer or hiring manager; repeat for a panel, e.g. "
        "--contact 'Wang Fang <wang.fang@example.cn>'.",
    ),
]
RecruiterOpt = Annotated[
    str | None,
    typer.Option(
        "--recruiter",
        metavar='"NAME <EMAIL>"',
        help="The recruiter or HR contact, e.g. --recruiter 'Ana Ruiz <ana@acme.example>'.",
    ),
]
DecisionOpt = Annotated[
    str | None,
    typer.Option(
        "--decision-by",
        metavar="DATE",
        help="When the employer said it would decide, e.g. --decision-by 2026-11-27. "
        "The status check waits until the business day after it.",
    ),
]
LangOpt = Annotated[
    Lang | None,
    typer.Option(
        "--lang", help="Language of this employer's emails: en, zh or hi, e.g. --lang zh."
    ),
]
TopicOpt = Annotated[
    str | None,
    typer.Option(
        "--topic",
        help="Something specific you discussed, for the thank-you, e.g. "
        "--topic 'how the team handles escalations'.",
    ),
]
StrengthOpt = Annotated[
    str | None,
    typer.Option(
        "--strength",
        help="What you bring that fits, e.g. --strength 'three years of bilingual support'.",
    ),
]
IdeaOpt = Annotated[
    str | None,
    typer.Option(
        "--idea",
        help="A new thought or suggestion about the role, e.g. "
        "--idea 'a shared FAQ would cut repeat tickets'.",
    ),
]
NotesOpt = Annotated[
    str | None, typer.Option("--notes", help="Free notes, e.g. --notes 'Panel of 3'.")
]
DraftLangOpt = Annotated[
    Lang | None,
    typer.Option("--lang", help="Write in en, zh or hi (default: the interview's, then yours)."),
]
ReasonOpt = Annotated[
    str | None,
    typer.Option(
        "--reason",
        help="For decline: a short honest reason, e.g. --reason 'I have accepted another offer.'",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of a table.")]


def complete_ids(incomplete: str) -> list[tuple[str, str]]:
    """Interview ids for shell completion, with company and role as descriptions: the open
    interviews, or every one once a digit is typed. A Tab shows nothing rather than an error."""
    try:
        found = _completion_interviews(open_only=not incomplete)
    except Exception:  # a missing, damaged or unreachable store: the shell just offers nothing
        return []
    return [
        (str(item.id), f"{item.company}, {item.role}")
        for item in reversed(found)
        if str(item.id).startswith(incomplete)
    ][:50]


def _completion_interviews(*, open_only: bool) -> list[Any]:
    """An SQLite store is read through sqlite3 only; a database URL goes through the store,
    with a short connection timeout (a Tab must not hang). Neither is ever created, migrated
    or written to by a Tab."""
    from followup import config

    url = config.database_url()
    if url:
        from followup.store import Store

        os.environ.setdefault("PGCONNECT_TIMEOUT", "2")
        store = Store.open(config.store_path(), url, upgrade=False)
        try:
            return store.interviews(open_only=open_only)
        finally:
            store.close()
    from followup.sqlite_reader import Reader

    reader = Reader.open(config.store_path())
    if reader is None:
        return []
    try:
        return reader.interviews(open_only=open_only)
    finally:
        reader.close()


IdArg = Annotated[
    int,
    typer.Argument(
        metavar="ID",
        min=1,
        autocompletion=complete_ids,
        help="The interview's id, e.g. 3 (see `followup list`).",
    ),
]


def _text_changes(
    ctx: Context,
    *,
    company: str | None,
    role: str | None,
    at: str | None,
    round: int | None,
    decision_by: str | None,
    lang: Lang | None,
    notes: str | None,
    topic: str | None = None,
    strength: str | None = None,
    idea: str | None = None,
) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if company is not None:
        changes["company"] = check("--company", fields.one_line, company)
    if role is not None:
        changes["role"] = check("--role", fields.one_line, role)
    if at is not None:
        changes["at"] = ctx.when("--at", at)
    if round is not None:
        changes["round"] = round
    if decision_by is not None:
        changes["decision_by"] = (
            ctx.day("--decision-by", decision_by) if decision_by.strip() else None
        )
    if lang is not None:
        changes["lang"] = lang.value
    if notes is not None:
        changes["notes"] = check("--notes", fields.text, notes) or None
    for option, value in (("--topic", topic), ("--strength", strength), ("--idea", idea)):
        if value is not None:
            changes[option[2:]] = check(option, lambda v: fields.text(v, limit=1000), value) or None
    return changes


def interactive() -> bool:
    """Whether a person is at the keyboard to answer a question."""
    return sys.stdin.isatty()


def _ask(option: str, value: str | None, prompt: str) -> str:
    if value is not None:
        return value
    if not interactive():
        raise UsageError(f"missing option {option} (give it, or run in a terminal to be asked).")
    return str(typer.prompt(prompt))


# -- commands ------------------------------------------------------------------------------


@app.command()
def add(
    company: CompanyOpt = None,
    role: RoleOpt = None,
    at: AtOpt = None,
    round: RoundOpt = None,
    contact: ContactOpt = None,
    recruiter: RecruiterOpt = None,
    decision_by: DecisionOpt = None,
    lang: LangOpt = None,
    notes: NotesOpt = None,
    topic: TopicOpt = None,
    strength: StrengthOpt = None,
    idea: IdeaOpt = None,
    json: JsonOpt = False,
) -> None:
    """Record an interview.

    Example: followup add -c Acme -r 'Support Engineer' --at 'today 10:00'
    --contact 'Wang Fang <wang.fang@example.cn>'
    """
    company = _ask("--company", company, "Company")
    role = _ask("--role", role, "Role")
    ctx = Context()
    changes = _text_changes(
        ctx,
        company=company,
        role=role,
        at=at,
        round=round,
        decision_by=decision_by,
        lang=lang,
        notes=notes,
        topic=topic,
        strength=strength,
        idea=idea,
    )
    changes.setdefault("at", ctx.now)
    item = ctx.store.add(
        **changes,
        contacts=people("--contact", contact) or [],
        recruiters=people("--recruiter", [recruiter] if recruiter is not None else None) or [],
        now=ctx.now,
    )
    if json:
        from followup import render

        render.emit_json(ctx.interview_json(item))
        return
    thanks = next((a for a in ctx.assess(item).pending if a.action == "thanks"), None)
    typer.echo(
        f"Added interview {item.id}: {item.company}, {item.role}, {dates.show(item.at, ctx.tz)}."
    )
    if thanks and thanks.deadline:
        typer.echo(
            f"Send the thank-you by {dates.show(thanks.deadline, ctx.tz)} "
            f"({dates.relative(thanks.deadline, ctx.now)}): followup draft thanks {item.id}"
        )


@app.command()
def edit(
    interview_id: IdArg,
    company: CompanyOpt = None,
    role: RoleOpt = None,
    at: AtOpt = None,
    round: RoundOpt = None,
    contact: ContactOpt = None,
    recruiter: RecruiterOpt = None,
    decision_by: DecisionOpt = None,
    lang: LangOpt = None,
    notes: NotesOpt = None,
    topic: TopicOpt = None,
    strength: StrengthOpt = None,
    idea: IdeaOpt = None,
    json: JsonOpt = False,
) -> None:
    """Change an interview.

    Each option replaces the stored value; --contact replaces the whole list, and an empty
    value (--contact '' or --decision-by '') clears it.

    Example: followup edit 3 --decision-by 2026-11-27
    """
    ctx = Context()
    changes = _text_changes(
        ctx,
        company=company,
        role=role,
        at=at,
        round=round,
        decision_by=decision_by,
        lang=lang,
        notes=notes,
        topic=topic,
        strength=strength,
        idea=idea,
    )
    contacts = people("--contact", contact)
    recruiters = people("--recruiter", [recruiter] if recruiter is not None else None)
    if not changes and contacts is None and recruiters is None:
        raise UsageError("nothing to change: give at least one option, e.g. --role 'New title'.")
    item = ctx.store.edit(
        interview_id, changes, contacts=contacts, recruiters=recruiters, now=ctx.now
    )
    if json:
        from followup import render

        render.emit_json(ctx.interview_json(item))
        return
    typer.echo(
        f"Updated interview {item.id}: {item.company}, {item.role}, {dates.show(item.at, ctx.tz)}."
    )


@app.command("list")
def list_(
    all_: Annotated[bool, typer.Option("--all", "-a", help="Include closed interviews.")] = False,
    json: JsonOpt = False,
) -> None:
    """List open interviews (--all: every one).

    Example: followup list --all --json
    """
    from followup import reading

    reading.list_interviews(all_=all_, json=json)


@app.command()
def show(interview_id: IdArg, json: JsonOpt = False) -> None:
    """Show one interview and its timeline.

    What was done and what is pending, with deadlines.

    Example: followup show 3
    """
    from followup import reading

    reading.show(interview_id, json=json)


@app.command()
def rm(
    interview_id: IdArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Remove without asking.")] = False,
) -> None:
    """Remove an interview and its history.

    Example: followup rm 3 --yes
    """
    ctx = Context()
    item = ctx.store.get(interview_id)
    if not yes:
        if not interactive():
            raise UsageError(f"not removed: confirm with `followup rm {interview_id} --yes`.")
        if not typer.confirm(f"Remove interview {item.id} ({item.company}, {item.role})?"):
            note("Nothing removed.")
            raise typer.Exit(1)
    ctx.store.remove(interview_id)
    note(f"Removed interview {item.id} ({item.company}, {item.role}).")


@app.command()
def due(
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            metavar="WHEN",
            help="Answer for another moment, e.g. --on 'tomorrow 9am'. Default: now.",
        ),
    ] = None,
    days: Annotated[
        int,
        typer.Option(
            "--days", min=0, max=3650, help="How many days ahead 'coming up' looks, e.g. --days 7."
        ),
    ] = 3,
    json: JsonOpt = False,
) -> None:
    """What to do now, most urgent first.

    Lists overdue, due and coming-up follow-ups with the command to run next.

    Example: followup due --days 7
    """
    from followup import reading

    reading.due(on=on, days=days, json=json)


@app.command()
def done(
    action: Annotated[
        DoneAction,
        typer.Argument(
            metavar="ACTION", help="What you did: thanks, check, reply (accepted) or decline."
        ),
    ],
    interview_id: IdArg,
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar="WHEN",
            help="When you did it, e.g. --at 'yesterday 18:00'. Default: now.",
        ),
    ] = None,
    json: JsonOpt = False,
) -> None:
    """Record that you did something.

    `done decline` also closes the interview as withdrawn.

    Example: followup done thanks 3 --at 'yesterday 18:00'
    """
    ctx = Context()
    moment = ctx.when("--at", at)
    item = ctx.store.get(interview_id)
    _not_in_the_future(ctx, moment)
    _check_done(ctx, item, action.value, moment, given=at is not None)
    item = ctx.store.record(
        interview_id, "done", action.value, moment, now=ctx.now, once=action.value != "check"
    )
    if json:
        from followup import render

        render.emit_json(ctx.interview_json(item))
        return
    note(
        f"Recorded {action.value} for interview {item.id} ({item.company}, {item.role}) "
        f"at {dates.show(moment, ctx.tz)}."
    )
    if action is DoneAction.decline:
        note("The interview is closed as withdrawn.")


def _check_done(
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
    if action in ("thanks", "check") and moment < item.at:
        when = f"--at {dates.show(moment, ctx.tz)} is" if given else "it is"
        raise UsageError(
            f"{when} before interview {item.id} starts ({dates.show(item.at, ctx.tz)}); "
            f"a {action} can only be recorded after it."
        )
    earlier = [e.at for e in item.events if e.kind == "done" and e.name == action]
    if earlier and action != "check":
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
    check_opens = _check_opens(ctx, item) if early_note and action == "check" else None
    if check_opens and moment < check_opens:
        note(
            f"Note: this check came before {dates.show(check_opens, ctx.tz)}, when it was due to "
            "open; asking earlier can disturb the recruiter."
        )


def _check_opens(ctx: Context, item: "records.Interview") -> datetime | None:
    """When the interview's pending status check opens, if one is pending."""
    return next((a.opens for a in ctx.assess(item).pending if a.action == "check"), None)


@app.command()
def result(
    interview_id: IdArg,
    outcome: Annotated[
        Outcome,
        typer.Argument(
            metavar="OUTCOME", help="invited (to a further round), offer, rejected or withdrawn."
        ),
    ],
    at: Annotated[
        str | None,
        typer.Option(
            "--at", metavar="WHEN", help="When you heard, e.g. --at 'today 11:00'. Default: now."
        ),
    ] = None,
    json: JsonOpt = False,
) -> None:
    """Record what the employer decided.

    Example: followup result 3 invited
    """
    ctx = Context()
    moment = ctx.when("--at", at)
    item = ctx.store.get(interview_id)
    _not_in_the_future(ctx, moment)
    if outcome is not Outcome.withdrawn and moment < item.at:
        raise UsageError(
            f"--at {dates.show(moment, ctx.tz)} is before interview {item.id} starts "
            f"({dates.show(item.at, ctx.tz)}); an employer answers after the interview."
        )
    item = ctx.store.record(interview_id, "result", outcome.value, moment, now=ctx.now)
    if json:
        from followup import render

        render.emit_json(ctx.interview_json(item))
        return
    note(f"Recorded {outcome.value} for interview {item.id} ({item.company}, {item.role}).")
    reply = next((a for a in ctx.assess(item).pending if a.action == "reply"), None)
    if reply and reply.deadline:
        note(
            f"Answer by {dates.show(reply.deadline, ctx.tz)}: "
            f"accept with `followup done reply {item.id}` (then add the next round), "
            f"or decline with `followup done decline {item.id}`."
        )


@app.command()
def profile(
    name: Annotated[
        str | None, typer.Option(help="Your name, as you sign emails, e.g. --name 'Li Wei'.")
    ] = None,
    email: Annotated[
        str | None, typer.Option(help="Your email, e.g. --email li.wei@example.com.")
    ] = None,
    phone: Annotated[
        str | None, typer.Option(help="Your phone, e.g. --phone '+86 138 0000 0000'.")
    ] = None,
    timezone_: Annotated[
        str | None,
        typer.Option(
            "--timezone",
            help="Your IANA time zone, e.g. --timezone Asia/Shanghai; '' for the system's.",
        ),
    ] = None,
    lang: Annotated[Lang | None, typer.Option(help="Default email language: en, zh or hi.")] = None,
    thanks_days: Annotated[
        int | None, typer.Option(help="Days to send a thank-you, e.g. --thanks-days 2.")
    ] = None,
    check_days: Annotated[
        int | None, typer.Option(help="Days before a status check, e.g. --check-days 7.")
    ] = None,
    reply_days: Annotated[
        int | None, typer.Option(help="Days to answer an invitation, e.g. --reply-days 1.")
    ] = None,
    reflect_days: Annotated[
        int | None, typer.Option(help="Days to reflect on an interview, e.g. --reflect-days 1.")
    ] = None,
    smtp_host: Annotated[
        str | None, typer.Option(help="Your SMTP server, e.g. --smtp-host smtp.example.com.")
    ] = None,
    smtp_port: Annotated[
        int | None, typer.Option(min=0, max=65535, help="Its port (default 587, 465 for ssl).")
    ] = None,
    smtp_user: Annotated[
        str | None, typer.Option(help="The login; '' for none. The password is never stored.")
    ] = None,
    smtp_security: Annotated[
        Security | None, typer.Option(help="starttls (default), ssl or none.")
    ] = None,
    reflect: Annotated[
        bool | None,
        typer.Option(
            "--reflect/--no-reflect",
            help="List the reflection among the follow-ups (default) or not.",
        ),
    ] = None,
    json: JsonOpt = False,
) -> None:
    """Show or set your details and rules.

    Your name, email and phone sign every email; an empty value (--phone '') clears one.

    Example: followup profile --name 'Li Wei'
    --email li.wei@example.com --timezone Asia/Shanghai
    """
    from followup import render

    changes: dict[str, Any] = {}
    if name is not None:
        changes["name"] = check("--name", lambda v: fields.one_line(v, required=False), name)
    if email is not None:
        changes["email"] = check("--email", fields.email, email) if email.strip() else ""
    if phone is not None:
        changes["phone"] = check("--phone", fields.phone, phone)
    if timezone_ is not None:
        changes["timezone"] = timezone_.strip()
        if changes["timezone"]:
            check("--timezone", dates.named_zone, changes["timezone"])
    if lang is not None:
        changes["lang"] = lang.value
    for option, value, low in (
        ("--thanks-days", thanks_days, 1),
        ("--check-days", check_days, 1),
        ("--reply-days", reply_days, 1),
        ("--reflect-days", reflect_days, 1),
    ):
        if value is not None:
            try:
                changes[option[2:].replace("-", "_")] = fields.days(value, low=low)
            except ValueError as error:
                raise UsageError(f"{option} {error}") from None
    if reflect is not None:
        changes["reflect"] = reflect
    if smtp_host is not None:
        changes["smtp_host"] = check(
            "--smtp-host", lambda v: fields.one_line(v, required=False), smtp_host
        )
    if smtp_port is not None:
        changes["smtp_port"] = smtp_port
    if smtp_user is not None:
        changes["smtp_user"] = check(
            "--smtp-user", lambda v: fields.one_line(v, required=False), smtp_user
        )
    if smtp_security is not None:
        changes["smtp_security"] = smtp_security.value
    ctx = Context(read_only=not changes)
    current = ctx.store.set_profile(changes) if changes else ctx.profile
    if json:
        from dataclasses import asdict

        render.emit_json(asdict(current))
        return
    zone_name = str(
        getattr(dates.zone(None), "key", None) or datetime.now(dates.zone(None)).tzname()
    )
    render.profile_table(current, zone_name, render.console())
    if changes:
        note("Profile saved.")


@app.command()
def path() -> None:
    """Print where the store is.

    Example: followup path
    """
    from followup import config

    url = config.database_url()
    if url:
        from followup.store import describe_url

        typer.echo(describe_url(url))
    else:
        typer.echo(str(config.store_path()))


@app.command()
def draft(
    kind: Annotated[
        Kind,
        typer.Argument(
            metavar="KIND",
            help="thanks (within 2 days), check (status follow-up; alias: followup) or "
            "decline (withdraw from a further round).",
        ),
    ],
    interview_id: IdArg,
    lang: DraftLangOpt = None,
    reason: ReasonOpt = None,
    plain: Annotated[
        bool, typer.Option("--plain", help="Plain To:/Cc:/Subject: lines and the body, for piping.")
    ] = False,
    json: JsonOpt = False,
    eml: Annotated[
        str | None,
        typer.Option(
            "--eml",
            metavar="PATH",
            help="Write .eml drafts that mail clients open: a file for one email, "
            "a folder for several.",
        ),
    ] = None,
    mailto: Annotated[bool, typer.Option("--mailto", help="Print mailto: links.")] = False,
    force: Annotated[
        bool, typer.Option("--force", help="With --eml: replace .eml files that exist.")
    ] = False,
) -> None:
    """Draft an email: thanks, check or decline.

    Drafting records nothing: run `followup done KIND ID` once sent.

    Example: followup draft thanks 3 --lang zh
    """
    from followup import drafts, render

    if sum((plain, json, eml is not None, mailto)) > 1:
        raise UsageError("choose one of --plain, --json, --eml and --mailto.")
    ctx, item, emails = _compose("draft", kind, interview_id, lang, reason, read_only=True)
    if json:
        render.emit_json([d.as_json() for d in emails])
    elif mailto:
        typer.echo("\n".join(drafts.to_mailto(d) for d in emails))
    elif eml is not None:
        sender = records_person(ctx.profile)
        for target, message in _eml_targets(eml, item.id, emails, force=force):
            _write_private(target, drafts.to_eml(message, sender))
            note(f"Wrote {target}")
    elif plain or not render.terminal():
        typer.echo("\n\n".join(_plain(d) for d in emails), nl=False)
    else:
        render.drafts_panels(emails, render.console())


@app.command()
def send(
    kind: Annotated[
        Kind,
        typer.Argument(metavar="KIND", help="thanks, check (alias: followup) or decline."),
    ],
    interview_id: IdArg,
    lang: DraftLangOpt = None,
    reason: ReasonOpt = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Send without asking.")] = False,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help="Connect, log in and have the server accept every recipient; send nothing, "
            "record nothing, ask nothing.",
        ),
    ] = False,
    early: Annotated[
        bool,
        typer.Option(
            "--early",
            help="Send a status check before it is due to open (a week after the interview, "
            "and not before the decision date), e.g. when another offer will not wait.",
        ),
    ] = False,
) -> None:
    """Send a drafted email over SMTP and record it.

    Shows the email and asks first (--yes skips the question). The action is recorded as
    done only once the server accepted every recipient. Set the server with
    `followup profile --smtp-host ...`; the password comes from FOLLOWUP_SMTP_PASSWORD.

    Example: followup send thanks 3
    """
    from followup import render
    from followup import send as smtp

    action = "check" if kind in (Kind.check, Kind.followup) else kind.value

    def recordable(ctx: Context, item: "records.Interview") -> None:
        _check_done(
            ctx, item, action, ctx.now, given=False, refused="nothing was sent", early_note=False
        )
        if action != "check":
            return
        opens = _check_opens(ctx, item)
        if opens is None:
            status = ctx.assess(item).status
            why = (
                f"it has a result ({status})"
                if status in ("invited", "offer", "rejected", "withdrawn")
                else "two checks have gone already, and a third would press the recruiter"
            )
            raise FollowupError(
                f"no status check is due for interview {item.id}: {why}. Nothing was sent."
            )
        if ctx.now < opens and not early:
            raise UsageError(
                f"the status check opens {dates.show(opens, ctx.tz)}; asking earlier can "
                "disturb the recruiter. Nothing was sent: wait, or send it now with --early."
            )

    ctx, item, emails = _compose(
        "send", kind, interview_id, lang, reason, read_only=False, before=recordable
    )
    secret = smtp.password(ctx.profile)
    smtp.check_ready(emails, ctx.profile, secret, item.id)
    if not (yes or dry_run or interactive()):
        raise UsageError("not sent: confirm with --yes when there is no terminal to ask in.")
    render.drafts_panels(emails, render.console(stderr=True))
    question = f"Send {len(emails)} email{'s' if len(emails) > 1 else ''}?"
    if not (yes or dry_run or typer.confirm(question, err=True)):
        note("Nothing sent.")
        raise typer.Exit(1)
    seen = sum(1 for e in item.events if e.kind == "done" and e.name == action)
    sent_at = None
    with smtp.connect(ctx.profile, secret) as outbox:
        checked = outbox.check(emails)  # every recipient accepted before anything goes
        if dry_run:
            for line in checked:
                note(f"Would send: {line}")
            note("Dry run: the server accepted every recipient; nothing sent, nothing recorded.")
            return
        try:
            # The store's write lock is held while the emails go (after the checks above), so
            # a second `send` of them (another terminal, another machine) waits, then finds
            # them recorded instead of sending them again.
            with ctx.store.claim(
                item.id, "done", action, seen=seen, now=ctx.now, refused="nothing was sent"
            ) as claim:
                moment = datetime.now(timezone.utc)
                for line in outbox.send(emails, sent_at=moment.astimezone(ctx.tz)):
                    note(f"Sent: {line}")
                claim.at = sent_at = moment
        except FollowupError as error:
            if sent_at is None and isinstance(error, StoreError):  # the lock, before anything
                raise StoreError(f"{error} Nothing was sent.") from None
            if sent_at is None:
                raise
            raise FollowupError(
                f"the email was sent, but recording it failed: {error} Do not send it again; "
                f"once the store is free, run: followup done {action} {item.id} --at "
                f"'{dates.iso(sent_at.replace(microsecond=0), ctx.tz)}'"
            ) from None
    note(f"Recorded {action} for interview {item.id} ({item.company}, {item.role}).")


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
        raise UsageError(f"--reason is for `{command} decline` only.")
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
        note(f"Warning: {warning}")
    return ctx, item, drafted.drafts


def records_person(profile: "records.Profile") -> "records.Person | None":
    from followup import records

    return records.Person(profile.name, profile.email) if profile.email else None


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
            raise FollowupError(f"cannot create the folder {path}: {path.parent} is not a folder.")
        try:
            path.mkdir(mode=0o700, exist_ok=True)
        except OSError as error:
            raise FollowupError(
                f"cannot create the folder {path}: {error.strerror or error}"
            ) from None
        targets = [
            (path / f"{interview_id}-{d.kind}-{n}.eml", d) for n, d in enumerate(emails, start=1)
        ]
    existing = [str(t) for t, _ in targets if t.exists()]
    if existing and not force:
        raise FollowupError(f"{', '.join(existing)} exists already; add --force to replace it.")
    return targets


def _private_folder(path: Path) -> Path:
    """PATH, created readable by the user alone when it is missing (FOLLOWUP_HOME has no
    store file in it when the store is a database server)."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise FollowupError(f"cannot create {path}: {error.strerror or error}") from None
    return path


def _write_private(path: Path, data: bytes | Iterable[str]) -> None:
    """Write a file readable by the user alone, whole or not at all."""
    temporary = path.with_name(f".{path.name}.partial")
    try:
        fd = os.open(temporary, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        if isinstance(data, bytes):
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as text:
                text.writelines(data)
        temporary.replace(path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise FollowupError(f"cannot write {path}: {error.strerror or error}") from None


def _plain(d: Any) -> str:
    lines = [f"To: {', '.join(str(p) for p in d.to)}"]
    if d.cc:
        lines.append(f"Cc: {', '.join(str(p) for p in d.cc)}")
    lines += [f"Subject: {d.subject}", "", d.body]
    return "\n".join(lines)


def _not_in_the_future(ctx: Context, moment: datetime) -> None:
    """What is recorded as done or decided has happened: a time ahead of now is a mistake."""
    if (moment - ctx.now).total_seconds() > 300:
        raise UsageError(
            f"--at {dates.show(moment, ctx.tz)} is in the future; record it once it has happened."
        )


def stdout_terminal() -> bool:
    """Whether a person reads stdout (for the reflection form, both ends must be a terminal)."""
    return sys.stdout.isatty()


@app.command()
def reflect(
    interview_id: IdArg,
    question: Annotated[
        list[str] | None,
        typer.Option(
            "--question", "-q", help="A question you were asked; repeat, paired with --answer."
        ),
    ] = None,
    answer: Annotated[
        list[str] | None,
        typer.Option(
            "--answer", "-a", help="How you answered, in the order of --question ('' for none)."
        ),
    ] = None,
    went_well: Annotated[str | None, typer.Option("--went-well", help="What went well.")] = None,
    improve: Annotated[
        str | None, typer.Option("--improve", help="What to improve next time.")
    ] = None,
    idea: Annotated[
        str | None, typer.Option("--idea", help="An idea worth adding to the thank-you.")
    ] = None,
    strength: Annotated[
        str | None, typer.Option("--strength", help="A strength worth adding to the thank-you.")
    ] = None,
    json: JsonOpt = False,
) -> None:
    """Review an interview: questions, lessons, ideas.

    Without options, in a terminal, it opens $EDITOR on a short form in the interview's
    language. Running it again adds questions and replaces only what you give. The thank-you
    uses the idea and strength when the interview has none of its own.

    Example: followup reflect 3 -q 'Why customer service?' -a 'Told the story of ...'
    --improve 'Prepare a shorter answer about salary'
    """
    from followup import config, reflection

    given = {"went_well": went_well, "improve": improve, "idea": idea, "strength": strength}
    questions = question or []
    answers = answer or []
    if not questions and not answers and all(v is None for v in given.values()):
        if not (interactive() and stdout_terminal()):
            raise UsageError(
                "give --question/--answer, --went-well, --improve, --idea or --strength, "
                "or run `followup reflect ID` in a terminal to fill in a form."
            )
        ctx = Context()
        item = _reflectable(ctx, interview_id)
        heading = f"{item.company}, {item.role} ({dates.show(item.at, ctx.tz)})"
        lang = item.lang or ctx.profile.lang or "en"
        text = reflection.edit(reflection.form(lang, heading, item.reflection))
        try:
            filled = reflection.parse(text)
            _check_filled(filled)
        except FollowupError as error:
            kept = _private_folder(config.home()) / f"reflection-{item.id}.txt"
            _write_private(kept, text.encode("utf-8"))
            raise FollowupError(
                f"{error}. Nothing was recorded; your form is kept in {kept}"
            ) from None
        if filled.empty():
            note("Nothing recorded: the form was empty.")
            return
    else:
        if len(questions) != len(answers):
            raise UsageError(
                f"--question and --answer come in pairs: {len(questions)} question(s), "
                f"{len(answers)} answer(s); use --answer '' for a question you did not answer."
            )
        filled = reflection.Filled()
        for q, a in zip(questions, answers, strict=True):
            q = check("--question", lambda v: fields.text(v, limit=2000), q)
            if not q:
                raise UsageError("--question must not be empty")
            filled.questions.append((q, check("--answer", lambda v: fields.text(v, limit=5000), a)))
        for key, value in given.items():
            if value is not None:
                option = "--" + key.replace("_", "-")
                filled.fields[key] = (
                    check(option, lambda v: fields.text(v, limit=2000), value) or None
                )
        ctx = Context()
        _reflectable(ctx, interview_id)
    item = ctx.store.reflect(
        interview_id, questions=filled.questions, fields=filled.fields, now=ctx.now
    )
    if json:
        from followup import render

        render.emit_json(ctx.interview_json(item))
        return
    note(f"Recorded the reflection on interview {item.id} ({item.company}, {item.role}).")


def _reflectable(ctx: Context, interview_id: int) -> "records.Interview":
    item = ctx.store.get(interview_id)
    if item.at > ctx.now:
        raise UsageError(
            f"interview {item.id} starts {dates.show(item.at, ctx.tz)}; reflect on it afterwards."
        )
    return item


def _check_filled(filled: Any) -> None:
    """The limits the options have, for what came from the form."""
    for question, answer in filled.questions:
        for what, text, limit in (("a question", question, 2000), ("an answer", answer, 5000)):
            try:
                fields.text(text, limit=limit)
            except ValueError as error:
                raise FollowupError(f"{what} {error}") from None
    for key, value in filled.fields.items():
        try:
            fields.text(value or "", limit=2000)
        except ValueError as error:
            raise FollowupError(f"[{key}] {error}") from None


@app.command()
def lessons(json: JsonOpt = False) -> None:
    """What your reflections say to improve, and repeated questions.

    Lists each reflection's "to improve", newest interview first, then the questions asked in
    more than one interview (the same ignoring case, spacing and punctuation).

    Example: followup lessons --json
    """
    from followup import insights, render

    ctx = Context(read_only=True)
    found = insights.lessons(ctx.store.interviews(), ctx.tz)
    if json:
        render.emit_json(found)
        return
    if not found["improve"] and not found["repeated"]:
        note("No lessons yet: record what you learn with `followup reflect ID`.")
        return
    render.lessons(found, ctx.tz, ctx.now, render.console())


@app.command()
def prep(
    interview_id: Annotated[
        int | None,
        typer.Argument(
            metavar="[ID]",
            min=1,
            autocompletion=complete_ids,
            help="The interview to prepare for (or use --role).",
        ),
    ] = None,
    role: Annotated[
        str | None,
        typer.Option("--role", help="Prepare for a role instead, e.g. --role 'Help Desk'."),
    ] = None,
    lang: Annotated[
        Lang | None,
        typer.Option(
            "--lang", help="Write it in en, zh or hi (default: the interview's language)."
        ),
    ] = None,
    json: JsonOpt = False,
) -> None:
    """Prepare: past interviews, questions, lessons, advice.

    Shows your past interviews with the company and their reflections, the questions you were
    asked for similar roles with every answer you gave, your lessons, and advice for the
    questions common to the role, in the interview's language.

    Example: followup prep 3
    """
    from followup import config, guidance, insights, render

    if interview_id is None and role is None:
        raise UsageError("give an interview ID or --role, e.g. `followup prep 3`.")
    if interview_id is not None and role is not None:
        raise UsageError("give an interview ID or --role, not both.")
    if role is not None:
        role = check("--role", fields.one_line, role)
    ctx = Context(read_only=True)
    interviews = ctx.store.interviews()
    item = ctx.store.get(interview_id) if interview_id is not None else None
    target_role = item.role if item else role
    assert target_role is not None
    language = lang.value if lang else ((item.lang if item else None) or ctx.profile.lang or "en")
    user_dir = config.home() / "guidance"
    found = insights.prep(
        role=target_role,
        company=item.company if item else None,
        exclude=item.id if item else None,
        interviews=interviews,
        statuses={i.id: ctx.assess(i).status for i in interviews},
        lang=language,
        guides=guidance.for_role(target_role, language, user_dir),
        keyword_sets=guidance.keyword_sets(user_dir),
        tz=ctx.tz,
    )
    if json:
        render.emit_json(found)
        return
    render.prep(
        found, item.company if item else None, target_role, ctx.tz, ctx.now, render.console()
    )


@app.command()
def stats(
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            help="Only interviews from this day on, e.g. --since 2026-09-01.",
        ),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option(
            "--on", metavar="WHEN", help="Compute as of another moment, e.g. --on 2026-12-31."
        ),
    ] = None,
    json: JsonOpt = False,
) -> None:
    """A picture of your search, as bars.

    The funnel per round, thank-yous on time, late or never, status checks too early or on
    time, the median days to a first answer, and interviews per week.

    Example: followup stats --since 2026-09-01
    """
    from followup import insights, render

    ctx = Context(read_only=True)
    moment = ctx.when("--on", on)
    first = ctx.day("--since", since) if since is not None else None
    found = insights.stats(
        ctx.store.interviews(), now=moment, tz=ctx.tz, settings=ctx.profile.settings, since=first
    )
    if json:
        render.emit_json(found)
        return
    render.stats(found, ctx.profile.lang or "en", render.console())


class ExportFormat(str, Enum):
    json = "json"
    csv = "csv"
    ics = "ics"


@app.command()
def export(
    format: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="json (everything, the backup format), csv or ics."),
    ] = ExportFormat.json,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to FILE instead of stdout."),
    ] = None,
) -> None:
    """Export your history as JSON, CSV or iCalendar.

    JSON holds everything and imports back; CSV is one row per interview for spreadsheets;
    ICS puts every pending follow-up in your calendar.

    Example: followup export --format ics --output followup.ics
    """
    from followup import transfer

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
    if output is None:
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.writelines(data)
        sys.stdout.flush()
        return
    _write_private(output, data)
    note(f"Wrote {output}")


@app.command("import")
def import_(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="A `followup export` JSON file, or a CSV with the columns company, role, at.",
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check the file and say what would be imported.")
    ] = False,
) -> None:
    """Import a JSON export or a CSV spreadsheet.

    Every row is checked first: a file with a bad row imports nothing. Importing the same
    JSON export twice adds nothing the second time.

    Example: followup import interviews.csv --dry-run
    """
    from followup import transfer

    try:
        raw = file.read_bytes()
    except OSError as error:
        raise FollowupError(f"cannot read {file}: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FollowupError(
            f"{file} is not UTF-8 text; save it as UTF-8 (CSV UTF-8 in Excel)."
        ) from None
    ctx = Context()
    if text.lstrip().startswith("{"):
        interviews, profile = transfer.read_json(text)
        added, skipped = ctx.store.load(interviews, profile=profile, same="uid", dry_run=dry_run)
    else:
        interviews = transfer.read_csv(text, now=ctx.now, tz=ctx.tz)
        added, skipped = ctx.store.load(interviews, profile={}, same="key", dry_run=dry_run)
    verb = "Would import" if dry_run else "Imported"
    message = f"{verb} {added} interview{'s' if added != 1 else ''}"
    if skipped:
        message += f"; {skipped} already in the store {'would be' if dry_run else 'were'} skipped"
    note(message + ".")


@app.command()
def backup(
    file: Annotated[
        Path | None,
        typer.Argument(
            metavar="[FILE]",
            help="Where to write the copy (default: a dated file beside the store).",
        ),
    ] = None,
) -> None:
    """Copy the store safely, even while it is in use.

    Example: followup backup ~/Dropbox/followup-backup.db
    """
    ctx = Context()
    if ctx.store.path is None:
        raise FollowupError(
            "backup copies an SQLite store; for another database use `followup export`."
        )
    if file is None or file.is_dir():
        folder = ctx.store.path.parent if file is None else file
        stamp = ctx.now.astimezone(ctx.tz).strftime("%Y%m%d-%H%M%S")
        file = folder / f"followup-backup-{stamp}.db"
        number = 2
        while file.exists():  # two backups in the same second
            file = folder / f"followup-backup-{stamp}-{number}.db"
            number += 1
    ctx.store.backup(file)
    typer.echo(str(file))


templates_app = typer.Typer(
    help="See, copy and override the email templates.\n\n"
    "Example: followup templates copy thanks --lang zh",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(templates_app, name="templates")
TemplateLang = Annotated[
    Lang, typer.Option("--lang", help="The template's language: en, zh or hi.")
]


@templates_app.command("list")
def templates_list(json: JsonOpt = False) -> None:
    """List the templates and which you override.

    Example: followup templates list
    """
    from followup import config, drafts, render

    found = drafts.templates(config.home() / "templates")
    if json:
        render.emit_json(found)
        return
    for entry in found:
        typer.echo(f"{entry['lang']}  {entry['kind']:<8} {entry['origin']:<10} {entry['path']}")


@templates_app.command("show")
def templates_show(
    kind: Annotated[TemplateKind, typer.Argument(metavar="KIND")], lang: TemplateLang = Lang.en
) -> None:
    """Print the template in use for KIND.

    Example: followup templates show thanks --lang zh
    """
    from followup import config, drafts

    entry = next(
        e
        for e in drafts.templates(config.home() / "templates")
        if e["kind"] == kind.value and e["lang"] == lang.value
    )
    typer.echo(Path(entry["path"]).read_text(encoding="utf-8"), nl=False)


@templates_app.command("copy")
def templates_copy(
    kind: Annotated[TemplateKind, typer.Argument(metavar="KIND")],
    lang: TemplateLang = Lang.en,
    force: Annotated[bool, typer.Option("--force", help="Replace your existing copy.")] = False,
) -> None:
    """Copy a built-in template into your folder to edit.

    Example: followup templates copy thanks --lang en
    """
    from followup import config, drafts

    name = drafts.template_name(kind.value, lang.value)
    target = config.home() / "templates" / name
    if target.exists() and not force:
        raise FollowupError(
            f"{target} exists already; add --force to replace it with the built-in one."
        )
    _private_folder(target.parent.parent)
    _private_folder(target.parent)
    _write_private(target, (drafts.builtin_dir() / name).read_bytes())
    typer.echo(str(target))


@templates_app.command("path")
def templates_path() -> None:
    """Print the folder of your own templates.

    Example: followup templates path
    """
    from followup import config

    typer.echo(str(config.home() / "templates"))


def main() -> None:
    try:
        app(prog_name="followup")
    except OSError as error:  # stdout itself cannot take the output: /dev/full, a full disk
        stdout_closed()  # nor the rest of it at exit
        sys.stderr.write(f"Error: cannot write the output: {error.strerror or error}\n")
        sys.exit(1)
