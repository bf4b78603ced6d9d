"""Build a followup JSON export shaped like a long job search, for the benchmarks.

Most interviews are closed with a result, a few dozen are open (recent ones, so `due` has
about twenty rows to print), they are spread over years, and contacts have names in
English, Chinese and Hindi.

    python benchmarks/generate.py 10000 /tmp/search-10k.json
    python benchmarks/generate.py 10000 /tmp/open-10k.json 10000    # all 10,000 open
"""

from __future__ import annotations

import json
import random
import sys
import uuid
from datetime import datetime, timedelta, timezone

COMPANIES = ["Acme", "Globex", "Initech", "Umbrella", "华为", "腾讯", "阿里巴巴", "टाटा", "इन्फोसिस", "Wipro"]
ROLES = ["Support Engineer", "客服专员", "ग्राहक सेवा अधिकारी", "Help Desk Analyst", "Customer Success Lead"]
PEOPLE = [("Jane Doe", "jane"), ("王芳", "wang.fang"), ("प्रिया शर्मा", "priya"), ("Raj Patel", "raj"),
          ("李明", "li.ming"), ("Ana Ruiz", "ana")]
OPEN = 40


def iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat()


def document(count: int, now: datetime, seed: int = 7, open_count: int = OPEN) -> dict:
    """``count`` interviews, the last ``open_count`` of them open. Open ones beyond the few
    dozen of a real search are held 8 to 30 days ago with nothing done yet, so each has three
    actions pending (reflection, thank-you, status check): the long-list benchmark."""
    rng = random.Random(seed)
    start = now - timedelta(days=365 * 6)
    closed_span = (now - timedelta(days=30)) - start
    interviews = []
    for n in range(1, count + 1):
        is_open = n > count - open_count
        if is_open and open_count > OPEN:  # many open: 8 to 30 days ago, nothing done
            at = now - timedelta(days=30) + timedelta(minutes=(n * 37) % (22 * 24 * 60))
        elif is_open:  # the last few dozen: the past three weeks and the coming days
            at = now - timedelta(days=21) + timedelta(hours=(n - (count - OPEN)) * 13)
        else:
            at = start + closed_span * (n / count)
        at = at.replace(minute=0, second=0, microsecond=0)
        name, user = rng.choice(PEOPLE)
        company = rng.choice(COMPANIES)
        events = []
        result = result_at = None
        if not is_open or (n % 3 == 0 and open_count <= OPEN):
            events.append({"kind": "done", "name": "thanks", "at": iso(at + timedelta(hours=20)),
                           "created_at": iso(at + timedelta(hours=20))})
        if not is_open:
            result = rng.choice(["rejected", "rejected", "offer", "withdrawn", "invited"])
            result_at = at + timedelta(days=rng.randint(3, 20))
            events.append({"kind": "result", "name": result, "at": iso(result_at),
                           "created_at": iso(result_at)})
            if result == "invited":
                events.append({"kind": "done", "name": "reply", "at": iso(result_at + timedelta(hours=3)),
                               "created_at": iso(result_at + timedelta(hours=3))})
        interviews.append({
            "id": n, "uid": uuid.UUID(int=rng.getrandbits(128)).hex, "company": company,
            "role": rng.choice(ROLES), "at": iso(at), "round": rng.choice([1, 1, 1, 2, 3]),
            "decision_by": None, "lang": rng.choice(["en", "zh", "hi", None]), "notes": None,
            "topic": "escalations" if n % 2 else None, "strength": "bilingual support",
            "idea": None, "result": result, "result_at": iso(result_at) if result_at else None,
            "created_at": iso(at), "updated_at": iso(at),
            "contacts": [{"name": name, "email": f"{user}{n}@example.com"}],
            "recruiters": [{"name": "HR", "email": f"hr{n % 50}@example.com"}],
            "events": events,
        })
    return {
        "format": "followup-export", "version": 1, "exported_at": iso(now),
        "profile": {"name": "Li Wei", "email": "li.wei@example.com", "phone": "+1 555 010 0199",
                    "timezone": "America/New_York", "lang": "en", "thanks_days": 2,
                    "check_days": 7, "reply_days": 1},
        "interviews": interviews,
    }


if __name__ == "__main__":
    size, out = int(sys.argv[1]), sys.argv[2]
    opened = int(sys.argv[3]) if len(sys.argv) > 3 else OPEN
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(document(size, datetime.now(timezone.utc), open_count=opened), handle,
                  ensure_ascii=False)
