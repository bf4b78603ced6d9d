"""Reference for `followup export --format json`: select the same rows with sqlite3, dump JSON."""

import json
import sqlite3
import sys

conn = sqlite3.connect(sys.argv[1])
conn.row_factory = sqlite3.Row
document = {
    table: [dict(row) for row in conn.execute(f"SELECT * FROM {table} ORDER BY id")]
    for table in ("interview", "contact", "event")
}
sys.stdout.write(json.dumps(document, ensure_ascii=False))
