"""Moving a history in and out: the JSON backup format, CSV for spreadsheets, iCalendar.

The JSON export holds everything and is what ``import`` reads back; its shape is documented
in README.md. Every imported row is validated with pydantic before anything is written, and a
file with one bad row imports nothing.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Annotated, Any, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
)

from followup import dates, fields, records, rules
from followup.errors import FollowupError

FORMAT = "followup-export"
VERSION = 1
CSV_COLUMNS = (
    "id", "company", "role", "at", "round", "status", "contact", "recruiter", "decision_by",
    "lang", "notes", "topic", "strength", "idea", "result", "result_at", "thanks_at",
)  # fmt: skip
CSV_KNOWN = {
    "company", "role", "at", "round", "contact", "recruiter", "decision_by", "lang", "notes",
    "result", "result_at", "thanks_at", "topic", "strength", "idea",
}  # fmt: skip
CSV_IGNORED = {"id", "status"}  # written by the CSV export, derived on import
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ImportError_(FollowupError):
    """A file that cannot be imported; the message names every bad row and field."""


# -- validation models ---------------------------------------------------------------------


# Constraints checked inside pydantic-core (no Python call per value): 100k interviews
# validate in a second or two. They say what followup.fields says, for imported files.
_LINE = r"^[^\x00-\x1f\x7f]*$"
_TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
OneLine = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=fields.MAX_SHORT, pattern=_LINE
    ),
]
Name = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=fields.MAX_SHORT, pattern=_LINE)
]
Email = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=254, pattern=fields.EMAIL_PATTERN)
]
Text = Annotated[str, StringConstraints(max_length=fields.MAX_LONG, pattern=_TEXT)]
FRIENDLY = {
    "string_too_short": "must not be empty",
    "missing": "is missing",
}


class PersonIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Name = ""
    email: Email


class EventIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Literal["done", "result"]
    name: Literal[
        "reflect",
        "thanks",
        "check",
        "reply",
        "decline",  # done
        "invited",
        "offer",
        "rejected",
        "withdrawn",  # result
    ]
    at: AwareDatetime
    created_at: AwareDatetime


class QuestionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question: Annotated[
        str, StringConstraints(min_length=1, max_length=fields.MAX_LONG, pattern=_TEXT)
    ]
    answer: Text = ""


class ReflectionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    went_well: Text | None = None
    improve: Text | None = None
    idea: Text | None = None
    strength: Text | None = None
    questions: list[QuestionIn] = []
    created_at: AwareDatetime
    updated_at: AwareDatetime


class InterviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: int | None = Field(default=None, ge=1, lt=2**62)
    uid: str | None = Field(default=None, pattern=r"^[0-9a-f]{32}$")
    company: OneLine
    role: OneLine
    at: AwareDatetime
    round: int = Field(default=1, ge=1, le=99)
    decision_by: date | None = None
    lang: Literal["en", "zh", "hi"] | None = None
    notes: Text | None = None
    topic: Text | None = None
    strength: Text | None = None
    idea: Text | None = None
    result: Literal["invited", "offer", "rejected", "withdrawn"] | None = None
    result_at: AwareDatetime | None = None
    created_at: AwareDatetime
    updated_at: AwareDatetime
    contacts: list[PersonIn] = []
    recruiters: list[PersonIn] = []
    events: list[EventIn] = []
    reflection: ReflectionIn | None = None


class ProfileIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Name = ""
    email: Annotated[
        str, StringConstraints(max_length=254, pattern=f"^$|{fields.EMAIL_PATTERN}")
    ] = ""
    phone: Annotated[str, StringConstraints(max_length=40, pattern=r"^[0-9+()./\- x]*$")] = ""
    timezone: str = ""
    lang: Literal["en", "zh", "hi"] = "en"
    thanks_days: int = Field(default=2, ge=1, le=365)
    check_days: int = Field(default=7, ge=1, le=365)
    reply_days: int = Field(default=1, ge=1, le=365)
    reflect_days: int = Field(default=1, ge=1, le=365)
    reflect: bool = True
    smtp_host: Name = ""
    smtp_port: int = Field(default=0, ge=0, le=65535)
    smtp_user: Name = ""
    smtp_security: Literal["starttls", "ssl", "none"] = "starttls"

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        if value:
            dates.named_zone(value)
        return value


class ExportIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    format: Literal["followup-export"]
    version: Literal[1]
    exported_at: AwareDatetime
    profile: ProfileIn
    interviews: list[InterviewIn]


# -- export --------------------------------------------------------------------------------


def _iso(moment: datetime | str | None) -> str | None:
    """A stored time as ISO 8601 in UTC, exactly as ``datetime.isoformat`` writes it.

    SQLite hands back its stored text (``2026-11-20 19:00:00.000000``, always UTC), which is
    rewritten without building a datetime; other databases hand back datetimes.
    """
    if moment is None:
        return None
    if isinstance(moment, str):
        fraction = moment[20:26]
        head = f"{moment[:10]}T{moment[11:19]}"
        if fraction.strip("0"):
            head += "." + fraction.ljust(6, "0")
        return head + "+00:00"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat()


def _day(value: date | str | None) -> str | None:
    return value if isinstance(value, str) or value is None else value.isoformat()


def export_document(
    dump: dict[str, list[dict[str, Any]]], profile: records.Profile, now: datetime
) -> dict[str, Any]:
    """The JSON backup: the profile and every interview with its contacts and events."""
    people: dict[int, dict[str, list[dict[str, str]]]] = {}
    for row in dump["contact"]:
        key = "contacts" if row["kind"] == "interviewer" else "recruiters"
        slot = people.setdefault(row["interview_id"], {"contacts": [], "recruiters": []})
        slot[key].append({"name": row["name"], "email": row["email"]})
    asked: dict[int, list[dict[str, str]]] = {}
    for row in sorted(dump["question"], key=lambda r: (r["interview_id"], r["position"])):
        asked.setdefault(row["interview_id"], []).append(
            {"question": row["question"], "answer": row["answer"]}
        )
    reviews = {
        row["interview_id"]: {
            "went_well": row["went_well"],
            "improve": row["improve"],
            "idea": row["idea"],
            "strength": row["strength"],
            "questions": asked.get(row["interview_id"], []),
            "created_at": _iso(row["created_at"]),
            "updated_at": _iso(row["updated_at"]),
        }
        for row in dump["reflection"]
    }
    events: dict[int, list[dict[str, Any]]] = {}
    for row in sorted(dump["event"], key=lambda r: (r["interview_id"], _iso(r["at"]), r["id"])):
        events.setdefault(row["interview_id"], []).append(
            {
                "kind": row["kind"],
                "name": row["name"],
                "at": _iso(row["at"]),
                "created_at": _iso(row["created_at"]),
            }
        )
    interviews = []
    for row in dump["interview"]:
        ident = row["id"]
        who = people.get(ident, {"contacts": [], "recruiters": []})
        interviews.append(
            {
                "id": ident,
                "uid": row["uid"],
                "company": row["company"],
                "role": row["role"],
                "at": _iso(row["at"]),
                "round": row["round"],
                "decision_by": _day(row["decision_by"]),
                "lang": row["lang"],
                "notes": row["notes"],
                "topic": row["topic"],
                "strength": row["strength"],
                "idea": row["idea"],
                "result": row["result"],
                "result_at": _iso(row["result_at"]),
                "created_at": _iso(row["created_at"]),
                "updated_at": _iso(row["updated_at"]),
                "contacts": who["contacts"],
                "recruiters": who["recruiters"],
                "events": events.get(ident, []),
                "reflection": reviews.get(ident),
            }
        )
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": _iso(now),
        "profile": {
            "name": profile.name,
            "email": profile.email,
            "phone": profile.phone,
            "timezone": profile.timezone,
            "lang": profile.lang,
            "thanks_days": profile.thanks_days,
            "check_days": profile.check_days,
            "reply_days": profile.reply_days,
            "reflect_days": profile.reflect_days,
            "reflect": profile.reflect,
            "smtp_host": profile.smtp_host,
            "smtp_port": profile.smtp_port,
            "smtp_user": profile.smtp_user,
            "smtp_security": profile.smtp_security,
        },
        "interviews": interviews,
    }


def export_json(document: dict[str, Any]) -> Iterator[str]:
    """The document in pieces, one interview per line: readable, diff-friendly, written by
    the C encoder (``indent=`` falls back to the pure-Python one, ten times slower) and
    never held whole in memory."""
    encode = json.JSONEncoder(ensure_ascii=False).encode
    yield "{\n"
    for key, value in document.items():
        if key != "interviews":
            yield f"  {encode(key)}: {encode(value)},\n"
    interviews = document["interviews"]
    if not interviews:
        yield '  "interviews": []\n}\n'
        return
    yield '  "interviews": [\n'
    last = len(interviews) - 1
    for n, item in enumerate(interviews):
        yield f"    {encode(item)}{',' if n < last else ''}\n"
    yield "  ]\n}\n"


def inert(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula (OWASP's CSV injection advice)."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def export_csv(document: dict[str, Any], statuses: dict[int, str]) -> str:
    """One row per interview, RFC 4180, with a byte-order mark so Excel reads UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for item in document["interviews"]:
        thanks = [e["at"] for e in item["events"] if e["kind"] == "done" and e["name"] == "thanks"]
        row = {
            **{k: item[k] for k in CSV_COLUMNS if k in item},
            "status": statuses.get(item["id"], ""),
            "contact": "; ".join(_person(p) for p in item["contacts"]),
            "recruiter": "; ".join(_person(p) for p in item["recruiters"]),
            "thanks_at": thanks[0] if thanks else None,
        }
        writer.writerow([inert("" if row[k] is None else str(row[k])) for k in CSV_COLUMNS])
    return "\ufeff" + out.getvalue()


def _person(person: dict[str, str]) -> str:
    return fields.format_address(person["name"], person["email"])


def export_ics(
    interviews: list[records.Interview], now: datetime, tz: tzinfo, settings: rules.Settings
) -> bytes:
    """One event per pending action, on its deadline (or opening) day, with a reminder."""
    from icalendar import Alarm, Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//followup//interview follow-ups//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "followup")
    names = {
        "reflect": "Reflect on the interview",
        "thanks": "Send a thank-you",
        "check": "Ask for news",
        "reply": "Answer the invitation",
    }
    commands = {
        "reflect": "followup reflect",
        "thanks": "followup draft thanks",
        "check": "followup draft check",
        "reply": "followup done reply",
    }
    for item in interviews:
        for action in rules.assess(item.facts(), now, tz, settings).pending:
            day = action.due.astimezone(tz).date()
            event = Event()
            event.add("uid", f"{item.uid}-{action.action}-{action.number}@followup")
            event.add("summary", f"{names[action.action]}: {item.company}, {item.role}")
            event.add("dtstart", day)
            event.add("dtend", day + timedelta(days=1))
            event.add("dtstamp", now.astimezone(timezone.utc))
            event.add(
                "description",
                f"{names[action.action]} ({dates.show(action.due, tz)}). "
                f"Run: {commands[action.action]} {item.id}",
            )
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", names[action.action])
            # A deadline rings at 09:00 the day before (a deadline can fall early in the day);
            # a check, which only opens, at 09:00 on its day.
            alarm.add("trigger", timedelta(hours=-15) if action.deadline else timedelta(hours=9))
            event.add_component(alarm)
            calendar.add_component(event)
    return calendar.to_ical()


# -- import --------------------------------------------------------------------------------


def _describe(error: ValidationError, prefix: str) -> list[str]:
    problems = []
    for item in error.errors():
        location = ".".join(str(part) for part in item["loc"])
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] == "string_pattern_mismatch":
            message = "must be one line, without control characters"
            if item["loc"][-1] == "uid":
                message = f"{item['input']!r} is not a followup uid (32 hexadecimal digits)"
            elif "email" in str(item["loc"][-1]):
                message = f"{item['input']!r} is not an email address like name@example.com"
        message = FRIENDLY.get(item["type"], message)
        problems.append(f"{prefix}{location}: {message}")
    return problems


def read_json(text: str) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Validate a JSON export; return interviews ready for ``Store.load`` and the profile."""
    try:
        document = ExportIn.model_validate_json(text)
    except ValidationError as error:
        if any(e["type"] == "json_invalid" for e in error.errors()):
            raise ImportError_(f"the file is not valid JSON: {error.errors()[0]['msg']}") from None
        raise ImportError_(_summary(_describe(error, ""))) from None
    interviews = []
    for item in document.interviews:
        data = item.model_dump()
        data["contacts"] = [records.Person(p.name, p.email) for p in item.contacts]
        data["recruiters"] = [records.Person(p.name, p.email) for p in item.recruiters]
        data["events"] = [e.model_dump() for e in item.events]
        data["reflection"] = item.reflection.model_dump() if item.reflection else None
        interviews.append(data)
    return interviews, document.profile.model_dump()


class CsvRowIn(BaseModel):
    """One spreadsheet row; dates are read in the user's zone (passed as validation context)."""

    model_config = ConfigDict(extra="forbid")
    company: str
    role: str
    at: str
    round: int = Field(default=1, ge=1, le=99)
    contact: str = ""
    recruiter: str = ""
    decision_by: str = ""
    lang: Literal["en", "zh", "hi", ""] = ""
    notes: str = ""
    topic: str = ""
    strength: str = ""
    idea: str = ""
    result: Literal["invited", "offer", "rejected", "withdrawn", ""] = ""
    result_at: str = ""
    thanks_at: str = ""

    @field_validator("company", "role")
    @classmethod
    def _one_line(cls, value: str) -> str:
        return fields.one_line(value)


def read_csv(text: str, *, now: datetime, tz: tzinfo) -> list[dict[str, Any]]:
    """Validate a spreadsheet (columns company, role, at and optional others), every row."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise ImportError_(
            "the file is empty: it needs a header row with company, role and at"
        ) from None
    except csv.Error as error:
        raise ImportError_(f"row 1: {error}") from None
    columns = [h.strip().lower() for h in header]
    missing = [c for c in ("company", "role", "at") if c not in columns]
    if missing:
        hint = ""
        if len(header) == 1 and (";" in header[0] or "\t" in header[0]):
            hint = " (the cells seem separated by ';' or tabs: save the file as CSV with commas)"
        raise ImportError_(f"row 1: the header has no column {', '.join(missing)}{hint}")
    unknown = [c for c in columns if c and c not in CSV_KNOWN | CSV_IGNORED]
    if unknown:
        known = ", ".join(sorted(CSV_KNOWN | CSV_IGNORED))
        raise ImportError_(f"row 1: unknown column {', '.join(unknown)}; known: {known}")
    twice = sorted({c for c in columns if c and columns.count(c) > 1})
    if twice:
        raise ImportError_(f"row 1: the column {', '.join(twice)} appears more than once")
    problems: list[str] = []
    interviews: list[dict[str, Any]] = []
    try:
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > len(columns):
                problems.append(f"row {number}: {len(cells)} cells for {len(columns)} columns")
                continue
            values = {
                c: _uninert(v)
                for c, v in zip(columns, cells, strict=False)
                if c in CSV_KNOWN and (v.strip() or c in ("company", "role", "at"))
            }
            row_problems: list[str] = []
            try:
                row = CsvRowIn.model_validate(values)
            except ValidationError as error:
                problems += _describe(error, f"row {number}, ")
                # Still read its dates and addresses, so every bad cell is named at once.
                bad = {str(e["loc"][0]) for e in error.errors() if e["loc"]}
                partial = CsvRowIn.model_construct(**values)  # type: ignore[arg-type]
                _csv_interview(partial, now, tz, row_problems.append)
                problems += [
                    f"row {number}, {p}" for p in row_problems if p.split(":")[0] not in bad
                ]
                continue
            item = _csv_interview(row, now, tz, row_problems.append)
            problems += [f"row {number}, {p}" for p in row_problems]
            interviews.append(item)
    except csv.Error as error:
        problems.append(f"row {reader.line_num}: {error}")
    if problems:
        raise ImportError_(_summary(problems))
    return interviews


def _uninert(cell: str) -> str:
    """Undo :func:`inert` so an exported CSV imports back as it was."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


def _csv_interview(row: CsvRowIn, now: datetime, tz: tzinfo, problem: Any) -> dict[str, Any]:
    def when(column: str, text: str) -> datetime | None:
        if not text.strip():
            return None
        try:
            return dates.parse(text, now=now, tz=tz).astimezone(timezone.utc)
        except ValueError as error:
            problem(f"{column}: {error}")
            return None

    def people(column: str, text: str) -> list[records.Person]:
        found = []
        for part in (p for p in text.split(";") if p.strip()):
            try:
                found.append(records.Person(*fields.address(part)))
            except ValueError as error:
                problem(f"{column}: {error}")
        return found

    def text(column: str, value: str) -> str | None:
        try:
            return fields.text(value) or None
        except ValueError as error:
            problem(f"{column}: {error}")
            return None

    at = when("at", row.at) if row.at.strip() else None
    if at is None and not row.at.strip():
        problem("at: must not be empty")
    decision = None
    if row.decision_by.strip():
        try:
            decision = dates.parse_date(row.decision_by, now=now, tz=tz)
        except ValueError as error:
            problem(f"decision_by: {error}")
    result_at = when("result_at", row.result_at)
    thanks_at = when("thanks_at", row.thanks_at)
    if result_at is not None and not row.result:
        problem("result_at: there is no result to date; fill in the result column")
    for column, moment in (("result_at", result_at), ("thanks_at", thanks_at)):
        if moment is not None and at is not None and moment < at:
            problem(f"{column}: {row.__dict__[column]!r} is before the interview ({row.at!r})")
    events: list[dict[str, Any]] = []
    if thanks_at is not None:
        events.append({"kind": "done", "name": "thanks", "at": thanks_at, "created_at": now})
    if row.result:
        moment = result_at or at or now
        events.append({"kind": "result", "name": row.result, "at": moment, "created_at": now})
    return {
        "company": row.company,
        "role": row.role,
        "at": at,
        "round": row.round,
        "decision_by": decision,
        "lang": row.lang or None,
        "notes": text("notes", row.notes),
        "topic": text("topic", row.topic),
        "strength": text("strength", row.strength),
        "idea": text("idea", row.idea),
        "result": row.result or None,
        "result_at": (result_at or at or now) if row.result else None,
        "created_at": now,
        "updated_at": now,
        "contacts": people("contact", row.contact),
        "recruiters": people("recruiter", row.recruiter),
        "events": events,
    }


def _summary(problems: list[str], limit: int = 20) -> str:
    shown = problems[:limit]
    more = f"\n  ... and {len(problems) - limit} more" if len(problems) > limit else ""
    return "nothing was imported; fix these and try again:\n  " + "\n  ".join(shown) + more
