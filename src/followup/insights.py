"""What a history teaches: lessons, similar roles, and the figures of a search. Pure functions
over records and ``now``; no I/O."""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from followup import dates, records, rules


def normalize(question: str) -> str:
    """Two questions are the same when equal ignoring case, spacing and punctuation."""
    kept = "".join(
        c for c in question.casefold() if not unicodedata.category(c).startswith(("P", "S"))
    )
    return " ".join(kept.split())


def lessons(interviews: Iterable[records.Interview], tz: tzinfo) -> dict[str, list[dict[str, Any]]]:
    """Each reflection's "to improve", newest interview first; questions asked in more than
    one interview with how many and which."""
    items = sorted(interviews, key=lambda i: (i.at, i.id), reverse=True)
    improve = [
        {
            "id": i.id,
            "company": i.company,
            "role": i.role,
            "at": dates.iso(i.at, tz),
            "improve": i.reflection.improve,
        }
        for i in items
        if i.reflection and i.reflection.improve
    ]
    asked: dict[str, dict[str, Any]] = {}
    for item in sorted(items, key=lambda i: (i.at, i.id)):
        for question, _ in item.reflection.questions if item.reflection else ():
            key = normalize(question)
            if not key:
                continue
            entry = asked.setdefault(key, {"question": question, "ids": []})
            if item.id not in entry["ids"]:
                entry["ids"].append(item.id)
    repeated = [
        {"question": e["question"], "count": len(e["ids"]), "ids": sorted(e["ids"])}
        for e in asked.values()
        if len(e["ids"]) > 1
    ]
    repeated.sort(key=lambda e: (-e["count"], normalize(e["question"])))
    return {"improve": improve, "repeated": repeated}


def words(text: str) -> set[str]:
    return set(normalize(text).split())


def similar_roles(a: str, b: str, keyword_sets: Sequence[Sequence[str]] = ()) -> bool:
    """Equal ignoring case; or both matched by one guidance file's role keywords; or sharing
    at least half their words (of the shorter title)."""
    if normalize(a) == normalize(b):
        return True
    for keywords in keyword_sets:
        if keywords and matches(a, keywords) and matches(b, keywords):
            return True
    wa, wb = words(a), words(b)
    return bool(wa and wb) and len(wa & wb) * 2 >= min(len(wa), len(wb))


def matches(role: str, keywords: Sequence[str]) -> bool:
    """Whether a role title contains one of the keywords (any language, ignoring case)."""
    title = normalize(role)
    return any(normalize(k) and normalize(k) in title for k in keywords)


# -- the picture of a search -----------------------------------------------------------------


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def stats(
    interviews: Sequence[records.Interview],
    *,
    now: datetime,
    tz: tzinfo,
    settings: rules.Settings,
    since: date | None = None,
) -> dict[str, Any]:
    """The figures of ``followup stats`` as of ``now``, for interviews starting on or after
    ``since`` (a day in the user's calendar)."""
    chosen = [
        i
        for i in interviews
        if i.at <= now and (since is None or i.at.astimezone(tz).date() >= since)
    ]
    funnel: dict[int, dict[str, int]] = {}
    for item in chosen:
        row = funnel.setdefault(
            item.round,
            {"round": item.round, "interviews": 0, "invited": 0, "offers": 0, "rejected": 0},
        )
        row["interviews"] += 1
        outcomes = {e.name for e in item.events if e.kind == "result" and e.at <= now}
        row["invited"] += "invited" in outcomes
        row["offers"] += "offer" in outcomes
        row["rejected"] += "rejected" in outcomes

    thanks = {"on_time": 0, "late": 0, "never": 0, "pending": 0}
    checks = {"early": 0, "on_time": 0}
    days_to_result: list[int] = []
    for item in chosen:
        facts = item.facts(until=now)
        held = facts.tz or tz  # days count in the zone the interview was held in
        events = sorted(facts.events, key=lambda e: e.at)
        deadline = rules.days_later(item.at, settings.thanks_days, held)
        sent = [e.at for e in events if e.kind == "done" and e.name == "thanks"]
        results = [e for e in events if e.kind == "result"]
        if sent:
            thanks["on_time" if sent[0] <= deadline else "late"] += 1
        elif now > deadline or results:
            thanks["never"] += 1
        else:
            thanks["pending"] += 1
        done_checks = [e.at for e in events if e.kind == "done" and e.name == "check"]
        for number, moment in enumerate(done_checks[:2], start=1):
            if number == 1:
                opens = rules.first_check_opens(facts, tz, settings)
            else:
                day = done_checks[0].astimezone(held).date() + timedelta(days=settings.check_days)
                opens = rules.start_of_day(rules.weekday_on_or_after(day), held)
            checks["early" if moment < opens else "on_time"] += 1
        first = next((e for e in results if e.name in ("invited", "offer", "rejected")), None)
        if first is not None:
            days_to_result.append(
                (first.at.astimezone(tz).date() - item.at.astimezone(tz).date()).days
            )

    counted = thanks["on_time"] + thanks["late"] + thanks["never"]
    checked = checks["early"] + checks["on_time"]
    today = now.astimezone(tz).date()
    first_week = week_start(since) if since else week_start(today) - timedelta(weeks=11)
    per_week = []
    week = first_week
    while week <= week_start(today):
        count = sum(1 for i in chosen if week_start(i.at.astimezone(tz).date()) == week)
        iso_year, iso_week, _ = week.isocalendar()
        per_week.append(
            {"week": f"{iso_year}-W{iso_week:02d}", "start": week.isoformat(), "interviews": count}
        )
        week += timedelta(weeks=1)
    return {
        "since": since.isoformat() if since else None,
        "interviews": len(chosen),
        "funnel": [funnel[r] for r in sorted(funnel)],
        "thanks": {
            **thanks,
            "share_on_time": _share(thanks["on_time"], counted),
            "share_late": _share(thanks["late"], counted),
            "share_never": _share(thanks["never"], counted),
        },
        "checks": {
            **checks,
            "share_early": _share(checks["early"], checked),
            "share_on_time": _share(checks["on_time"], checked),
        },
        "median_days_to_result": statistics.median(days_to_result) if days_to_result else None,
        "per_week": per_week,
    }


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def prep(
    *,
    role: str,
    company: str | None,
    exclude: int | None,
    interviews: Sequence[records.Interview],
    statuses: dict[int, str],
    lang: str,
    guides: Sequence[Any],
    keyword_sets: Sequence[Sequence[str]],
    tz: tzinfo,
    flags: Sequence[Any] = (),
) -> dict[str, Any]:
    """What to read before an interview for ``role`` (at ``company``): past interviews there,
    questions asked before for similar roles with every answer given, lessons, guidance, and
    the answers given before that the guidance warns against (``flags``: guidance.Flag)."""
    others = sorted((i for i in interviews if i.id != exclude), key=lambda i: (i.at, i.id))
    same_company = normalize(company) if company else None
    past = [
        {
            "id": i.id,
            "at": dates.iso(i.at, tz),
            "role": i.role,
            "round": i.round,
            "status": statuses.get(i.id, ""),
            "reflection": i.reflection.as_json() if i.reflection else None,
        }
        for i in others
        if same_company is not None and normalize(i.company) == same_company
    ]
    similar = [
        {
            "id": i.id,
            "company": i.company,
            "role": i.role,
            "at": dates.iso(i.at, tz),
            "question": q,
            "answer": a,
        }
        for i in others
        if i.reflection and similar_roles(role, i.role, keyword_sets)
        for q, a in i.reflection.questions
    ]
    learnt = [
        {
            "id": i.id,
            "company": i.company,
            "at": dates.iso(i.at, tz),
            "improve": i.reflection.improve,
        }
        for i in reversed(others)
        if i.reflection and i.reflection.improve
    ]
    advice = [
        {"id": g.id, "question": g.question, "tests": g.tests, "build": g.build, "avoid": g.avoid}
        for g in guides
    ]
    warned = [
        {
            "id": q["id"],
            "question": q["question"],
            "answer": q["answer"],
            "flag": flag.id,
            "words": found,
            "advice": flag.advice,
        }
        for q in similar
        for flag in flags
        if (found := flagged(str(q["answer"]), flag.words))
    ]
    return {
        "lang": lang,
        "past": past,
        "similar_questions": similar,
        "lessons": learnt,
        "guidance": advice,
        "warnings": warned,
    }


def flagged(answer: str, words: Sequence[str]) -> list[str]:
    """The words of ``words`` in ``answer``: whole words in Latin script, any place in others."""
    text = answer.casefold()
    found = []
    for word in words:
        key = word.casefold()
        if key.isascii():
            if re.search(rf"(?<!\w){re.escape(key)}(?!\w)", text):
                found.append(word)
        elif key in text:
            found.append(word)
    return found
