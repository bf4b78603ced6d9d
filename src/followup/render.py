"""How results look: Rich tables for people, plain dicts for ``--json``.

Rich is imported here, never at start-up, so ``--help`` and completion stay fast. This module
holds the shared helpers and the daily views (due, list, show, profile, drafts), which the fast
path imports; the learning views (lessons, prep, stats) are in :mod:`followup.render_learning`.
"""

from __future__ import annotations

import functools
import sys
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from followup import dates, records, rules, zones
from followup.i18n import N_, _, pgettext

if TYPE_CHECKING:
    from rich.console import Console

NEXT_STEP = {  # the command for each action, the interview's id after it
    "prep": "followup prep",
    "reflect": "followup reflect",
    "thanks": "followup draft thanks",
    "check": "followup draft check",
    "reply": "followup done reply",
}
STATE_STYLE = {"overdue": "bold red", "due": "yellow", "upcoming": "cyan"}
STATE_TITLE = {"overdue": N_("Overdue"), "due": N_("Due now"), "upcoming": N_("Coming up")}
NARROW = 72  # columns below which tables become stacked lines, so nothing is cut to "…"
STATUS = {  # the values of "status" in --json, as people read them
    "scheduled": N_("scheduled"),
    "awaiting": N_("awaiting"),
    "ghosted": N_("ghosted"),
    "invited": N_("invited"),
    "offer": N_("offer"),
    "rejected": N_("rejected"),
    "withdrawn": N_("withdrawn"),
}


def status(value: str) -> str:
    return _(STATUS[value]) if value in STATUS else value


def terminal() -> bool:
    """Whether stdout is a terminal (tables and colour) rather than a pipe or a file."""
    return sys.stdout.isatty()


def console(*, stderr: bool = False) -> Console:
    """A Rich console: colour and styles in a terminal; none in a pipe or a file, and none
    at all (not even bold) when NO_COLOR is set to anything but an empty string."""
    import os

    from rich.console import Console

    plain = bool(os.environ.get("NO_COLOR"))
    made = Console(
        stderr=stderr, highlight=False, soft_wrap=False, color_system=None if plain else "auto"
    )
    made.on_broken_pipe = _reader_gone  # type: ignore[method-assign]
    return made


def _reader_gone() -> None:
    """Rich would exit 1 when stdout's reader goes away; the CLI's own handler decides."""
    raise BrokenPipeError


def emit_json(data: Any) -> None:
    """``data`` as JSON: an object indented, a list one element per line (written by the C
    encoder, which ``indent=`` would give up for the pure-Python one, ten times slower)."""
    import json  # here: the tables people read have no use for it

    if isinstance(data, list) and data:
        encode = json.JSONEncoder(ensure_ascii=False).encode
        sys.stdout.write("[\n" + ",\n".join("  " + encode(item) for item in data) + "\n]\n")
        return
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def next_step(action: str, interview_id: int) -> str:
    return f"{NEXT_STEP[action]} {interview_id}"


# -- JSON shapes (documented in docs/json.md) -------------------------------------------


def action_json(action: rules.Action, now: datetime, tz: tzinfo) -> dict[str, Any]:
    return {
        "action": action.action,
        "number": action.number,
        "opens": dates.iso(action.opens, tz),
        "deadline": dates.iso(action.deadline, tz) if action.deadline else None,
        "due": dates.iso(action.due, tz),
        "state": action.state(now),
    }


def interview_json(
    item: records.Interview, assessment: rules.Assessment, now: datetime, tz: tzinfo
) -> dict[str, Any]:
    return {
        "id": item.id,
        "company": item.company,
        "role": item.role,
        "at": dates.iso(item.at, tz),
        "round": item.round,
        "zone": item.zone,
        "decision_by": item.decision_by.isoformat() if item.decision_by else None,
        "lang": item.lang,
        "notes": item.notes,
        "topic": item.topic,
        "topic_for": [{"email": e, "topic": t} for e, t in item.topic_for],
        "strength": item.strength,
        "idea": item.idea,
        "status": assessment.status,
        "result": item.result,
        "result_at": dates.iso(item.result_at, tz) if item.result_at else None,
        "contacts": [str(p) for p in item.contacts],
        "recruiters": [str(p) for p in item.recruiters],
        "events": [
            {"kind": e.kind, "name": e.name, "at": dates.iso(e.at, tz)} for e in item.events
        ],
        "pending": [action_json(a, now, tz) for a in assessment.pending],
        "reflection": reflection_json(item.reflection),
    }


def reflection_json(reflection: records.Reflection | None) -> dict[str, Any] | None:
    return reflection.as_json() if reflection else None


# -- tables for people -------------------------------------------------------------------


def held_elsewhere(row: dict[str, Any], tz: tzinfo) -> tzinfo | None:
    """The zone an interview was held in, when it is not the one times are shown in."""
    name = row.get("zone")
    if not name:
        return None
    held = zones.interview_zone(name, tz)
    return None if zones.same_zone(held, tz) else held


def where(row: dict[str, Any], tz: tzinfo) -> str:
    """`` (Asia/Kolkata)`` after an interview held in another zone than the one shown."""
    held = held_elsewhere(row, tz)
    if held is None:
        return ""
    moment = datetime.fromisoformat(row["at"]) if "at" in row else None
    return f" ({zones.label(held, moment)})"


LABELS = {
    "prep": (N_("preparation"), N_("2nd preparation")),
    "reflect": (N_("reflection"), N_("2nd reflection")),
    "thanks": (N_("thank-you"), N_("2nd thank-you")),
    "check": (N_("status check"), N_("2nd status check")),
    "reply": (N_("reply to invite"), N_("2nd reply to invite")),
}


def label(action: rules.Action, *, english: bool = False) -> str:
    """``thank-you``, ``2nd status check``: in the interface language, or English for JSON."""
    return action_label(action.action, action.number, english=english)


def action_label(action: str, number: int, *, english: bool = False) -> str:
    """:func:`label` of an action given by its name and number."""
    text = LABELS[action][1 if number == 2 else 0]
    return text if english else _(text)


_ZERO_WIDTH = frozenset({"Mn", "Mc", "Me", "Cf"})  # marks, spacing or not (ि, ा), ZWJ
TERMINAL_ZERO_WIDTH = frozenset({"Mn", "Me", "Cf"})  # as wcswidth: spacing marks take one


def width(text: str) -> int:
    """Columns a string takes in a terminal, as Rich measures them (``rich.cells.cell_len``,
    which the tests compare): wide CJK counts two, combining marks none, Devanagari's spacing
    vowel signs included, so plain lines line up with Rich's tables. ASCII (most cells) is its
    length; other strings are measured once and remembered."""
    if text.isascii():
        return len(text)
    return measured_width(text)


@functools.lru_cache(maxsize=4096)
def measured_width(text: str, zero: frozenset[str] = _ZERO_WIDTH) -> int:
    """``text``'s columns, the characters of the categories ``zero`` taking none."""
    import unicodedata

    return sum(
        0
        if unicodedata.category(c) in zero or "\u1160" <= c <= "\u11ff"
        else 2
        if unicodedata.east_asian_width(c) in "WF"
        else 1
        for c in text
    )


class Widths(dict[str, int]):
    """:func:`width` of texts met many times in one table, each measured once (a dict per
    table: Python's ``lru_cache`` on :func:`measured_width` holds 4,096, fewer than a long
    table's cells, and would measure them over and over)."""

    def __missing__(self, text: str) -> int:
        measured = self[text] = width(text)
        return measured


def plain_table(headers: list[str], rows: list[list[str]]) -> str:
    """Aligned columns of plain text, for a pipe, a file or `grep` (no colour, no boxes)."""
    padded = []
    for header, column in zip(
        headers, zip(*rows, strict=True) if rows else [()] * len(headers), strict=True
    ):
        measured = [width(cell) for cell in column]
        head = width(header)
        most = max(head, max(measured, default=0))
        cells = [c + " " * (most - n) for c, n in zip(column, measured, strict=True)]
        padded.append([header + " " * (most - head), *cells])
    return "\n".join(["  ".join(line).rstrip() for line in zip(*padded, strict=True)]) + "\n"


def interviews_plain(rows: list[dict[str, Any]], tz: tzinfo, now: datetime) -> str:
    """`followup list` for a pipe: one interview per line."""
    table = [
        [
            str(row["id"]),
            dates.short(datetime.fromisoformat(row["at"]), tz, now),
            f"{row['company']} · {row['role']}"
            + (_(" · round {number}").format(number=row["round"]) if row["round"] > 1 else "")
            + where(row, tz),
            status(row["status"]),
            row["next"],
        ]
        for row in rows
    ]
    body = plain_table([_("ID"), _("When"), _("Interview"), _("Status"), _("Next")], table)
    return body + dates.zone_caption(tz, now) + "\n"


def interviews_table(rows: list[dict[str, Any]], tz: tzinfo, now: datetime, out: Console) -> None:
    from rich.markup import escape
    from rich.table import Table

    if out.width < NARROW:
        for row in rows:
            when = dates.short(datetime.fromisoformat(row["at"]), tz, now)
            out.print(
                f"{row['id']}  {escape(row['company'])} · {escape(row['role'])}{where(row, tz)}",
                soft_wrap=True,
            )
            out.print(f"   {when} · {status(row['status'])} · {row['next']}", soft_wrap=True)
        out.print(dates.zone_caption(tz, now), style="dim", soft_wrap=True)
        return

    table = Table(show_edge=False, pad_edge=False, caption=dates.zone_caption(tz, now))
    table.add_column(_("ID"), justify="right", no_wrap=True)
    table.add_column(_("When"), no_wrap=True)
    table.add_column(_("Interview"), ratio=1)
    table.add_column(_("Status"), no_wrap=True)
    table.add_column(_("Next"), no_wrap=True)
    for row in rows:
        table.add_row(
            str(row["id"]),
            dates.short(datetime.fromisoformat(row["at"]), tz, now),
            f"{escape(row['company'])}\n[dim]{escape(row['role'])}"
            + (_(" · round {number}").format(number=row["round"]) if row["round"] > 1 else "")
            + where(row, tz)
            + "[/]",
            status(row["status"]),
            row["next"],
        )
    out.print(table)


def interview_detail(row: dict[str, Any], tz: tzinfo, now: datetime, out: Console) -> None:
    from rich.markup import escape
    from rich.table import Table

    def when(value: str) -> str:
        moment = datetime.fromisoformat(value)
        return f"{dates.show(moment, tz)} ({dates.relative(moment, now)})"

    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    facts.add_row(_("Interview"), f"{row['id']}: {escape(row['company'])}, {escape(row['role'])}")
    facts.add_row(_("When"), when(row["at"]))
    held = held_elsewhere(row, tz)
    if held is not None:
        start = datetime.fromisoformat(row["at"])
        facts.add_row(_("Held in"), f"{zones.label(held, start)}: {dates.show(start, held)}")
    facts.add_row(_("Round"), str(row["round"]))
    facts.add_row(_("Status"), status(row["status"]))
    if row["decision_by"]:
        facts.add_row(_("Decision by"), row["decision_by"])
    if row["contacts"]:
        facts.add_row(_("Interviewers"), escape(", ".join(row["contacts"])))
    if row["recruiters"]:
        facts.add_row(_("Recruiter"), escape(", ".join(row["recruiters"])))
    if row["lang"]:
        facts.add_row(_("Language"), row["lang"])
    for key, title in (
        ("notes", N_("Notes")),
        ("topic", N_("Topic")),
        ("strength", N_("Strength")),
        ("idea", N_("Idea")),
    ):
        if row[key]:
            facts.add_row(_(title), escape(row[key]))
        if key == "topic":
            for own in row.get("topic_for", ()):
                facts.add_row(_("Topic for"), escape(f"{own['email']}: {own['topic']}"))
    review = row.get("reflection")
    if review:
        for key, title in (
            ("went_well", N_("Went well")),
            ("improve", N_("To improve")),
            ("idea", N_("Idea (reflection)")),
            ("strength", N_("Strength (reflection)")),
        ):
            if review[key]:
                facts.add_row(_(title), escape(review[key]))
        for pair in review["questions"]:
            facts.add_row(_("Asked"), escape(pair["question"]))
            if pair["answer"]:
                facts.add_row("", f"[dim]{escape(pair['answer'])}[/]")
    out.print(facts)
    out.print()
    timeline = Table(title=_("Timeline"), title_justify="left", show_edge=False, pad_edge=False)
    timeline.add_column(_("When"))
    timeline.add_column(_("What"))
    timeline.add_column(_("State"))
    entries: list[tuple[str, str, str, str]] = [
        (
            row["at"],
            _("interview"),
            _("held") if row["status"] != "scheduled" else _("scheduled"),
            "",
        )
    ]
    for event in row["events"]:
        if event["name"] == "heard":
            what = _("heard from them")
        elif event["kind"] == "done":
            what = _("{action} done").format(action=event_name(event["name"]))
        else:
            what = _("result: {result}").format(result=event_name(event["name"]))
        entries.append(
            (event["at"], what, _("done") if event["kind"] == "done" else _("recorded"), "")
        )
    for action in row["pending"]:
        moment = action["due"] if action["state"] != "upcoming" else action["opens"]
        kind = label_for(action)
        state = _(STATE_NAME[action["state"]])
        entries.append((moment, kind, state, STATE_STYLE[action["state"]]))
    entries.sort(key=lambda e: datetime.fromisoformat(e[0]))
    for moment, what, state, style in entries:
        timeline.add_row(when(moment), what, f"[{style}]{state}[/]" if style else state)
    out.print(timeline)
    if row.get("messages"):  # plain lines, never cut: a Message-ID is copied whole
        out.print()
        out.print("[bold]" + _("Emails") + "[/]")
        for message in row["messages"]:
            how = (
                _("{kind} sent to {recipients}")
                if message["via"] == "send"
                else _("{kind} drafted (.eml) to {recipients}")
            )
            what = how.format(
                kind=event_name(message["kind"]), recipients=escape(message["recipients"])
            )
            out.print(
                f"  {when(message['at'])}  {what}\n    {escape(message['message_id'])}",
                soft_wrap=True,
            )


STATE_NAME = {"overdue": N_("overdue"), "due": N_("due"), "upcoming": N_("upcoming")}


def event_name(name: str) -> str:
    """A done action or a result as the timeline names it (``thanks done``, ``result: offer``)."""
    names = {
        "prep": pgettext("event", "prep"),
        "reflect": pgettext("event", "reflect"),
        "thanks": pgettext("event", "thanks"),
        "check": pgettext("event", "check"),
        "reply": pgettext("event", "reply"),
        "decline": pgettext("event", "decline"),
        "invited": pgettext("event", "invited"),
        "offer": pgettext("event", "offer"),
        "rejected": pgettext("event", "rejected"),
        "withdrawn": pgettext("event", "withdrawn"),
        "heard": pgettext("event", "heard"),
    }
    return names.get(name, name)


def label_for(action: dict[str, Any]) -> str:
    return label(rules.Action(action["action"], datetime.min, None, action["number"]))


def drafts_panels(emails: list[Any], out: Console, interview_id: int | None = None) -> None:
    """Drafts for a terminal: plain text to copy into a mail client (no box around it, no
    line folded by the terminal's width), then the command that records it once sent."""
    from rich.text import Text

    from followup import drafts

    for number, email in enumerate(emails, start=1):
        title = f"{email.kind} · {email.lang}" + (
            f" · {number}/{len(emails)}" if len(emails) > 1 else ""
        )
        head = Text()
        head.append(f"# {title}\n", style="dim")
        head.append("To: ", style="bold")
        head.append(", ".join(drafts.quoted(p) for p in email.to) or _("(no address)"))
        if email.cc:
            head.append("\nCc: ", style="bold")
            head.append(", ".join(drafts.quoted(p) for p in email.cc))
        head.append("\nSubject: ", style="bold")
        head.append(email.subject)
        head.append("\n\n")
        head.append(email.body.rstrip("\n"))
        out.print(head, soft_wrap=True)
        out.print()
    if emails and interview_id is not None:
        command = f"followup done {emails[0].kind} {interview_id}"
        out.print(_("Once sent: {command}").format(command=command), style="dim")
