"""Reading a file to import: the JSON backup or a spreadsheet saved as CSV.

Every row is validated with pydantic (:mod:`followup.transfer.models`) before anything is
written, and a file with one bad row imports nothing; the error names every bad row and field.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, timezone, tzinfo
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from followup import dates, fields, records, zones
from followup.errors import FollowupError
from followup.transfer.export import FORMULA_STARTS
from followup.transfer.models import MAX_ID, CsvRowIn, ExportIn

CSV_KNOWN = {
    "company", "role", "at", "round", "contact", "recruiter", "decision_by", "lang", "notes",
    "result", "result_at", "thanks_at", "topic", "strength", "idea",
}  # fmt: skip
CSV_IGNORED = {"id", "status"}  # written by the CSV export, derived on import


MAX_BYTES = 200 * 1024 * 1024  # 200 MiB, some 300,000 interviews: a larger file is refused
_CHUNK = 1024 * 1024


class ImportError_(FollowupError):
    """A file that cannot be imported; the message names every bad row and field."""


def read_text(path: Path) -> str:
    """The text of a file to import, read in bounded memory: refused past ``MAX_BYTES``, at
    the first NUL byte (a binary file, ``/dev/zero``), or when it is not UTF-8."""
    data = bytearray()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                if b"\0" in chunk:
                    raise ImportError_(
                        f"{path} is not UTF-8 text (it holds NUL bytes); import reads a "
                        "followup JSON export or a CSV file saved as UTF-8."
                    )
                if len(data) + len(chunk) > MAX_BYTES:
                    raise ImportError_(
                        f"{path} is larger than {MAX_BYTES // (1024 * 1024)} MiB, the most "
                        "import reads; split it into smaller files."
                    )
                data += chunk
    except OSError as error:
        raise ImportError_(f"cannot read {path}: {error.strerror or error}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportError_(
            f"{path} is not UTF-8 text; save it as UTF-8 (CSV UTF-8 in Excel)."
        ) from None


_BOUNDS = {"greater_than_equal", "less_than", "less_than_equal"}
FRIENDLY = {
    "string_too_short": "must not be empty",
    "missing": "is missing",
}


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
        if item["loc"][-1] == "id" and item["type"] == "less_than_equal":
            message = f"{item['input']} is past the largest id a store holds ({MAX_ID})"
        bound = next(iter(item.get("ctx", {}).values()), None)
        if isinstance(bound, (date, str)) and item["type"] in _BOUNDS and "-" in str(bound):
            message = f"{item['input']!r} is not {dates.RANGE_TEXT}"
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
    first_with: dict[str, int] = {}
    twice = []
    for number, item in enumerate(document.interviews):
        if item.uid is None:
            continue
        if item.uid in first_with:
            twice.append(
                f"interviews.{number}.uid: {item.uid} is the uid of interviews."
                f"{first_with[item.uid]} too; two interviews cannot share one"
            )
        first_with.setdefault(item.uid, number)
    if twice:
        raise ImportError_(_summary(twice))
    interviews = []
    for item in document.interviews:
        data = item.model_dump()
        data["contacts"] = [records.Person(p.name, p.email) for p in item.contacts]
        data["recruiters"] = [records.Person(p.name, p.email) for p in item.recruiters]
        data["events"] = [e.model_dump() for e in item.events]
        data["topic_for"] = records.topic_for_text((t.email, t.topic) for t in item.topic_for)
        data["reflection"] = item.reflection.model_dump() if item.reflection else None
        data["messages"] = [m.model_dump() for m in item.messages]
        interviews.append(data)
    return interviews, document.profile.model_dump()


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
            if len(cells) != len(columns):
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


# One person of a cell: "Name; Jr" <email> (the export quotes a name with ;), Name <email>,
# or anything else up to the next ; (an email alone, or a mistake fields.address names).
_PEOPLE = re.compile(r'\s*"[^<>]*"\s*<[^<>]*>\s*|[^;<>]*<[^<>]*>\s*|[^;]+')


def _uninert(cell: str) -> str:
    """Undo :func:`inert` so an exported CSV imports back as it was."""
    escaped = cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_STARTS)
    return cell[1:] if escaped else cell


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
        for part in (p for p in _PEOPLE.findall(text) if p.strip()):
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
    # As `result` and `done` refuse them; a withdrawal may come before the interview.
    checked = [("thanks_at", thanks_at)]
    if row.result != "withdrawn":
        checked.append(("result_at", result_at))
    for column, moment in checked:
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
        "zone": zones.zone_name(tz),
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
