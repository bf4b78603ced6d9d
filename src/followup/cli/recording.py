"""Recording interviews: add, edit, rm."""

from typing import TYPE_CHECKING, Annotated, Any

import typer

from followup import dates, fields, zones
from followup.cli import output, prompt
from followup.cli.options import (
    AtOpt,
    CompanyOpt,
    ContactOpt,
    DecisionOpt,
    EditAtOpt,
    IdArg,
    IdeaOpt,
    JsonOpt,
    Lang,
    LangOpt,
    NotesOpt,
    RecruiterOpt,
    RoleOpt,
    RoundOpt,
    StrengthOpt,
    TopicForOpt,
    TopicOpt,
    ZoneOpt,
)
from followup.context import Context, UsageError, check, note
from followup.i18n import _

if TYPE_CHECKING:
    from followup import records

app = typer.Typer()


@app.command(
    help=_(
        "Record an interview.\n"
        "\n"
        "Example: followup add -c Acme -r 'Support Engineer' --at 'today 10:00'\n"
        "--contact 'Wang Fang <wang.fang@example.cn>'"
    )
)
def add(
    company: CompanyOpt = None,
    role: RoleOpt = None,
    at: AtOpt = None,
    timezone: ZoneOpt = None,
    round: RoundOpt = None,
    contact: ContactOpt = None,
    recruiter: RecruiterOpt = None,
    decision_by: DecisionOpt = None,
    lang: LangOpt = None,
    notes: NotesOpt = None,
    topic: TopicOpt = None,
    topic_for: TopicForOpt = None,
    strength: StrengthOpt = None,
    idea: IdeaOpt = None,
    json: JsonOpt = False,
) -> None:
    company = prompt.ask("--company", company, _("Company"))
    role = prompt.ask("--role", role, _("Role"))
    ctx = Context(writes=True)
    changes = _changes(
        ctx,
        company=company,
        role=role,
        at=at,
        zone=timezone,
        round=round,
        decision_by=decision_by,
        lang=lang,
        notes=notes,
        topic=topic,
        topic_for=topic_for,
        strength=strength,
        idea=idea,
    )
    if "at" not in changes:
        changes["at"], changes["zone"] = ctx.held("--at", None, timezone)
    changes.setdefault("lang", ctx.profile.lang or "en")  # kept: `profile --lang` is for new ones
    contacts = _people("--contact", contact) or []
    _check_topics_for(changes.get("topic_for"), contacts)
    item = ctx.store.add(
        **changes,
        contacts=contacts,
        recruiters=_people("--recruiter", recruiter) or [],
        now=ctx.now,
    )
    if json:
        output.emit_interview(ctx, item)
        return
    thanks = next((a for a in ctx.assess(item).pending if a.action == "thanks"), None)
    typer.echo(
        _("Added interview {id}: {company}, {role}, {when}.").format(
            id=item.id, company=item.company, role=item.role, when=_when(ctx, item)
        )
    )
    if thanks and thanks.deadline:
        typer.echo(
            _("Send the thank-you by {when} ({relative}): {command}").format(
                when=dates.show(thanks.deadline, ctx.tz),
                relative=dates.relative(thanks.deadline, ctx.now),
                command=f"followup draft thanks {item.id}",
            )
        )


@app.command(
    help=_(
        "Change an interview.\n"
        "\n"
        "Each option replaces the stored value; --contact, --recruiter and --topic-for "
        "replace\n"
        "the whole list, and an empty value (--contact '' or --decision-by '') clears "
        "it.\n"
        "\n"
        "Example: followup edit 3 --decision-by 2026-11-27"
    )
)
def edit(
    interview_id: IdArg,
    company: CompanyOpt = None,
    role: RoleOpt = None,
    at: EditAtOpt = None,
    timezone: ZoneOpt = None,
    round: RoundOpt = None,
    contact: ContactOpt = None,
    recruiter: RecruiterOpt = None,
    decision_by: DecisionOpt = None,
    lang: LangOpt = None,
    notes: NotesOpt = None,
    topic: TopicOpt = None,
    topic_for: TopicForOpt = None,
    strength: StrengthOpt = None,
    idea: IdeaOpt = None,
    json: JsonOpt = False,
) -> None:
    ctx = Context(writes=True)
    changes = _changes(
        ctx,
        company=company,
        role=role,
        at=at,
        zone=timezone,
        round=round,
        decision_by=decision_by,
        lang=lang,
        notes=notes,
        topic=topic,
        topic_for=topic_for,
        strength=strength,
        idea=idea,
    )
    contacts = _people("--contact", contact)
    recruiters = _people("--recruiter", recruiter)
    if not changes and contacts is None and recruiters is None:
        raise UsageError(_("nothing to change: give at least one option, e.g. --role 'New title'."))
    if "topic_for" in changes or contacts is not None:
        current = ctx.store.get(interview_id)
        _check_topics_for(
            changes.get("topic_for", current.topic_for),
            current.contacts if contacts is None else contacts,
        )
    if "zone" in changes and at is not None and timezone is None:
        before = ctx.store.get(interview_id)
        changes["at"], changes["zone"] = ctx.held("--at", at, None, default=before.tzinfo(ctx.tz))
    item = ctx.store.edit(
        interview_id, changes, contacts=contacts, recruiters=recruiters, now=ctx.now
    )
    if json:
        output.emit_interview(ctx, item)
        return
    typer.echo(
        _("Updated interview {id}: {company}, {role}, {when}.").format(
            id=item.id, company=item.company, role=item.role, when=_when(ctx, item)
        )
    )


@app.command(
    help=_(
        "Remove an interview and its history (`followup undo` brings it back).\n"
        "\n"
        "Example: followup rm 3 --yes"
    )
)
def rm(
    interview_id: IdArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help=_("Remove without asking."))] = False,
) -> None:
    ctx = Context()
    item = ctx.store.get(interview_id)
    if not yes:
        if not prompt.interactive():
            raise UsageError(
                _("not removed: confirm with `followup rm {id} --yes`.").format(id=interview_id)
            )
        question = _("Remove interview {id} ({company}, {role})?")
        if not typer.confirm(question.format(id=item.id, company=item.company, role=item.role)):
            note(_("Nothing removed."))
            raise typer.Exit(1)
    ctx.store.remove(interview_id, now=ctx.now)
    note(
        _("Removed interview {id} ({company}, {role}); `followup undo` brings it back.").format(
            id=item.id, company=item.company, role=item.role
        )
    )


def _when(ctx: Context, item: "records.Interview") -> str:
    """The start in the user's zone, and in the interview's own when that is another."""
    text = dates.show(item.at, ctx.tz)
    held = ctx.held_in(item)
    if held is not None:
        text += f" ({dates.show(item.at, held)} {zones.label(held, item.at)})"
    return text


def _changes(
    ctx: Context,
    *,
    company: str | None,
    role: str | None,
    at: str | None,
    zone: str | None,
    round: int | None,
    decision_by: str | None,
    lang: Lang | None,
    notes: str | None,
    topic: str | None,
    topic_for: list[str] | None,
    strength: str | None,
    idea: str | None,
) -> dict[str, Any]:
    """The interview's fields that were given, checked; the people come apart."""
    changes: dict[str, Any] = {}
    if company is not None:
        changes["company"] = check("--company", fields.one_line, company)
    if role is not None:
        changes["role"] = check("--role", fields.one_line, role)
    if at is not None or zone is not None:
        changes["at"], changes["zone"] = ctx.held("--at", at, zone)
        if at is None:
            del changes["at"]  # a new zone alone keeps the moment
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
    if topic_for is not None:
        changes["topic_for"] = [] if topic_for == [""] else [_topic_for(v) for v in topic_for]
    for option, value in (("--topic", topic), ("--strength", strength), ("--idea", idea)):
        if value is not None:
            changes[option[2:]] = check(option, lambda v: fields.text(v, limit=1000), value) or None
    return changes


def _people(option: str, values: list[str] | None) -> "list[records.Person] | None":
    """Parse repeated ``"Name <email>"`` values; a single empty value clears the list."""
    from followup import records

    if values is None:
        return None
    if values == [""]:
        return []
    return [records.Person(*check(option, fields.address, v)) for v in values]


def _topic_for(value: str) -> tuple[str, str]:
    """``EMAIL=TEXT``: one interviewer's own topic."""
    email, equals, text = value.partition("=")
    if not equals or not text.strip():
        raise UsageError(
            f"--topic-for {value!r}: write EMAIL=TEXT, "
            "e.g. --topic-for 'wang.fang@example.cn=the ticket queue'."
        )
    address = check("--topic-for", fields.email, email.strip())
    return address, check("--topic-for", lambda v: fields.text(v, limit=1000), text)


def _check_topics_for(
    topics: "list[tuple[str, str]] | tuple[tuple[str, str], ...] | None",
    contacts: "list[records.Person] | tuple[records.Person, ...]",
) -> None:
    """A topic for an address no interviewer has would never be used: say so."""
    known = {p.email.lower() for p in contacts}
    for email, _topic in topics or ():
        if email.lower() not in known:
            note(
                "Warning: "
                + _(
                    "--topic-for {email}: no interviewer (--contact) has this address, so no "
                    "thank-you will use this topic."
                ).format(email=email)
            )
