"""Reference for `followup import`: the same rows inserted with sqlite3.executemany in one
transaction, into a store made empty by followup (so the schema and indexes are the same).

    python reference_import.py EXPORT.json EMPTY_STORE.db
"""

import json
import sqlite3
import sys

with open(sys.argv[1], encoding="utf-8") as handle:
    document = json.load(handle)
conn = sqlite3.connect(sys.argv[2], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
interviews, contacts, events = [], [], []
for item in document["interviews"]:
    interviews.append((item["id"], item["uid"], item["company"], item["role"], item["at"],
                       item["round"], item["decision_by"], item["lang"], item["notes"],
                       item["topic"], item["strength"], item["idea"], item["result"],
                       item["result_at"], item["created_at"], item["updated_at"]))
    for kind, people in (("interviewer", item["contacts"]), ("recruiter", item["recruiters"])):
        for position, person in enumerate(people):
            contacts.append((item["id"], kind, person["name"], person["email"], position))
    for event in item["events"]:
        events.append((item["id"], event["kind"], event["name"], event["at"], event["created_at"]))
conn.executemany(
    "INSERT INTO interview (id, uid, company, role, at, round, decision_by, lang, notes, topic, "
    "strength, idea, result, result_at, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", interviews)
conn.executemany("INSERT INTO contact (interview_id, kind, name, email, position) VALUES (?, ?, ?, ?, ?)", contacts)
conn.executemany("INSERT INTO event (interview_id, kind, name, at, created_at) VALUES (?, ?, ?, ?, ?)", events)
conn.execute("COMMIT")
