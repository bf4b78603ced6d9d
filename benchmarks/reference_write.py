"""Reference for the writes: the bare Typer app of reference_bare.py (followup's commands,
options and help), whose add, edit, done, result and reflect insert the same rows as
followup (the row, its people or events, the journal entry for undo) with sqlite3 alone.

    python reference_write.py STORE.db add -c Acme -r 'Support Engineer'
"""

import functools
import json
import sqlite3
import sys
import uuid
from datetime import datetime, timezone

import reference_bare

STORE = sys.argv.pop(1)
FIELDS = ("id", "company", "role", "at", "round", "decision_by", "lang", "notes", "result",
          "result_at", "created_at", "updated_at", "topic", "strength", "idea", "topic_for",
          "uid", "active", "zone")


def begin() -> tuple[sqlite3.Connection, str]:
    conn = sqlite3.connect(STORE, timeout=30, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("BEGIN IMMEDIATE")
    return conn, datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")


def before(conn: sqlite3.Connection, ident: int) -> dict:
    row = conn.execute(f"SELECT {', '.join(FIELDS)} FROM interview WHERE id = ?", (ident,)).fetchone()
    if row is None:
        sys.exit(f"Error: there is no interview {ident}")
    return dict(zip(FIELDS, row))


def journal(conn: sqlite3.Connection, ident: int, kind: str, summary: str, data: object, now: str) -> None:
    conn.execute("INSERT INTO journal (interview_id, kind, summary, data, created_at) VALUES (?, ?, ?, ?, ?)",
                 (ident, kind, summary, json.dumps(data, ensure_ascii=False), now))


def add(company=None, role=None, contact=None, recruiter=None, **_) -> None:
    conn, now = begin()
    ident = (conn.execute("SELECT max(id) FROM interview").fetchone()[0] or 0) + 1
    conn.execute("INSERT INTO setting (key, value) VALUES ('last_interview_id', ?) "
                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (str(ident),))
    conn.execute("INSERT INTO interview (id, company, role, at, round, lang, uid, active, zone, created_at, "
                 "updated_at) VALUES (?, ?, ?, ?, 1, 'en', ?, 1, 'Etc/UTC', ?, ?)",
                 (ident, company, role, now, uuid.uuid4().hex, now, now))
    for position, person in enumerate(contact or []):
        name, _, email = person.partition("<")
        conn.execute("INSERT INTO contact (interview_id, kind, name, email, position) VALUES (?, ?, ?, ?, ?)",
                     (ident, "interviewer", name.strip(), email.rstrip(">"), position))
    journal(conn, ident, "add", f"the addition of interview {ident}", {"id": ident}, now)
    conn.execute("COMMIT")
    print(f"Added interview {ident}: {company}, {role}.")


def edit(interview_id, **given) -> None:
    conn, now = begin()
    row = before(conn, interview_id)
    changes = {k: v for k, v in given.items() if k in FIELDS and v is not None}
    journal(conn, interview_id, "edit", f"the edit of interview {interview_id}",
            {**{k: row[k] for k in changes}, "updated_at": row["updated_at"]}, now)
    changes["updated_at"] = now
    conn.execute(f"UPDATE interview SET {', '.join(f'{k} = ?' for k in changes)} WHERE id = ?",
                 (*changes.values(), interview_id))
    conn.execute("COMMIT")
    print(f"Updated interview {interview_id}.")


def event(interview_id: int, kind: str, name: str) -> None:
    conn, now = begin()
    row = before(conn, interview_id)
    added = conn.execute("INSERT INTO event (interview_id, kind, name, at, created_at) VALUES (?, ?, ?, ?, ?)",
                         (interview_id, kind, name, now, now)).lastrowid
    journal(conn, interview_id, "event", f"{name} for interview {interview_id}",
            {"events": [added], "interview": row}, now)
    if kind == "result":
        conn.execute("UPDATE interview SET result = ?, result_at = ?, updated_at = ? WHERE id = ?",
                     (name, now, now, interview_id))
    conn.execute("UPDATE interview SET active = ? WHERE id = ?", (int(name not in ("offer", "rejected")), interview_id))
    conn.execute("COMMIT")
    print(f"Recorded {name} for interview {interview_id}.")


def done(action, interview_id, **_) -> None:
    event(interview_id, "done", action)


def result(interview_id, outcome, **_) -> None:
    event(interview_id, "result", outcome)


def reflect(interview_id, question=None, answer=None, went_well=None, improve=None, idea=None,
            strength=None, **_) -> None:
    conn, now = begin()
    before(conn, interview_id)
    conn.execute("INSERT INTO reflection (interview_id, went_well, improve, idea, strength, created_at, "
                 "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (interview_id) DO UPDATE SET "
                 "went_well = excluded.went_well, updated_at = excluded.updated_at",
                 (interview_id, went_well, improve, idea, strength, now, now))
    for position, (q, a) in enumerate(zip(question or [], answer or [])):
        conn.execute("INSERT INTO question (interview_id, position, question, answer) VALUES (?, ?, ?, ?)",
                     (interview_id, position, q, a))
    added = conn.execute("INSERT INTO event (interview_id, kind, name, at, created_at) VALUES (?, 'done', "
                         "'reflect', ?, ?)", (interview_id, now, now)).lastrowid
    journal(conn, interview_id, "reflect", f"the reflection on interview {interview_id}",
            {"reflection": None, "questions": [], "event": added}, now)
    conn.execute("COMMIT")
    print(f"Recorded the reflection on interview {interview_id}.")


BODIES = {"add": add, "edit": edit, "done": done, "result": result, "reflect": reflect}
for info in reference_bare.app.registered_commands:
    body = BODIES.get(info.name)
    if body is not None:
        info.callback = functools.wraps(info.callback)(functools.partial(lambda b, **k: b(**k), body))

if __name__ == "__main__":
    reference_bare.app(prog_name="followup")
