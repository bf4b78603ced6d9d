"""Learning from each interview: reflect, lessons, prep, stats."""

from typing import TYPE_CHECKING, Annotated, Any

import typer

from followup import dates, fields, i18n
from followup.cli import files, guards, output, prompt
from followup.cli.options import IdArg, JsonOpt, Lang, SkipOpt, complete_ids
from followup.context import Context, UsageError, check, note
from followup.errors import FollowupError
from followup.i18n import _

if TYPE_CHECKING:
    from followup import records

app = typer.Typer()


@app.command(
    help=_(
        "Review an interview: questions, lessons, ideas.\n"
        "\n"
        "Without options, in a terminal, it opens $EDITOR on a short form in the "
        "interview's\n"
        "language, with what you wrote before to correct. Running it again adds "
        "questions, gives\n"
        "a question already recorded its new answer, and replaces only what you give. "
        "The\n"
        "thank-you uses the idea and strength when the interview has none of its own.\n"
        "\n"
        "Example: followup reflect 3 -q 'Why customer service?' -a 'Told the story of "
        "...'\n"
        "--improve 'Prepare a shorter answer about salary'"
    )
)
def reflect(
    interview_id: IdArg,
    question: Annotated[
        list[str] | None,
        typer.Option(
            "--question", "-q", help=_("A question you were asked; repeat, paired with --answer.")
        ),
    ] = None,
    answer: Annotated[
        list[str] | None,
        typer.Option(
            "--answer", "-a", help=_("How you answered, in the order of --question ('' for none).")
        ),
    ] = None,
    went_well: Annotated[str | None, typer.Option("--went-well", help=_("What went well."))] = None,
    improve: Annotated[
        str | None, typer.Option("--improve", help=_("What to improve next time."))
    ] = None,
    idea: Annotated[
        str | None, typer.Option("--idea", help=_("An idea worth adding to the thank-you."))
    ] = None,
    strength: Annotated[
        str | None, typer.Option("--strength", help=_("A strength worth adding to the thank-you."))
    ] = None,
    skip: SkipOpt = False,
    json: JsonOpt = False,
) -> None:
    from followup import config, reflection

    given = {"went_well": went_well, "improve": improve, "idea": idea, "strength": strength}
    questions = question or []
    answers = answer or []
    if skip:
        if questions or answers or any(v is not None for v in given.values()):
            raise UsageError(
                _("--skip records no reflection: give it alone, e.g. reflect 3 --skip")
            )
        ctx = Context(writes=True)
        item = _reflectable(ctx, interview_id)
        guards.check_done(ctx, item, "reflect", ctx.now, given=False)
        item = ctx.store.record(interview_id, "done", "reflect", ctx.now, now=ctx.now, once=True)
        if json:
            output.emit_interview(ctx, item)
            return
        note(
            _(
                "No reflection asked for interview {id} ({company}, {role}) any more; your "
                "other interviews still ask for theirs."
            ).format(id=item.id, company=item.company, role=item.role)
        )
        return
    if not questions and not answers and all(v is None for v in given.values()):
        if not (prompt.interactive() and prompt.stdout_terminal()):
            raise UsageError(
                _(
                    "give --question/--answer, --went-well, --improve, --idea or --strength, "
                    "or run `followup reflect ID` in a terminal to fill in a form."
                )
            )
        ctx = Context(writes=True)
        item = _reflectable(ctx, interview_id)
        lang = item.lang or ctx.profile.lang or "en"  # the form speaks the interview's language
        heading = f"{item.company}, {item.role} ({dates.show(item.at, ctx.tz, lang=lang)})"
        blank = reflection.form(lang, heading, item.reflection)
        text = reflection.edit(blank)
        if text == blank:
            note(_("Nothing recorded: the form was closed without a change."))
            return
        try:
            filled = reflection.parse(text)
            _check_filled(filled)
        except FollowupError as error:
            kept = files.private_folder(config.home()) / f"reflection-{item.id}.txt"
            files.write_private(kept, text.encode("utf-8"))
            raise FollowupError(
                _("{error}. Nothing was recorded; your form is kept in {path}").format(
                    error=error, path=kept
                )
            ) from None
        if filled.empty():
            note(_("Nothing recorded: the form was empty."))
            return
    else:
        if len(questions) != len(answers):
            raise UsageError(
                _(
                    "--question and --answer come in pairs: {questions} question(s), "
                    "{answers} answer(s); use --answer '' for a question you did not answer."
                ).format(questions=len(questions), answers=len(answers))
            )
        filled = reflection.Filled()
        for q, a in zip(questions, answers, strict=True):
            q = check("--question", lambda v: fields.text(v, limit=2000), q)
            if not q:
                raise UsageError(_("--question must not be empty"))
            filled.questions.append((q, check("--answer", lambda v: fields.text(v, limit=5000), a)))
        for key, value in given.items():
            if value is not None:
                option = "--" + key.replace("_", "-")
                filled.fields[key] = (
                    check(option, lambda v: fields.text(v, limit=2000), value) or None
                )
        ctx = Context(writes=True)
        _reflectable(ctx, interview_id)
    item = ctx.store.reflect(
        interview_id, questions=filled.questions, fields=filled.fields, now=ctx.now
    )
    if json:
        output.emit_interview(ctx, item)
        return
    note(
        _("Recorded the reflection on interview {id} ({company}, {role}).").format(
            id=item.id, company=item.company, role=item.role
        )
    )


@app.command(
    help=_(
        "What your reflections say to improve, and repeated questions.\n"
        "\n"
        'Lists each reflection\'s "to improve", newest interview first, then the '
        "questions asked in\n"
        "more than one interview (the same ignoring case, spacing and punctuation).\n"
        "\n"
        "Example: followup lessons --json"
    )
)
def lessons(json: JsonOpt = False) -> None:
    from followup import insights, render, render_learning

    ctx = Context(read_only=True)
    found = insights.lessons(ctx.store.interviews(), ctx.tz)
    if json:
        render.emit_json(found)
        return
    if not found["improve"] and not found["repeated"]:
        note(_("No lessons yet: record what you learn with `followup reflect ID`."))
        return
    render_learning.lessons(found, ctx.tz, ctx.now, render.console())


@app.command(
    help=_(
        "Prepare: past interviews, questions, lessons, advice.\n"
        "\n"
        "Shows your past interviews with the company and their reflections, the "
        "questions you were\n"
        "asked for similar roles with every answer you gave, your lessons, and advice "
        "for the\n"
        "questions common to the role, in the interview's language; an answer you gave "
        "before\n"
        "that the advice warns against is pointed out.\n"
        "\n"
        "Example: followup prep 3"
    )
)
def prep(
    interview_id: Annotated[
        int | None,
        typer.Argument(
            metavar="ID",
            min=1,
            autocompletion=complete_ids,
            help=_("The interview to prepare for (or use --role)."),
        ),
    ] = None,
    role: Annotated[
        str | None,
        typer.Option("--role", help=_("Prepare for a role instead, e.g. --role 'Help Desk'.")),
    ] = None,
    lang: Annotated[
        Lang | None,
        typer.Option(
            "--lang", help=_("Write it in en, zh or hi (default: the interview's language).")
        ),
    ] = None,
    json: JsonOpt = False,
) -> None:
    from followup import config, guidance, insights, render, render_learning

    if interview_id is None and role is None:
        raise UsageError(_("give an interview ID or --role, e.g. `followup prep 3`."))
    if interview_id is not None and role is not None:
        raise UsageError(_("give an interview ID or --role, not both."))
    if role is not None:
        role = check("--role", fields.one_line, role)
    ctx = Context(read_only=True)
    interviews = ctx.store.interviews()
    item = ctx.store.get(interview_id) if interview_id is not None else None
    target_role = item.role if item else role
    assert target_role is not None
    language = lang.value if lang else ((item.lang if item else None) or ctx.profile.lang or "en")
    user_dir = config.home() / "guidance"
    guides = guidance.for_role(target_role, language, user_dir)
    found = insights.prep(
        role=target_role,
        company=item.company if item else None,
        exclude=item.id if item else None,
        interviews=interviews,
        statuses={i.id: ctx.assess(i).status for i in interviews},
        lang=language,
        guides=guides,
        keyword_sets=guidance.keyword_sets(user_dir),
        tz=ctx.tz,
        flags=guidance.flags(guides, user_dir),
    )
    if json:
        render.emit_json(found)
        return
    render_learning.prep(
        found, item.company if item else None, target_role, ctx.tz, ctx.now, render.console()
    )


@app.command(
    help=_(
        "A picture of your search, as bars.\n"
        "\n"
        "The funnel per round, thank-yous on time, late or never, status checks too "
        "early or on\n"
        "time, the median days to a first answer, and interviews per week.\n"
        "\n"
        "Example: followup stats --since 2026-09-01"
    )
)
def stats(
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            help=_("Only interviews from this day on, e.g. --since 2026-09-01."),
        ),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option(
            "--on", metavar="WHEN", help=_("Compute as of another moment, e.g. --on 2026-12-31.")
        ),
    ] = None,
    json: JsonOpt = False,
) -> None:
    from followup import insights, render, render_learning

    ctx = Context(read_only=True)
    moment = ctx.when("--on", on)
    first = ctx.day("--since", since) if since is not None else None
    found = insights.stats(
        ctx.store.interviews(), now=moment, tz=ctx.tz, settings=ctx.profile.settings, since=first
    )
    if json:
        render.emit_json(found)
        return
    # The interface's language, or else the profile's (stats spoke it before the interface did).
    reader = i18n.lang() if i18n.lang() != "en" else (ctx.profile.lang or "en")
    render_learning.stats(found, reader, render.console())


def _reflectable(ctx: Context, interview_id: int) -> "records.Interview":
    item = ctx.store.get(interview_id)
    if item.at > ctx.now:
        raise UsageError(
            _("interview {id} starts {when}; reflect on it afterwards.").format(
                id=item.id, when=dates.show(item.at, ctx.tz)
            )
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
