"""Writing a history out: the JSON backup, CSV for spreadsheets, iCalendar for reminders."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Any

from followup import dates, fields, records, rules

FORMAT = "followup-export"
VERSION = 1
CSV_COLUMNS = (
    "id", "company", "role", "at", "round", "status", "contact", "recruiter", "decision_by",
    "lang", "notes", "topic", "strength", "idea", "result", "result_at", "thanks_at",
)  # fmt: skip
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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
    written: dict[int, list[dict[str, Any]]] = {}
    for row in sorted(dump.get("message", []), key=lambda r: (_iso(r["at"]), r["id"])):
        written.setdefault(row["interview_id"], []).append(
            {
                "kind": row["kind"],
                "message_id": row["message_id"],
                "recipients": row["recipients"],
                "via": row["via"],
                "at": _iso(row["at"]),
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
                "zone": row.get("zone"),
                "notes": row["notes"],
                "topic": row["topic"],
                "topic_for": [
                    {"email": e, "topic": t} for e, t in records.topic_for_from(row["topic_for"])
                ],
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
                "messages": written.get(ident, []),
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
            "locale": profile.locale,
            "thanks_days": profile.thanks_days,
            "check_days": profile.check_days,
            "reply_days": profile.reply_days,
            "reflect_days": profile.reflect_days,
            "reflect": profile.reflect,
            "smtp_host": profile.smtp_host,
            "smtp_port": profile.smtp_port,
            "smtp_user": profile.smtp_user,
            "smtp_security": profile.smtp_security,
            "imap_host": profile.imap_host,
            "imap_port": profile.imap_port,
            "imap_user": profile.imap_user,
            "imap_security": profile.imap_security,
            "imap_sent": profile.imap_sent,
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
    """A cell a spreadsheet will not run as a formula (OWASP's CSV injection advice): one
    apostrophe before it. A cell the user began with apostrophes before a formula character
    gets one more, so the import (``transfer.read``) takes exactly one off every such cell."""
    return "'" + cell if cell.lstrip("'").startswith(FORMULA_STARTS) else cell


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
    """``Name <email>``; a name with ``;`` (which separates people in a cell) in quotes."""
    name = person["name"]
    return fields.format_address(f'"{name}"' if ";" in name else name, person["email"])


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
        "prep": "Prepare for the interview",
        "reflect": "Reflect on the interview",
        "thanks": "Send a thank-you",
        "check": "Ask for news",
        "reply": "Answer the invitation",
    }
    commands = {
        "prep": "followup prep",
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
            # A deadline rings at 09:00 the day before (a deadline can fall early in the day),
            # a prep at 18:00 the evening before, a check (which only opens) at 09:00 on its day.
            trigger = timedelta(hours=-15) if action.deadline else timedelta(hours=9)
            if action.action == "prep":
                trigger = timedelta(hours=rules.PREP_HOUR - 24)
            alarm.add("trigger", trigger)
            event.add_component(alarm)
            calendar.add_component(event)
    return calendar.to_ical()
