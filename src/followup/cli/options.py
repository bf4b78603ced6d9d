"""The choices and option types the commands share, declared once.

Every parameter is an ``Annotated`` type; a command lists the ones it takes. Enums are the
choices Typer shows and completes.
"""

import os
from enum import Enum
from typing import Annotated, Any

import typer

from followup.i18n import _


class Lang(str, Enum):
    en = "en"
    zh = "zh"
    hi = "hi"


class Locale(str, Enum):
    """A region for dates in letters: English date order, and the zh/hi conventions."""

    en_GB = "en_GB"
    en_US = "en_US"
    en_IN = "en_IN"
    zh_CN = "zh_CN"
    hi_IN = "hi_IN"


class DoneAction(str, Enum):
    thanks = "thanks"
    check = "check"
    reply = "reply"
    decline = "decline"
    heard = "heard"  # the employer answered without a decision
    reflect = "reflect"  # with --skip: no reflection for this interview


class Security(str, Enum):
    starttls = "starttls"
    ssl = "ssl"
    none = "none"


class ImapSecurity(str, Enum):
    ssl = "ssl"
    starttls = "starttls"
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


class ExportFormat(str, Enum):
    json = "json"
    csv = "csv"
    ics = "ics"


# -- an interview's fields: add and edit -------------------------------------------------

CompanyOpt = Annotated[
    str | None, typer.Option("--company", "-c", help=_("The employer, e.g. --company 'Acme Ltd'."))
]
RoleOpt = Annotated[
    str | None,
    typer.Option("--role", "-r", help=_("The position, e.g. --role 'Support Engineer'.")),
]
AtOpt = Annotated[
    str | None,
    typer.Option(
        "--at",
        metavar="WHEN",
        help=_(
            "When the interview started, e.g. --at 'yesterday 15:00', '2026-11-20 14:00', "
            "'14:00 Asia/Kolkata' or '14:00 +05:30'. Default: now."
        ),
    ),
]
EditAtOpt = Annotated[
    str | None,
    typer.Option(
        "--at",
        metavar="WHEN",
        help=_(
            "When the interview really started, e.g. --at '2026-11-20 14:00' or "
            "'14:00 Asia/Kolkata'; its zone stays unless you name another."
        ),
    ),
]
ZoneOpt = Annotated[
    str | None,
    typer.Option(
        "--timezone",
        metavar="ZONE",
        help=_(
            "Where the interview is held, if not in your zone: its times, deadlines and "
            "letters follow it, e.g. --timezone Asia/Kolkata."
        ),
    ),
]
RoundOpt = Annotated[
    int | None, typer.Option("--round", min=1, max=99, help=_("Interview round, e.g. --round 2."))
]
ContactOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--contact",
        metavar='"NAME <EMAIL>"',
        help=_(
            "An interviewer or hiring manager; repeat for a panel, e.g. "
            "--contact 'Wang Fang <wang.fang@example.cn>'."
        ),
    ),
]
RecruiterOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--recruiter",
        metavar='"NAME <EMAIL>"',
        help=_(
            "A recruiter or HR contact; repeat for several (all are in Cc on a decline), "
            "e.g. --recruiter 'Ana Ruiz <ana@acme.example>'."
        ),
    ),
]
DecisionOpt = Annotated[
    str | None,
    typer.Option(
        "--decision-by",
        metavar="DATE",
        help=_(
            "When the employer said it would decide, e.g. --decision-by 2026-11-27. "
            "The status check waits until the business day after it."
        ),
    ),
]
LangOpt = Annotated[
    Lang | None,
    typer.Option(
        "--lang", help=_("Language of this employer's emails: en, zh or hi, e.g. --lang zh.")
    ),
]
TopicOpt = Annotated[
    str | None,
    typer.Option(
        "--topic",
        help=_(
            "Something specific you discussed, for the thank-you, e.g. "
            "--topic 'how the team handles escalations'."
        ),
    ),
]
TopicForOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--topic-for",
        metavar="EMAIL=TEXT",
        help=_(
            "One interviewer's own topic, used in their thank-you instead of --topic; repeat "
            "for each of a panel, e.g. --topic-for 'wang.fang@example.cn=the ticket queue'."
        ),
    ),
]
StrengthOpt = Annotated[
    str | None,
    typer.Option(
        "--strength",
        help=_("What you bring that fits, e.g. --strength 'three years of bilingual support'."),
    ),
]
IdeaOpt = Annotated[
    str | None,
    typer.Option(
        "--idea",
        help=_(
            "A new thought or suggestion about the role, e.g. "
            "--idea 'a shared FAQ would cut repeat tickets'."
        ),
    ),
]
NotesOpt = Annotated[
    str | None, typer.Option("--notes", help=_("Free notes, e.g. --notes 'Panel of 3'."))
]

# -- letters: draft and send -------------------------------------------------------------

DraftLangOpt = Annotated[
    Lang | None,
    typer.Option("--lang", help=_("Write in en, zh or hi (default: the interview's, then yours).")),
]
ReasonOpt = Annotated[
    str | None,
    typer.Option(
        "--reason",
        help=_(
            "For decline: a short honest reason, e.g. --reason 'I have accepted another offer.'"
        ),
    ),
]

# -- reminders: profile and remind --------------------------------------------------------

NotifyOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--notify",
        metavar="URL",
        help=_(
            "Where `followup remind` sends the morning list: an Apprise URL, or 'email' for "
            "your own address through your SMTP settings; repeat for several, e.g. "
            "--notify ntfys://ntfy.sh/my-topic --notify email. Replaces the channels set before; "
            "--notify '' clears them."
        ),
    ),
]

# -- every command -----------------------------------------------------------------------

DaysOpt = Annotated[
    int,
    typer.Option(
        "--days", min=0, max=3650, help=_("How many days ahead 'coming up' looks, e.g. --days 7.")
    ),
]
JsonOpt = Annotated[
    bool, typer.Option("--json", help=_("Print JSON for scripts instead of a table."))
]
SkipOpt = Annotated[
    bool,
    typer.Option(
        "--skip",
        help=_(
            "End this interview's reflection without writing one; reflections stay on "
            "for the others, e.g. followup reflect 3 --skip."
        ),
    ),
]


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
    from followup.store.sqlite_reader import Reader

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
        help=_("The interview's id, e.g. 3 (see `followup list`)."),
    ),
]
