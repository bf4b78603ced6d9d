"""Reading a file to import: the JSON backup or a spreadsheet saved as CSV.

Rows are read one at a time (a JSON export through :mod:`followup.transfer.stream`, a CSV
file through ``csv.reader``), each validated with pydantic (:mod:`followup.transfer.models`)
by one function per format (:func:`json_interview`, :func:`csv_interview`) as the store
inserts them in batches inside one transaction. The first bad row stops the inserting; the
rest is still read to name every bad row and field, and the error at the end rolls the
whole import back: a file with one bad row imports nothing.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from datetime import date, datetime, timezone, tzinfo
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from followup import dates, fields, records, zones
from followup.errors import FollowupError
from followup.i18n import N_, _
from followup.transfer.export import FORMULA_STARTS
from followup.transfer.models import MAX_ID, CsvRowIn, ExportIn, InterviewIn

CSV_KNOWN = {
    "company", "role", "at", "round", "contact", "recruiter", "decision_by", "lang", "notes",
    "result", "result_at", "thanks_at", "topic", "strength", "idea",
}  # fmt: skip
CSV_IGNORED = {"id", "status"}  # written by the CSV export, derived on import


MAX_BYTES = 200 * 1024 * 1024  # 200 MiB, some 300,000 interviews: a larger file is refused
_CHUNK = 1024 * 1024
SQLITE_MAGIC = b"SQLite format 3\0"


class ImportError_(FollowupError):
    """A file that cannot be imported; the message names every bad row and field."""


def open_import(path: Path) -> IO[str]:
    """A file to import as text, read as it is imported, in bounded memory: reading stops
    with :class:`ImportError_` past ``MAX_BYTES`` or at the first NUL byte (a binary file,
    ``/dev/zero``); text that is not UTF-8 fails where it is met (see :func:`read_csv`)."""
    try:
        raw = path.open("rb")
    except OSError as error:
        raise ImportError_(f"cannot read {path}: {error.strerror or error}") from None
    return io.TextIOWrapper(
        io.BufferedReader(_Bounded(raw, path), _CHUNK), encoding="utf-8-sig", newline=""
    )


class _Bounded(io.RawIOBase):
    """A binary file that refuses, as it is read, NUL bytes and more than ``MAX_BYTES``."""

    def __init__(self, raw: IO[bytes], path: Path) -> None:
        self.raw, self.path, self.read_so_far = raw, path, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return self.raw.seekable()

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        position = self.raw.seek(offset, whence)
        self.read_so_far = position
        return position

    def readinto(self, buffer: Any) -> int:
        try:
            count = self.raw.readinto(buffer)  # type: ignore[attr-defined]
        except OSError as error:
            raise ImportError_(f"cannot read {self.path}: {error.strerror or error}") from None
        if not count:
            return 0
        if not self.read_so_far and bytes(memoryview(buffer)[:16]) == SQLITE_MAGIC:
            raise ImportError_(
                _(
                    "{path} is an SQLite file, such as a `followup backup`; import reads a "
                    "JSON or CSV export. To restore a backup into the store: {command}, then "
                    "followup import backup.json"
                ).format(
                    path=self.path,
                    command=f"FOLLOWUP_DATABASE_URL=sqlite:///{self.path.resolve()} "
                    "followup export -o backup.json",
                )
            )
        if b"\0" in memoryview(buffer)[:count].tobytes():
            raise ImportError_(
                _(
                    "{path} is not UTF-8 text (it holds NUL bytes); import reads a "
                    "followup JSON export or a CSV file saved as UTF-8."
                ).format(path=self.path)
            )
        self.read_so_far += count
        if self.read_so_far > MAX_BYTES:
            raise ImportError_(
                f"{self.path} is larger than {MAX_BYTES // (1024 * 1024)} MiB, the most "
                "import reads; split it into smaller files."
            )
        return int(count)

    def close(self) -> None:
        self.raw.close()
        super().close()


_BOUNDS = {"greater_than_equal", "less_than", "less_than_equal"}
FRIENDLY = {
    "string_too_short": N_("must not be empty"),
    "missing": N_("is missing"),
}


def _describe(error: ValidationError, prefix: str) -> list[str]:
    problems = []
    for item in error.errors():
        location = ".".join(str(part) for part in item["loc"])
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] == "string_pattern_mismatch":
            message = _("must be one line, without control characters")
            if item["loc"][-1] == "uid":
                message = _("{value} is not a followup uid (32 hexadecimal digits)").format(
                    value=repr(item["input"])
                )
            elif "email" in str(item["loc"][-1]):
                message = _("{value} is not an email address like name@example.com").format(
                    value=repr(item["input"])
                )
        if item["type"] in FRIENDLY:
            message = _(FRIENDLY[item["type"]])
        if item["loc"][-1] == "id" and item["type"] == "less_than_equal":
            message = _("{value} is past the largest id a store holds ({most})").format(
                value=item["input"], most=MAX_ID
            )
        bound = next(iter(item.get("ctx", {}).values()), None)
        if isinstance(bound, (date, str)) and item["type"] in _BOUNDS and "-" in str(bound):
            message = _("{text} is not between the years {first} and {last}").format(
                text=repr(item["input"]), first=dates.FIRST_YEAR, last=dates.LAST_YEAR
            )
        problems.append(f"{prefix}{location}: {message}")
    return problems


class Problems:
    """What is wrong with a file, row by row: the first few kept to show, all counted."""

    def __init__(self, limit: int = 20) -> None:
        self.limit = limit
        self.shown: list[str] = []
        self.count = 0

    def add(self, *problems: str) -> None:
        self.count += len(problems)
        self.shown += problems[: max(0, self.limit - len(self.shown))]

    def __bool__(self) -> bool:
        return self.count > 0

    def raise_any(self) -> None:
        if self.count:
            more = self.count - len(self.shown)
            tail = f"\n  ... and {more} more" if more else ""
            raise ImportError_(
                "nothing was imported; fix these and try again:\n  "
                + "\n  ".join(self.shown)
                + tail
            )


def _not_utf8(name: str) -> FollowupError:
    return FollowupError(
        _("{name} is not UTF-8 text; save it as UTF-8 (CSV UTF-8 in Excel).").format(name=name)
    )


class JsonImport:
    """A JSON export read one interview at a time (:mod:`followup.transfer.stream`).

    ``interviews()`` yields each interview, validated, ready for ``Store.load``, and stops
    yielding at the first bad one, reading on only to name every bad row; at its end it
    raises :class:`ImportError_` naming them, so a caller inserting inside one transaction
    imports nothing. ``profile()`` is the file's profile once ``interviews()`` is done."""

    def __init__(self, handle: IO[str], name: str) -> None:
        self.handle = handle
        self.name = name
        self._profile: dict[str, Any] | None = None

    def profile(self) -> dict[str, Any]:
        assert self._profile is not None, "read interviews() through first"
        return self._profile

    def interviews(self) -> Iterator[dict[str, Any]]:
        from followup.transfer.stream import JsonStream

        header: dict[str, Any] = {}
        problems = Problems()
        try:
            for key, value in JsonStream(self.handle, streamed=("interviews",)).members():
                if key != "interviews" or not hasattr(value, "__next__"):
                    header[key] = value
                    continue
                header[key] = []
                first_with: dict[str, int] = {}  # uid -> the row that has it
                for number, raw in enumerate(value):
                    item = json_interview(raw, f"interviews.{number}.", problems)
                    uid = item.get("uid") if item is not None else None
                    if uid is not None and uid in first_with:
                        problems.add(
                            f"interviews.{number}.uid: {uid} is the uid of interviews."
                            f"{first_with[uid]} too; two interviews cannot share one"
                        )
                    elif uid is not None:
                        first_with[uid] = number
                    if item is not None and not problems:
                        yield item
        except json.JSONDecodeError as error:
            raise ImportError_(f"the file is not valid JSON: {error.msg}") from None
        except UnicodeDecodeError:
            raise _not_utf8(self.name) from None
        try:
            self._profile = ExportIn.model_validate(header).profile.model_dump()
        except ValidationError as error:
            problems.add(*_describe(error, ""))
        problems.raise_any()


def json_interview(raw: Any, prefix: str, problems: Problems) -> dict[str, Any] | None:
    """One interview of a JSON export, checked; None (its problems added) when it is bad."""
    try:
        item = InterviewIn.model_validate(raw)
    except ValidationError as error:
        problems.add(*_describe(error, prefix))
        return None
    data = item.model_dump(
        exclude={"contacts", "recruiters", "events", "topic_for", "reflection", "messages"}
    )
    data["contacts"] = [records.Person(p.name, p.email) for p in item.contacts]
    data["recruiters"] = [records.Person(p.name, p.email) for p in item.recruiters]
    data["events"] = [e.model_dump() for e in item.events]
    data["topic_for"] = records.topic_for_text((t.email, t.topic) for t in item.topic_for)
    data["reflection"] = item.reflection.model_dump() if item.reflection else None
    data["messages"] = [m.model_dump() for m in item.messages]
    return data


def read_json(handle: IO[str], name: str = "the file") -> JsonImport:
    """A JSON export to import, read as it is inserted (see :class:`JsonImport`)."""
    return JsonImport(handle, name)


def read_csv(
    handle: IO[str], *, now: datetime, tz: tzinfo, name: str = "the file"
) -> Iterator[dict[str, Any]]:
    """A spreadsheet's rows (columns company, role, at and optional others), each checked
    as it is read; like :meth:`JsonImport.interviews`, nothing more is yielded after a bad
    row, and the end raises :class:`ImportError_` naming every one."""
    try:
        yield from _csv_rows(handle, now=now, tz=tz)
    except UnicodeDecodeError:
        raise _not_utf8(name) from None


def _csv_rows(handle: IO[str], *, now: datetime, tz: tzinfo) -> Iterator[dict[str, Any]]:
    reader = csv.reader(handle)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportError_(
            "the file is empty: it needs a header row with company, role and at"
        ) from None
    except csv.Error as error:
        raise ImportError_(f"row 1: {error}") from None
    columns = csv_columns(header)
    problems = Problems()
    try:
        for number, cells in enumerate(reader, start=2):
            item = csv_interview(number, cells, columns, now, tz, problems)
            if item is not None and not problems:
                yield item
    except csv.Error as error:
        problems.add(f"row {reader.line_num}: {error}")
    problems.raise_any()


def csv_columns(header: list[str]) -> list[str]:
    """The header row's column names, checked."""
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
    return columns


def csv_interview(
    number: int,
    cells: list[str],
    columns: list[str],
    now: datetime,
    tz: tzinfo,
    problems: Problems,
) -> dict[str, Any] | None:
    """One spreadsheet row, checked; None for a blank row, or (its problems added) a bad one."""
    if not any(cell.strip() for cell in cells):
        return None
    if len(cells) != len(columns):
        problems.add(f"row {number}: {len(cells)} cells for {len(columns)} columns")
        return None
    values = {
        c: _uninert(v)
        for c, v in zip(columns, cells, strict=False)
        if c in CSV_KNOWN and (v.strip() or c in ("company", "role", "at"))
    }
    row_problems: list[str] = []
    try:
        row = CsvRowIn.model_validate(values)
    except ValidationError as error:
        problems.add(*_describe(error, f"row {number}, "))
        # Still read its dates and addresses, so every bad cell is named at once.
        bad = {str(e["loc"][0]) for e in error.errors() if e["loc"]}
        partial = CsvRowIn.model_construct(**values)  # type: ignore[arg-type]
        _csv_interview(partial, now, tz, row_problems.append)
        problems.add(*(f"row {number}, {p}" for p in row_problems if p.split(":")[0] not in bad))
        return None
    item = _csv_interview(row, now, tz, row_problems.append)
    if row_problems:
        problems.add(*(f"row {number}, {p}" for p in row_problems))
        return None
    return item


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
